import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthService } from '../accounts/auth-service.js';
import { actorOf, authorize } from '../http/auth.js';
import { errorResponse, staffSecurity, uuid } from '../http/schemas.js';
import type { QaService } from './service.js';

export interface QaRoutesOptions {
  auth: AuthService;
  qa: QaService;
}

export const qaRoutes: FastifyPluginAsyncZod<QaRoutesOptions> = async (app, { auth, qa }) => {
  app.get('/meetings/:id/questions', {
    preHandler: authorize(auth, 'rooms.manage'),
    schema: {
      tags: ['meetings'],
      summary: 'The webinar’s questions with askers, votes and answers, for follow-up by its host (CSV or JSON)',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      querystring: z.strictObject({ format: z.enum(['csv', 'json']).default('csv') }),
      response: { 200: z.string(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const { filename, type, body } = await qa.exportQuestions(actorOf(request), request.params.id, request.query.format);
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  });
};
