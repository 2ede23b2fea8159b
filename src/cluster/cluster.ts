import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ComponentStatus } from '../http/health.js';

/**
 * Which Plenum this process is: one of several instances sharing PostgreSQL and Redis (cluster
 * mode, `REDIS_URL`), or the only one (single mode, the default: no Redis, nothing changes).
 *
 * In cluster mode the Redis connection fails fast instead of queueing: while it is lost, every
 * command is refused at once (joins answer ERR_CLUSTER_UNAVAILABLE) and ioredis reconnects with
 * growing delays in the background. Its errors are logged once per outage, never thrown at the
 * event loop, so a lost Redis never stops the process, its live rooms or their media.
 */
export interface Cluster {
  readonly instanceId: string;
  /** The shared Redis, or undefined in single mode. */
  readonly redis: Redis | undefined;
  /** Every key this installation writes starts with it (REDIS_KEY_PREFIX). */
  readonly keyPrefix: string;
  /** For /healthz: `off` in single mode, `down` while Redis is unreachable. */
  status(): ComponentStatus;
  /** The Redis connection for a command now, or ERR_CLUSTER_UNAVAILABLE while it is lost. */
  ready(): Redis;
  close(): Promise<void>;
}

export function createCluster(config: Pick<Config['cluster'], 'redisUrl' | 'keyPrefix' | 'instanceId'>, log: Logger): Cluster {
  const { instanceId, keyPrefix } = config;
  if (!config.redisUrl) {
    return {
      instanceId,
      redis: undefined,
      keyPrefix,
      status: () => ({ status: 'off', detail: 'single instance (no REDIS_URL)' }),
      ready: () => {
        throw new Error('cluster mode is off');
      },
      close: async () => undefined,
    };
  }
  const redis = new Redis(config.redisUrl, {
    // Fail fast while disconnected: a join is refused now rather than hanging until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(200 * attempt, 5_000),
    connectionName: `plenum:${instanceId}`,
  });
  let lastError: string | undefined;
  redis.on('error', (err: Error) => {
    if (lastError === err.message) return;
    lastError = err.message;
    log.error({ err }, 'Redis connection failed; new joins are refused until it is back');
  });
  redis.on('ready', () => {
    if (lastError) log.info('Redis connection is back');
    lastError = undefined;
  });
  return {
    instanceId,
    redis,
    keyPrefix,
    status: () =>
      redis.status === 'ready'
        ? { status: 'ok' }
        : { status: redis.status === 'connecting' && !lastError ? 'starting' : 'down', detail: `Redis is ${redis.status}` },
    ready() {
      if (redis.status !== 'ready') throw new AppError('ERR_CLUSTER_UNAVAILABLE');
      return redis;
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Waits until Redis answers (at start: an instance in cluster mode does not serve before it can share state). */
export async function connectCluster(cluster: Cluster, timeoutMs = 10_000): Promise<void> {
  const { redis } = cluster;
  if (!redis || redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new ClusterStartError(
          `Redis at REDIS_URL did not answer within ${timeoutMs / 1000} s; cluster mode needs it (Redis is ${redis.status})`,
        ),
      );
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/** Cluster mode cannot start (Redis unreachable): main.ts prints the message, no stack. */
export class ClusterStartError extends Error {}
