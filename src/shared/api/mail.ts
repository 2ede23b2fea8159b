import { z } from 'zod';
import { timestamp } from './common.js';

/** Mail sent by Plenum (src/mail/routes.ts). */

export const outboxMessage = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string().nullable().describe('Only in outbox mode; with SMTP the text is not shown here'),
  linksHeld: z
    .boolean()
    .describe(
      'Outbox mode: the text still carries its links (held in memory, admins only, until Plenum restarts); false: the stored copy, links removed',
    ),
  purpose: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: timestamp,
  sentAt: timestamp.nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const outbox = z.object({ mode: z.enum(['outbox', 'smtp']), messages: z.array(outboxMessage) });
export type Outbox = z.infer<typeof outbox>;
