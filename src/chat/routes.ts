import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import { actorOf, authorize } from '../http/auth.js';
import { errorResponse, staffSecurity, uuid } from '../http/schemas.js';
import type { ChatService } from './service.js';

export interface ChatRoutesOptions {
  auth: AuthService;
  chat: ChatService;
}

export const chatRoutes: FastifyPluginAsyncZod<ChatRoutesOptions> = async (app, { auth, chat }) => {
  app.get('/meetings/:id/minutes', {
    preHandler: authorize(auth, 'rooms.manage'),
    schema: {
      tags: ['meetings'],
      summary: 'The minutes (chat logged while minutes logging was on) as a Markdown document, for the meeting’s host',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      response: { 200: z.string(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const { filename, body } = await chat.exportMinutes(actorOf(request), request.params.id, request.language);
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  });
};
