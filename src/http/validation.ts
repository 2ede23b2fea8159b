import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

/**
 * Route schemas are zod schemas. Validation keeps zod's own issues (with the input's type, which
 * zod needs to phrase "expected string, received number") so that the error handler can
 * translate each one into the request's language.
 */
export class ValidationFailure extends Error {
  /** Set by Fastify: which part of the request failed (body, querystring, params, headers). */
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('validation failed');
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    return result.success ? { value: result.data } : { error: new ValidationFailure(result.error.issues) };
  };
