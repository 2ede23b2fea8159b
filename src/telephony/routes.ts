import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import { actorOf, authorize } from '../http/auth.js';
import { errorResponse, staffSecurity, uuid } from '../http/schemas.js';
import { callList, dialIn } from '../shared/api/telephony.js';
import type { Telephony } from './service.js';

export interface TelephonyRoutesOptions {
  auth: AuthService;
  telephony: Telephony;
}

export const telephonyRoutes: FastifyPluginAsyncZod<TelephonyRoutesOptions> = async (app, { auth, telephony }) => {
  app.get('/calls', {
    preHandler: authorize(auth, 'calls.read'),
    schema: {
      tags: ['telephony'],
      summary: 'Call records of phone dial-ins (hosts: into their meetings; DPO and admins: all), newest first, at most 500',
      security: staffSecurity,
      querystring: z.strictObject({ roomId: uuid.optional() }),
      response: { 200: callList },
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
        200: dialIn,
        404: errorResponse,
      },
    },
    handler: async (request) => telephony.dialIn(actorOf(request), request.params.id),
  });
};
