import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createPlenum, type Plenum } from '../plenum.js';
import { createTestDatabase } from './stores.js';

/** The Redis the cluster tests use (running on this machine); each run writes only under a prefix of its own. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis key prefix of one's own for a test run. */
export const testKeyPrefix = () => `t-${randomBytes(5).toString('hex')}:`;

/** Deletes every key under `prefix` (a test run's clean-up). */
export async function deleteKeys(prefix: string): Promise<number> {
  const redis = new Redis(testRedisUrl);
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface TestCluster {
  instances: Plenum[];
  prefix: string;
  /** The PostgreSQL schema the instances share. */
  schema: string;
  /** Stops instance `i` in order (as on SIGTERM) and starts it again with the same configuration; the new one replaces it in `instances`. */
  restart(i: number): Promise<Plenum>;
  dispose(): Promise<void>;
}

/**
 * Several Plenum instances in cluster mode, as on several machines: one PostgreSQL schema, one
 * Redis key prefix, a data folder each. Started one after the other (each migrates, the first one
 * for real). `env` overrides per instance come after the shared ones.
 */
export async function startTestCluster(count: number, env: Record<string, string> = {}, redisUrl = testRedisUrl): Promise<TestCluster> {
  const database = await createTestDatabase('postgres');
  const prefix = testKeyPrefix();
  const dirs: string[] = [];
  const instances: Plenum[] = [];
  const configs: ReturnType<typeof loadConfig>[] = [];
  const start = (config: ReturnType<typeof loadConfig>) =>
    createPlenum(config, { logger: pino({ level: 'silent' }), store: { schema: database.schema } });
  try {
    for (let i = 0; i < count; i++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-cluster-'));
      dirs.push(dataDir);
      const config = loadConfig({
        DATA_DIR: dataDir,
        JANUS_MODE: 'off',
        LOG_LEVEL: 'silent',
        DEFAULT_LANGUAGE: 'en',
        PORT: '0',
        DATABASE_URL: database.config.kind === 'postgres' ? database.config.url : '',
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        INSTANCE_ID: `instance-${String.fromCharCode(97 + i)}`,
        ...env,
      });
      configs.push(config);
      instances.push(await start(config));
    }
  } catch (error) {
    await Promise.all(instances.map((plenum) => plenum.close()));
    await database.drop();
    throw error;
  }
  return {
    instances,
    prefix,
    schema: database.schema!,
    async restart(i) {
      await instances[i]!.close();
      instances[i] = await start(configs[i]!);
      return instances[i];
    },
    async dispose() {
      await Promise.all(instances.map((plenum) => plenum.close()));
      await database.drop();
      await deleteKeys(prefix);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
