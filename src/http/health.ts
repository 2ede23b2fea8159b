import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthy, unhealthy } from '../shared/api/health.js';

export type ComponentStatus = { status: 'ok' } | { status: 'down' | 'off' | 'starting'; detail: string };

export interface HealthOptions {
  store: () => Promise<void>;
  media: () => ComponentStatus;
  /** The TURN relay browsers fall back to behind NAT and firewalls (off unless TURN_MODE is set). */
  turn?: () => ComponentStatus;
}

/** `/healthz`: 200 when the store answers, 503 when it does not; media is reported, not required. */
export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, checks) => {
  app.get('/healthz', {
    config: { rateLimit: false },
    schema: {
      tags: ['health'],
      summary: 'Whether the store and the media plane are up',
      response: { 200: healthy, 503: unhealthy },
    },
    handler: async (_request, reply) => {
      const store: ComponentStatus = await checks.store().then(
        () => ({ status: 'ok' as const }),
        () => ({ status: 'down' as const, detail: 'the database does not answer' }),
      );
      const media = checks.media();
      const turn = checks.turn?.();
      if (store.status === 'ok') return reply.status(200).send({ status: 'ok', store, media, turn });
      return reply.status(503).send({ status: 'down', store, media, turn });
    },
  });
};
