import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.js';
import { translateIssue, translator } from './i18n.js';
import { ValidationFailure } from './validation.js';

/**
 * Every error leaves the server as `{ error: { code, message, details? } }` in the request's
 * language, with a 4xx status for anything the client can fix. Stack traces never leave.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ValidationFailure, request, reply) => {
    if (error instanceof ValidationFailure) {
      const details = error.issues.map((issue) => ({
        field: [error.validationContext, ...issue.path.map(String)].filter(Boolean).join('.'),
        message: translateIssue(issue, request.language),
      }));
      return sendError(request, reply, new AppError('ERR_VALIDATION'), details);
    }
    if (error instanceof AppError) return sendError(request, reply, error);

    const known = fastifyErrorCode(error);
    if (known) return sendError(request, reply, new AppError(known));

    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, new AppError('ERR_INTERNAL'));
  });
}

function fastifyErrorCode(error: FastifyError): ErrorCode | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'ERR_MALFORMED_JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'ERR_BODY_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'ERR_UNSUPPORTED_MEDIA_TYPE';
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return 'ERR_MALFORMED_JSON';
  if (error.statusCode === 404) return 'ERR_NOT_FOUND';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'ERR_VALIDATION';
  return undefined;
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  details?: { field: string; message: string }[],
): FastifyReply {
  const t = translator(request.language);
  const retryAfter = error.params.retryAfter;
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  return reply.status(error.status).send({
    error: { code: error.code, message: t(error.code, error.params), ...(details ? { details } : {}) },
  });
}
