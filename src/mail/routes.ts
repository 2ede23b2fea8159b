import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, type Authenticator } from '../http/auth.js';
import { staffSecurity } from '../http/schemas.js';
import { outbox } from '../shared/api/mail.js';
import type { MailService } from './service.js';

export interface MailRoutesOptions {
  auth: Authenticator<'outbox.read'>;
  mail: MailService;
}

export const mailRoutes: FastifyPluginAsyncZod<MailRoutesOptions> = async (app, { auth, mail }) => {
  app.get('/outbox', {
    preHandler: authorize(auth, 'outbox.read'),
    schema: {
      tags: ['mail'],
      summary: 'Mail sent by Plenum, newest first (the local outbox when no SMTP server is configured)',
      security: staffSecurity,
      response: { 200: outbox },
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
