import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import { actorOf, authorize } from '../http/auth.js';
import { errorResponse, staffSecurity, timestamp, uuid } from '../http/schemas.js';
import type { Telephony } from './service.js';

export interface TelephonyRoutesOptions {
  auth: AuthService;
  telephony: Telephony;
}

const callRecord = z.object({
  id: z.string(),
  meeting: z
    .object({ id: z.string(), title: z.string(), meetingNumber: z.string() })
    .nullable()
    .describe('The meeting the caller entered; null when never admitted'),
  callerNumber: z.string().nullable(),
  calledNumber: z.string().nullable(),
  callerCountry: z.string().nullable().describe('English country name derived from the caller number'),
  sourceIp: z.string(),
  sourcePort: z.number(),
  transport: z.string(),
  outcome: z.enum(['in-ivr', 'admitted', 'refused', 'abandoned']),
  startedAt: timestamp,
  endedAt: timestamp.nullable(),
});

export const telephonyRoutes: FastifyPluginAsyncZod<TelephonyRoutesOptions> = async (app, { auth, telephony }) => {
  app.get('/calls', {
    preHandler: authorize(auth, 'calls.read'),
    schema: {
      tags: ['telephony'],
      summary: 'Call records of phone dial-ins (hosts: into their meetings; DPO and admins: all), newest first, at most 500',
      security: staffSecurity,
      querystring: z.strictObject({ roomId: uuid.optional() }),
      response: { 200: z.object({ calls: z.array(callRecord) }) },
    },
    handler: async (request) => ({ calls: await telephony.listRecords(actorOf(request), request.query) }),
  });

  app.get('/meetings/:id/dial-in', {
    preHandler: authorize(auth, 'rooms.manage'),
    schema: {
      tags: ['telephony'],
      summary: 'What to put in an invitation for phone dial-in: the number, the meeting ID and the meeting’s phone PIN',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      response: {
        200: z.object({
          number: z.string().nullable().describe('SIP_DIAL_IN_NUMBER; null when dial-in is not configured'),
          meetingNumber: z.string(),
          pin: z.string().nullable().describe('Null for an event’s room: registrants dial in with their personal PINs'),
        }),
        404: errorResponse,
      },
    },
    handler: async (request) => telephony.dialIn(actorOf(request), request.params.id),
  });
};
