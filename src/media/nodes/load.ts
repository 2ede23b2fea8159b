import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * How loaded each Janus node is: one unit per room, meeting participant and webinar viewer
 * placed on it (an edge's load is its viewers, which JANUS_EDGE_VIEWER_CAP bounds). Single instance: this process' own counts. Cluster mode: each
 * instance publishes its counts to Redis under a key of its own that expires unless renewed, so
 * an instance that died stops counting within `staleMs`; the totals add up every live instance.
 */
export interface NodeLoad {
  add(nodeId: string, delta: number): void;
  totals(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export function memoryLoad(): NodeLoad {
  const counts = new Map<string, number>();
  return {
    add: (nodeId, delta) => void counts.set(nodeId, (counts.get(nodeId) ?? 0) + delta),
    totals: async () => new Map(counts),
    close: async () => undefined,
  };
}

const renewMs = 5_000;
const staleMs = 15_000;

export function redisLoad(redis: () => Redis, keyPrefix: string, instanceId: string, log: Logger): NodeLoad {
  const local = memoryLoad();
  const instances = `${keyPrefix}media:load:instances`;
  const keyOf = (instance: string) => `${keyPrefix}media:load:${instance}`;
  let failing = false;

  async function publish(): Promise<void> {
    const counts = Object.fromEntries([...(await local.totals())].filter(([, n]) => n !== 0));
    const key = keyOf(instanceId);
    const write = redis().multi().del(key);
    if (Object.keys(counts).length) write.hset(key, counts);
    await write.pexpire(key, staleMs).sadd(instances, instanceId).exec();
  }
  const publishLogged = () =>
    publish().then(
      () => (failing = false),
      (err: unknown) => {
        if (!failing) log.warn({ err }, 'media node load not published to Redis; placing by this instance’s own counts');
        failing = true;
      },
    );
  const timer = setInterval(() => void publishLogged(), renewMs);
  timer.unref();

  return {
    add(nodeId, delta) {
      local.add(nodeId, delta);
      void publishLogged();
    },
    async totals() {
      try {
        const client = redis();
        const members = await client.smembers(instances);
        const pipeline = client.pipeline();
        for (const member of members) pipeline.hgetall(keyOf(member));
        const answers = (await pipeline.exec()) ?? [];
        const totals = new Map<string, number>();
        for (const [i, [, counts]] of answers.entries()) {
          const entries = Object.entries((counts ?? {}) as Record<string, string>);
          // An instance whose key expired is gone (or lost Redis for longer than staleMs).
          if (!entries.length && members[i] !== instanceId) await client.srem(instances, members[i]!);
          for (const [node, n] of entries) totals.set(node, (totals.get(node) ?? 0) + Number(n));
        }
        return totals;
      } catch {
        return local.totals();
      }
    },
    async close() {
      clearInterval(timer);
      await redis()
        .multi()
        .del(keyOf(instanceId))
        .srem(instances, instanceId)
        .exec()
        .catch(() => undefined);
    },
  };
}
