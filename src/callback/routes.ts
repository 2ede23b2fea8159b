import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import { ownerOf } from '../accounts/policy.js';
import { AppError } from '../errors.js';
import { phoneNumber } from '../shared/schemas.js';
import { actorOf, authorize } from '../http/auth.js';
import { errorResponse, language, personName, plainText, staffSecurity, uuid } from '../http/schemas.js';
import { callbackList, callbackReceived, callbackTerms } from '../shared/api/callback.js';
import type { CallbackService } from './service.js';

export interface CallbackRoutesOptions {
  auth: AuthService;
  callbacks: CallbackService;
  /** RETENTION_CALLBACK_DAYS: the consent sentence names it. */
  retentionDays: number;
}

const minute = 60_000;
const noMarkup = (max: number) => plainText(max).pipe(z.string().min(1));

const submission = z.strictObject({
  name: personName,
  phone: phoneNumber.pipe(z.string({ error: 'ERR_PHONE_INVALID' })),
  preferredTime: noMarkup(200),
  topic: noMarkup(1000),
  consent: z.literal(true, { error: 'Consent to be called is required' }),
  captcha: z.string().min(10).max(4000),
  language: language.optional(),
});

/** The public callback form and the staff queue. */
export const callbackRoutes: FastifyPluginAsyncZod<CallbackRoutesOptions> = async (app, { auth, callbacks, retentionDays }) => {
  const manage = authorize(auth, 'callbacks.manage');
  const perHour = app.createRateLimit({ max: 5, timeWindow: 60 * minute });

  app.get('/public/callbacks/terms', {
    schema: {
      tags: ['callback (public)'],
      summary: 'What the callback form’s consent states: days after the call until the request is deleted (RETENTION_CALLBACK_DAYS)',
      response: { 200: callbackTerms },
    },
    handler: async () => ({ retentionDays }),
  });

  app.post('/public/callbacks', {
    bodyLimit: 16 * 1024,
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags: ['callback (public)'],
      summary: 'Ask to be called back (needs a solved ALTCHA challenge from /api/public/captcha and consent to be called)',
      body: submission,
      response: { 202: callbackReceived, 400: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const limit = await perHour(request);
      if (!limit.isAllowed && limit.isExceeded) throw new AppError('ERR_RATE_LIMITED', { retryAfter: limit.ttlInSeconds });
      await callbacks.submit({ ...request.body, language: request.body.language ?? request.language });
      return reply.status(202).send({ status: 'received' });
    },
  });

  app.get('/callbacks', {
    preHandler: manage,
    schema: {
      tags: ['callback'],
      summary: 'The callback queue, oldest first (viewing it is audited)',
      security: staffSecurity,
      querystring: z.strictObject({ filter: z.enum(['open', 'done', 'all']).default('open') }),
      response: { 200: callbackList },
    },
    handler: async (request) => ({ callbacks: await callbacks.list(actorOf(request), request.query.filter) }),
  });

  app.post('/callbacks/:id/assign', {
    preHandler: manage,
    schema: {
      tags: ['callback'],
      summary: 'Take a callback request (or give it back with `me: false`)',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      body: z.strictObject({ me: z.boolean() }),
      response: { 204: z.null(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      await callbacks.assign(actor, request.params.id, request.body.me ? ownerOf(actor) : null);
      return reply.status(204).send(null);
    },
  });

  app.post('/callbacks/:id/done', {
    preHandler: manage,
    schema: {
      tags: ['callback'],
      summary: 'Mark a callback request done (deleted RETENTION_CALLBACK_DAYS later)',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      response: { 204: z.null(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      await callbacks.markDone(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
