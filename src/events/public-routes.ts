import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { clientKey } from '../http/client-key.js';
import { errorResponse } from '../http/schemas.js';
import type { Captcha } from '../shared/captcha.js';
import type { EventsService } from './events-service.js';
import type { RegistrationService } from './registration-service.js';
import { checkEmail } from '../shared/api/common.js';
import { ownRegistration, publicEvent, registrationConfirmed } from '../shared/api/events.js';
import { registrantDetails, registrationSubmission } from './schemas.js';

export interface PublicRoutesOptions {
  events: EventsService;
  registrations: RegistrationService;
  captcha: Captcha;
}

const minute = 60_000;
const tags = ['registration (public)'];
const token = z.string().min(20).max(100);
const slugParams = z.strictObject({ slug: z.string().min(1).max(40) });
const tokenParams = z.strictObject({ token });

const challengeOut = z.object({
  parameters: z.object({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number(),
    keyLength: z.number(),
    keyPrefix: z.string(),
    keySignature: z.string().optional(),
    expiresAt: z.number().optional(),
  }),
  signature: z.string().optional(),
});

/** The registration pages' API: no sign-in; limited per client address and, for submissions, per email address. */
export const publicRegistrationRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (app, { events, registrations, captcha }) => {
  const submissionsPerAddress = app.createRateLimit({
    max: 5,
    timeWindow: 60 * minute,
    // Per email address and client: someone else's submissions cannot use up a person's own.
    keyGenerator: (request) => `registration:${(request.body as { email?: string }).email ?? ''}:${clientKey(request.ip)}`,
  });

  app.get('/public/captcha', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'A new proof-of-work challenge for the ALTCHA widget (valid 10 minutes, usable once)',
      response: { 200: challengeOut },
    },
    handler: async (_request, reply) => reply.header('cache-control', 'no-store').send(await captcha.challenge()),
  });

  app.get('/public/events/:slug', {
    schema: {
      tags,
      summary: 'The event behind a registration link, with its questions and the privacy notice in force',
      params: slugParams,
      response: { 200: publicEvent, 404: errorResponse },
    },
    handler: async (request) => events.publicEvent(request.params.slug, request.language),
  });

  app.get('/public/events/:slug/speakers/:speakerId/photo', {
    schema: {
      tags,
      summary: 'A speaker’s photo (JPEG)',
      params: z.strictObject({ slug: slugParams.shape.slug, speakerId: z.uuid() }),
      querystring: z.strictObject({ v: z.string().max(40).optional().describe('Changes with each upload') }),
      response: { 200: z.unknown(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const photo = await events.speakerPhoto(request.params.slug, request.params.speakerId);
      // nosniff comes with every answer (helmet); the type is the one the re-encoding wrote.
      return reply.type(photo.type).header('cache-control', 'public, max-age=300').send(photo.bytes);
    },
  });

  app.post('/public/events/:slug/registrations', {
    bodyLimit: 16 * 1024,
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Register for an event (double opt-in: a confirmation mail follows)',
      description:
        'The answer is the same whether or not the address was registered before. Needs a solved ALTCHA challenge from /api/public/captcha. Limited per client address and per email address.',
      params: slugParams,
      body: registrationSubmission,
      response: {
        202: checkEmail,
        400: errorResponse,
        404: errorResponse,
        409: errorResponse,
        413: errorResponse,
        429: errorResponse,
      },
    },
    handler: async (request, reply) => {
      const limit = await submissionsPerAddress(request);
      if (!limit.isAllowed && limit.isExceeded) throw new AppError('ERR_RATE_LIMITED', { retryAfter: limit.ttlInSeconds });
      const { language, ...input } = request.body;
      await registrations.register(request.params.slug, { ...input, language: language ?? request.language });
      return reply.status(202).send({ status: 'check_email' });
    },
  });

  app.post('/public/registrations/confirm', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Confirm an email address with the token from the confirmation mail',
      body: z.strictObject({ token }),
      response: { 200: registrationConfirmed, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => registrations.confirm(request.body.token),
  });

  app.get('/public/registrations/:token', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'The registrant’s own registration, through the self-service link',
      params: tokenParams,
      response: { 200: ownRegistration, 404: errorResponse },
    },
    handler: async (request, reply) =>
      reply.header('cache-control', 'no-store').send(await registrations.ownRegistration(request.params.token)),
  });

  app.post('/public/registrations/:token', {
    bodyLimit: 16 * 1024,
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Correct one’s own registration (to change the email address, cancel and register again)',
      params: tokenParams,
      body: registrantDetails,
      response: { 204: z.null(), 400: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await registrations.correctOwn(request.params.token, request.body);
      return reply.status(204).send(null);
    },
  });

  app.delete('/public/registrations/:token', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Cancel one’s own registration: it is deleted',
      params: tokenParams,
      response: { 204: z.null(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      await registrations.cancelOwn(request.params.token);
      return reply.status(204).send(null);
    },
  });

  app.get('/public/join/:token/calendar.ics', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'The calendar invitation (.ics) with the personal join link',
      params: tokenParams,
      produces: ['text/calendar'],
      response: { 200: z.string(), 404: errorResponse },
    },
    handler: async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="invitation.ics"')
        .header('cache-control', 'no-store')
        .send(await registrations.calendar(request.params.token)),
  });
};
