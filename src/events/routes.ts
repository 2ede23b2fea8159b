import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import { actorOf, authorize } from '../http/auth.js';
import { emailAddress, errorResponse, personName, staffSecurity, uuid } from '../http/schemas.js';
import type { EventsService } from './events-service.js';
import type { RegistrationService } from './registration-service.js';
import type { Panelists } from './panelists.js';
import { approval, eventList, hostedEvent, panelist, panelistList, registrantList, registrationState } from '../shared/api/events.js';
import { eventInput } from './schemas.js';
import { maxSpeakerPhotoBytes } from './speaker-photo.js';
import { imageTypes } from '../shared/images.js';

export interface EventsRoutesOptions {
  auth: AuthService;
  events: EventsService;
  registrations: RegistrationService;
  panelists: Panelists;
}

const eventParams = z.strictObject({ eventId: uuid });
const registrationParams = z.strictObject({ eventId: uuid, registrationId: uuid });
const speakerParams = z.strictObject({ eventId: uuid, speakerId: uuid });
const panelistParams = z.strictObject({ eventId: uuid, panelistId: uuid });
const tags = ['events'];

/** The hosts' API: events, their registrants, approval, join links and the CSV export. */
export const eventsRoutes: FastifyPluginAsyncZod<EventsRoutesOptions> = async (app, { auth, events, registrations, panelists }) => {
  const manage = authorize(auth, 'events.manage');
  const read = authorize(auth, 'registrations.read');

  app.get('/events', {
    preHandler: read,
    schema: {
      tags,
      summary: 'List events (hosts: their own)',
      security: staffSecurity,
      response: { 200: eventList },
    },
    handler: async (request) => ({ events: await events.list(actorOf(request)), retentionDefaults: events.retentionDefaults }),
  });

  app.post('/events', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Create an event',
      security: staffSecurity,
      body: eventInput,
      response: { 201: hostedEvent, 400: errorResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await events.create(actorOf(request), request.body)),
  });

  app.get('/events/:eventId', {
    preHandler: read,
    schema: {
      tags,
      summary: 'One event',
      security: staffSecurity,
      params: eventParams,
      response: { 200: hostedEvent, 404: errorResponse },
    },
    handler: async (request) => events.get(actorOf(request), request.params.eventId),
  });

  app.post('/events/:eventId', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Edit an event (a larger capacity moves the waiting list up)',
      security: staffSecurity,
      params: eventParams,
      body: eventInput,
      response: { 200: hostedEvent, 400: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => events.update(actorOf(request), request.params.eventId, request.body),
  });

  app.put('/events/:eventId/speakers/:speakerId/photo', {
    preHandler: manage,
    bodyLimit: Math.ceil((maxSpeakerPhotoBytes * 4) / 3) + 1024,
    schema: {
      tags,
      summary: 'Upload a speaker’s photo (PNG, JPEG or WebP, at most 5 MB, base64); stored as a 400 px square JPEG without metadata',
      security: staffSecurity,
      params: speakerParams,
      body: z.strictObject({ type: z.enum(imageTypes), data: z.base64() }),
      response: { 200: hostedEvent, 400: errorResponse, 404: errorResponse, 413: errorResponse },
    },
    handler: async (request) => events.setSpeakerPhoto(actorOf(request), request.params.eventId, request.params.speakerId, request.body),
  });

  app.delete('/events/:eventId/speakers/:speakerId/photo', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Remove a speaker’s photo',
      security: staffSecurity,
      params: speakerParams,
      response: { 200: hostedEvent, 404: errorResponse },
    },
    handler: async (request) => events.setSpeakerPhoto(actorOf(request), request.params.eventId, request.params.speakerId, null),
  });

  app.post('/events/:eventId/cancel', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Cancel an event: join links stop working, registrants are told by mail',
      security: staffSecurity,
      params: eventParams,
      response: { 200: hostedEvent, 404: errorResponse },
    },
    handler: async (request) => events.cancel(actorOf(request), request.params.eventId),
  });

  app.get('/events/:eventId/registrations', {
    preHandler: read,
    schema: {
      tags,
      summary: 'Registrants of an event, searchable by name, email and company, filtered by state',
      security: staffSecurity,
      params: eventParams,
      querystring: z.strictObject({ state: registrationState.optional(), search: z.string().trim().max(100).optional() }),
      response: { 200: registrantList, 404: errorResponse },
    },
    handler: async (request) => ({ registrations: await registrations.list(actorOf(request), request.params.eventId, request.query) }),
  });

  app.get('/events/:eventId/registrations.csv', {
    preHandler: read,
    schema: {
      tags,
      summary: 'All registrants of an event as CSV (UTF-8, one column per extra question)',
      security: staffSecurity,
      params: eventParams,
      produces: ['text/csv'],
      response: { 200: z.string().describe('text/csv'), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const csv = await registrations.exportCsv(actorOf(request), request.params.eventId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="registrations-${request.params.eventId}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  });

  app.post('/events/:eventId/registrations/:registrationId/approve', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Approve a pending registration: a seat with join link, or the waiting list when full',
      security: staffSecurity,
      params: registrationParams,
      response: { 200: approval, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => ({
      state: await registrations.approve(actorOf(request), request.params.eventId, request.params.registrationId),
    }),
  });

  app.post('/events/:eventId/registrations/:registrationId/deny', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Deny a pending registration: the person is told and the registration deleted',
      security: staffSecurity,
      params: registrationParams,
      response: { 204: z.null(), 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await registrations.deny(actorOf(request), request.params.eventId, request.params.registrationId);
      return reply.status(204).send(null);
    },
  });

  app.post('/events/:eventId/registrations/:registrationId/join-link', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Revoke a registrant’s personal join link, optionally mailing a new one',
      security: staffSecurity,
      params: registrationParams,
      body: z.strictObject({ action: z.enum(['revoke', 'reissue']) }),
      response: { 204: z.null(), 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await registrations.revokeJoinLink(
        actorOf(request),
        request.params.eventId,
        request.params.registrationId,
        request.body.action === 'reissue',
      );
      return reply.status(204).send(null);
    },
  });

  app.get('/events/:eventId/panelists', {
    preHandler: read,
    schema: {
      tags,
      summary: 'Panelists invited to a webinar, with whether their invitation still stands',
      security: staffSecurity,
      params: eventParams,
      response: { 200: panelistList, 404: errorResponse },
    },
    handler: async (request) => ({ panelists: await panelists.list(actorOf(request), request.params.eventId) }),
  });

  app.post('/events/:eventId/panelists', {
    preHandler: manage,
    schema: {
      tags,
      summary:
        'Invite a panelist to a webinar: a mail with a personal link onto the panel (device check, then backstage until the webinar starts)',
      security: staffSecurity,
      params: eventParams,
      body: z.strictObject({ name: personName, email: emailAddress }),
      response: { 201: panelist, 400: errorResponse, 404: errorResponse, 409: errorResponse, 410: errorResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await panelists.invite(actorOf(request), request.params.eventId, request.body)),
  });

  app.delete('/events/:eventId/panelists/:panelistId', {
    preHandler: manage,
    schema: {
      tags,
      summary: 'Withdraw a panelist’s invitation: the link stops working and a panelist in the room through it is taken out',
      security: staffSecurity,
      params: panelistParams,
      response: { 204: z.null(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      await panelists.revoke(actorOf(request), request.params.eventId, request.params.panelistId);
      return reply.status(204).send(null);
    },
  });
};
