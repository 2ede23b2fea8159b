import { z } from 'zod';

/** Building blocks for route schemas; every body is a strict object, so unknown fields are rejected. */

export const emailAddress = z.string().trim().max(254).toLowerCase().pipe(z.email());

export const newPassword = z.string().min(12).max(256);

/** The rules for what a person types (a name, one line of text) are shared with the browser's contract (src/shared/plain-text.ts). */
export { acceptPersonName, personName, plainText } from '../shared/plain-text.js';
export const uuid = z.uuid();
export { language, staffRole, timestamp } from '../shared/api/common.js';

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .describe('An error, translated into the language of the Accept-Language header');

export const noContent = z.null().describe('No content');

/** How OpenAPI shows that a route takes a staff session or an API token. */
type Security = { [scheme: string]: readonly string[] }[];
export const staffSecurity: Security = [{ session: [] }, { apiToken: [] }];
export const sessionSecurity: Security = [{ session: [] }];
