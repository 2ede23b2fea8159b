import { z } from 'zod';

/** `/healthz` (src/http/health.ts). */

export const componentHealth = z.object({ status: z.enum(['ok', 'down', 'off', 'starting']), detail: z.string().optional() });
export type ComponentState = z.infer<typeof componentHealth>['status'];

const components = {
  /** INSTANCE_ID: which Plenum instance answered. */
  instance: z.string(),
  store: componentHealth,
  /** Redis in cluster mode; `off` for a single instance. */
  cluster: componentHealth,
  media: componentHealth,
  turn: componentHealth.optional(),
};

/** 200: the store (and in cluster mode Redis) answers; media and the TURN relay are reported, not required. */
export const healthy = z.object({ status: z.literal('ok'), ...components });

/** 503: the store (or in cluster mode Redis) does not answer. */
export const unhealthy = z.object({ status: z.literal('down'), ...components });
