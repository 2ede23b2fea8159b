import { z } from 'zod';

/**
 * The HTTP API's answers, declared once: the routes answer with these schemas (Fastify
 * serialises through them, so nothing undeclared leaves the server) and the browser reads each
 * answer with the same schema (web/src/api/client.ts `http`). This folder is compiled by the
 * server and by web/tsconfig.json: zod only, no server code.
 */

export const timestamp = z.string().describe('ISO-8601 timestamp (UTC)');
export const language = z.enum(['de', 'en']);
export const staffRole = z.enum(['admin', 'host', 'dpo']);

/** The answer to asking for a mail: the same whether or not the address is known. */
export const checkEmail = z.object({ status: z.literal('check_email') });
