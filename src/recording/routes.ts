import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import type { Actor } from '../accounts/policy.js';
import { AppError } from '../errors.js';
import { actorOf, authorize } from '../http/auth.js';
import { errorResponse, noContent, staffSecurity, uuid } from '../http/schemas.js';
import { meetingRecordings, recordingDetail, recordingList } from '../shared/api/recordings.js';
import type { RecordingService } from './service.js';

export interface RecordingRoutesOptions {
  auth: AuthService;
  recordings: RecordingService;
  /** Throws ERR_NOT_FOUND unless the actor hosts the room (or is an admin). */
  ownRoom(actor: Actor, roomId: string): Promise<unknown>;
}

const recordingId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/)
  .describe('The recording’s id: 32 random bytes, base64url');
/** Recordings for their host: the list, the consent proofs, the download and deletion; and a plain meeting's permission to record. */
export const recordingRoutes: FastifyPluginAsyncZod<RecordingRoutesOptions> = async (app, { auth, recordings, ownRoom }) => {
  const host = authorize(auth, 'rooms.manage');
  const byId = z.strictObject({ id: recordingId });

  app.get('/meetings/:id/recordings', {
    preHandler: host,
    schema: {
      tags: ['recordings'],
      summary: 'A meeting’s recordings, and whether it may be recorded',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      response: {
        200: meetingRecordings,
        404: errorResponse,
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await ownRoom(actor, request.params.id);
      const policy = await recordings.policy(request.params.id);
      if (!policy) throw new AppError('ERR_NOT_FOUND');
      return { allowed: policy.allowed, eventId: policy.eventId, recordings: await recordings.list(actor, request.params.id) };
    },
  });

  app.post('/meetings/:id/recording-permission', {
    preHandler: host,
    schema: {
      tags: ['recordings'],
      summary: 'Allow or forbid recording a plain meeting (an event’s room follows the event’s “may be recorded” setting)',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      body: z.strictObject({ allowed: z.boolean() }),
      response: { 204: noContent, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      await ownRoom(actor, request.params.id);
      const policy = await recordings.policy(request.params.id);
      if (!policy) throw new AppError('ERR_NOT_FOUND');
      if (policy.eventId) throw new AppError('ERR_RECORDING_FOLLOWS_EVENT');
      await recordings.setMeetingAllowed(actor, request.params.id, request.body.allowed);
      return reply.status(204).send(null);
    },
  });

  app.get('/recordings', {
    preHandler: host,
    schema: {
      tags: ['recordings'],
      summary: 'Recordings of the rooms one hosts (admins: all)',
      security: staffSecurity,
      response: { 200: recordingList },
    },
    handler: async (request) => ({ recordings: await recordings.list(actorOf(request)) }),
  });

  app.get('/recordings/:id', {
    preHandler: host,
    schema: {
      tags: ['recordings'],
      summary: 'One recording with its tracks and the consent proofs',
      security: staffSecurity,
      params: byId,
      response: { 200: recordingDetail, 404: errorResponse },
    },
    handler: async (request, reply) =>
      reply.header('cache-control', 'no-store').send(await recordings.get(actorOf(request), request.params.id)),
  });

  app.get('/recordings/:id/file', {
    preHandler: host,
    schema: {
      tags: ['recordings'],
      summary: 'Download the recording (WebM); only its host and admins, and every download is audited',
      security: staffSecurity,
      params: byId,
      response: { 200: z.unknown().describe('The WebM file'), 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      const file = await recordings.download(actorOf(request), request.params.id);
      const name = `recording-${file.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60) || 'meeting'}.webm`;
      return reply
        .type('video/webm')
        .header('content-length', String(file.size))
        .header(
          'content-disposition',
          `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  });

  app.delete('/recordings/:id', {
    preHandler: host,
    schema: {
      tags: ['recordings'],
      summary: 'Delete a recording now: the file and the raw tracks',
      security: staffSecurity,
      params: byId,
      response: { 204: noContent, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await recordings.delete(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
