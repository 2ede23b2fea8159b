import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import { AppError } from '../errors.js';
import { actorOf, authorize } from '../http/auth.js';
import { clientKey } from '../http/client-key.js';
import { isOwnOrigin } from '../http/origin.js';
import { errorResponse, noContent, personName, staffSecurity, uuid } from '../http/schemas.js';
import { attendanceList, joinGrant, meeting, meetingList } from '../shared/api/meetings.js';
import type { RemoteSeats } from './remote-seats.js';
import type { RoomsService } from './service.js';
import { UnauthenticatedSockets, handleRoomSocket } from './signaling.js';

export interface RoomsRoutesOptions {
  auth: AuthService;
  rooms: RoomsService;
  publicUrl: URL;
  /** Cluster mode: webinar attendees of rooms owned by another instance (remote-seats.ts). */
  seats?: RemoteSeats;
}

const scheduleInput = z
  .strictObject({
    localStart: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
      .describe('First start as wall-clock time in timeZone, e.g. 2026-12-07T10:00'),
    timeZone: z.string().trim().min(1).max(64).describe('IANA time zone, e.g. Europe/Berlin'),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    recurrence: z.enum(['none', 'weekly', 'monthly']).describe('weekly or monthly keep the local time of the first start'),
  })
  .nullable()
  .describe('When the meeting takes place; null for a meeting without a date');
const meetingTitle = z.string().trim().min(1).max(200);

const minute = 60_000;

export const roomsRoutes: FastifyPluginAsyncZod<RoomsRoutesOptions> = async (app, { auth, rooms, publicUrl, seats }) => {
  const unauthenticated = new UnauthenticatedSockets();
  const host = authorize(auth, 'rooms.manage');
  const params = z.strictObject({ id: uuid });

  app.post('/meetings', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'Create a meeting: it gets a random meeting ID and passcode',
      security: staffSecurity,
      body: z.strictObject({
        title: meetingTitle,
        schedule: scheduleInput.optional(),
        lobby: z
          .enum(['off', 'guests', 'everyone'])
          .optional()
          .describe('Who waits until the host lets them in; default guests (people joining with the passcode)'),
        kind: z
          .enum(['meeting', 'webinar'])
          .optional()
          .describe('webinar: the host presents (with the panelists they promote), attendees watch a broadcast; default meeting'),
      }),
      response: { 201: meeting },
    },
    handler: async (request, reply) => reply.status(201).send(await rooms.createMeeting(actorOf(request), request.body)),
  });

  app.get('/meetings', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'Meetings one hosts (admins: all)',
      security: staffSecurity,
      response: { 200: meetingList },
    },
    handler: async (request) => ({ meetings: await rooms.listMeetings(actorOf(request)) }),
  });

  app.get('/meetings/:id', {
    preHandler: host,
    schema: { tags: ['meetings'], summary: 'One meeting', security: staffSecurity, params, response: { 200: meeting, 404: errorResponse } },
    handler: async (request) => rooms.getMeeting(actorOf(request), request.params.id),
  });

  app.post('/meetings/:id', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'Change the title or the schedule of a meeting (not of an event’s room)',
      security: staffSecurity,
      params,
      body: z.strictObject({ title: meetingTitle.optional(), schedule: scheduleInput.optional() }),
      response: { 200: meeting, 400: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => rooms.updateMeeting(actorOf(request), request.params.id, request.body),
  });

  app.post('/meetings/:id/access/rotate', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'Give the meeting a new meeting ID, passcode and phone PIN; the old ones stop working',
      security: staffSecurity,
      params,
      response: { 200: meeting, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request) => rooms.rotateAccess(actorOf(request), request.params.id),
  });

  app.get('/meetings/:id/calendar.ics', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'The calendar file (.ics) a host sends: local start with its zone, recurrence, join link without passcode, dial-in',
      security: staffSecurity,
      params,
      produces: ['text/calendar'],
      response: { 200: z.string(), 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="meeting.ics"')
        .header('cache-control', 'no-store')
        .send(await rooms.calendar(actorOf(request), request.params.id, request.language)),
  });

  app.post('/meetings/:id/end', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'End the meeting for everyone',
      security: staffSecurity,
      params,
      response: { 204: noContent, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await rooms.endMeeting(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/meetings/:id/attendance', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'Who was in the meeting, from when to when',
      security: staffSecurity,
      params,
      response: {
        200: attendanceList,
      },
    },
    handler: async (request) => ({ attendance: await rooms.attendance(actorOf(request), request.params.id) }),
  });

  app.post('/meetings/:id/host-join', {
    preHandler: host,
    schema: {
      tags: ['meetings'],
      summary: 'Enter one’s own meeting as its host; a meeting that ended starts again',
      security: staffSecurity,
      params,
      response: { 200: joinGrant, 404: errorResponse, 410: errorResponse },
    },
    handler: async (request) => rooms.joinAsHost(actorOf(request), request.params.id),
  });

  app.post('/join', {
    // Requests per address: people behind one office NAT join together; wrong passcodes count apart (rooms/service.ts).
    config: { rateLimit: { max: 60, timeWindow: minute } },
    schema: {
      tags: ['meetings'],
      summary: 'Join a meeting with its ID and passcode; the answer is the same whether the ID exists or not',
      description:
        'Wrong passcodes are limited per client address. After many wrong passcodes for a meeting (from anyone), joining it needs a solved ALTCHA challenge from /api/public/captcha for a while: the answer is then ERR_CAPTCHA_REQUIRED until `captcha` comes along.',
      body: z.strictObject({
        meetingNumber: z.string().trim().min(1).max(20),
        passcode: z.string().trim().min(1).max(64),
        displayName: personName,
        captcha: z.string().min(1).max(4096).optional(),
      }),
      response: { 200: joinGrant, 400: errorResponse, 403: errorResponse, 410: errorResponse, 429: errorResponse },
    },
    handler: async (request) => rooms.joinWithPasscode(request.body, clientKey(request.ip)),
  });

  app.post('/join/link', {
    config: { rateLimit: { max: 20, timeWindow: minute } },
    schema: {
      tags: ['meetings'],
      summary: 'Join with a personal join link (/j/<token>) from a registration mail',
      body: z.strictObject({ token: z.string().min(1).max(100) }),
      response: { 200: joinGrant, 404: errorResponse, 410: errorResponse },
    },
    handler: async (request) => rooms.joinWithLink(request.body.token),
  });

  // The room's signaling. Browsers always send Origin on a WebSocket; it must be Plenum's own.
  app.get(
    '/rooms/socket',
    {
      websocket: true,
      // `room` and `seat` only route (a balancer sends a room's sockets to its owner, attendees anywhere); the room is the join session's.
      schema: {
        hide: true,
        querystring: z.strictObject({
          room: uuid.optional(),
          seat: z
            .string()
            .regex(/^[0-9a-f]{1,32}$/)
            .optional(),
        }),
      },
      preValidation: async (request) => {
        const origin = request.headers.origin;
        if (!origin || !isOwnOrigin(origin, request.host, publicUrl)) throw new AppError('ERR_CROSS_ORIGIN');
      },
    },
    (socket, request) => handleRoomSocket(socket, request, rooms, request.log, unauthenticated, seats),
  );
};
