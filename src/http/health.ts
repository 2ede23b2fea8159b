import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthy, unhealthy } from '../shared/api/health.js';

export type ComponentStatus = { status: 'ok' } | { status: 'down' | 'off' | 'starting'; detail: string };

export interface HealthOptions {
  store: () => Promise<void>;
  media: () => ComponentStatus;
  /** The TURN relay browsers fall back to behind NAT and firewalls (off unless TURN_MODE is set). */
  turn?: () => ComponentStatus;
  /** Which instance answers, and its Redis (cluster mode; `off` for a single instance). */
  instance: string;
  cluster: () => ComponentStatus;
}

/**
 * `/healthz`: 200 when the store (and in cluster mode Redis) answers, 503 when not, so a balancer
 * sends nobody new to an instance that cannot admit them; media is reported, not required.
 */
export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, checks) => {
  app.get('/healthz', {
    config: { rateLimit: false },
    schema: {
      tags: ['health'],
      summary: 'Whether the store, Redis (cluster mode) and the media plane are up, and which instance answers',
      response: { 200: healthy, 503: unhealthy },
    },
    handler: async (_request, reply) => {
      const store: ComponentStatus = await checks.store().then(
        () => ({ status: 'ok' as const }),
        () => ({ status: 'down' as const, detail: 'the database does not answer' }),
      );
      const media = checks.media();
      const turn = checks.turn?.();
      const cluster = checks.cluster();
      const parts = { instance: checks.instance, store, cluster, media, turn };
      if (store.status === 'ok' && cluster.status !== 'down') return reply.status(200).send({ status: 'ok', ...parts });
      return reply.status(503).send({ status: 'down', ...parts });
    },
  });
};
