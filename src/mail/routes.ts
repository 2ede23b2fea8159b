import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Authenticator } from '../http/auth.js';
import { staffSecurity, timestamp } from '../http/schemas.js';
import type { MailService } from './service.js';

export interface MailRoutesOptions {
  auth: Authenticator<'outbox.read'>;
  mail: MailService;
}

const outboxMessage = z.object({
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

export const mailRoutes: FastifyPluginAsyncZod<MailRoutesOptions> = async (app, { auth, mail }) => {
  app.get('/outbox', {
    preHandler: authorize(auth, 'outbox.read'),
    schema: {
      tags: ['mail'],
      summary: 'Mail sent by Plenum, newest first (the local outbox when no SMTP server is configured)',
      security: staffSecurity,
      response: { 200: z.object({ mode: z.enum(['outbox', 'smtp']), messages: z.array(outboxMessage) }) },
    },
    handler: async () => ({
      mode: mail.mode,
      messages: (await mail.listOutbox()).map((m) => ({
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        // outbox.read is the admin's alone: a pending admin invitation must not reach any other role.
        text: mail.mode === 'outbox' ? (mail.heldText(m.id) ?? m.body_text) : null,
        linksHeld: mail.mode === 'outbox' && mail.heldText(m.id) !== undefined,
        purpose: m.purpose,
        status: m.status,
        attempts: m.attempts,
        lastError: m.last_error,
        createdAt: m.created_at,
        sentAt: m.sent_at,
      })),
    }),
  });
};
