import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { JanusNode } from '../media/janus-node.js';
import { readMediaSnapshot, type MediaSnapshot } from '../media/media-snapshot.js';
import { redisLoad } from '../media/nodes/load.js';
import type { MediaNodeRole } from '../store/schema.js';
import { deleteKeys, testKeyPrefix, testRedisUrl } from './cluster.js';
import { startJanusNodes, type TestJanus } from './janus-nodes.js';
import { freePort, startNginx } from './nginx.js';
import { startSmtpPeer } from './smtp.js';
import { createTestDatabase, postgresUrl } from './stores.js';

/**
 * The three-machine deployment of docs/operations.md on one machine, loopback only: app instances
 * as processes of their own (each its INSTANCE_ID, port and data folder) behind a real nginx
 * configured by src/cluster/nginx-config.ts, Janus processes registered through
 * `npm run media-nodes` (meeting nodes, which are webinar origins, and edges; each its config
 * folder and RTP ports below the kernel's ephemeral range), one Redis key prefix and one
 * PostgreSQL schema per run, and a real SMTP peer every instance sends to.
 */

const repo = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

export interface AppInstance {
  id: string;
  port: number;
  /** The instance itself, past nginx (as a balancer that spreads clients would reach it). */
  url: string;
  process: ChildProcess;
  /** Its stderr (TEST_LOG_LEVEL sets how much it logs). */
  logFile: string;
}

export interface ClusterHarnessOptions {
  /** App instances (default 3). */
  instances?: number;
  /**
   * The Janus nodes' roles, named janus-1, janus-2, … in this order (default meeting, edge, edge);
   * none runs without media (JANUS_MODE=off).
   */
  janusRoles?: readonly MediaNodeRole[];
  /** RTP ports per Janus node (default 200). */
  portsEach?: number;
  /** Extra environment for every instance (after the harness' own). */
  env?: Record<string, string>;
}

export interface ClusterHarness {
  /** nginx: what browsers reach. */
  origin: string;
  instances: AppInstance[];
  janus: (TestJanus & { role: MediaNodeRole })[];
  smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  prefix: string;
  schema: string;
  /** DATABASE_URL of the run's schema (for the CLIs). */
  databaseUrl: string;
  /** A Redis client on the run's Redis (keys under `prefix`). */
  redis: Redis;
  /** The one-time setup link (any instance accepts it). */
  setupToken: string;
  /** The instance that owns a live room now, from its lease. */
  ownerOf(roomId: string): Promise<AppInstance | undefined>;
  /** SIGKILL, no clean-up; resolves once the process is gone. */
  kill(instanceId: string): Promise<void>;
  killJanus(name: string): Promise<void>;
  /** A control connection of the test's own to a Janus node, for reading back what it holds; the caller closes it. */
  inspectJanus(name: string): Promise<JanusNode>;
  /** Viewers and participants placed per Janus node, summed over the instances as they publish it to Redis. */
  mediaLoad(): Promise<Map<string, number>>;
  /** The media snapshot a live room's owner keeps in the shared state (its node, Janus rooms and mountpoints). */
  mediaSnapshot(roomId: string): Promise<MediaSnapshot | undefined>;
  /** One SQL query on the run's schema (for what only the database shows, e.g. audit entries). */
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
  /** The end of every instance's log (warnings and errors), for a failure's message. */
  logs(): string;
  /** `npm run media-nodes -- <args>` on the run's database. */
  mediaNodes(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export async function startClusterHarness(options: ClusterHarnessOptions = {}): Promise<ClusterHarness> {
  const { instances: count = 3, janusRoles = ['meeting', 'edge', 'edge'], portsEach = 200 } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'plenum-cluster-'));
  const prefix = testKeyPrefix();
  const database = await createTestDatabase('postgres');
  const schema = database.schema!;
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const redis = new Redis(testRedisUrl);
  const instances: AppInstance[] = [];
  const stops: (() => Promise<unknown>)[] = [
    async () => {
      await Promise.all(instances.map((i) => killed(i.process)));
      await database.drop();
      await deleteKeys(prefix);
      redis.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  ];
  const stop = async () => {
    for (const close of stops.splice(0).reverse()) await close().catch(() => undefined);
  };

  const mediaNodes = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/media-nodes.ts', ...args], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir },
    });
    return stdout;
  };

  try {
    const smtp = await startSmtpPeer();
    stops.push(() => smtp.close());
    let janus: ClusterHarness['janus'] = [];
    let adminSecret = '';
    if (janusRoles.length > 0) {
      const names = janusRoles.map((_, i) => `janus-${i + 1}`);
      const started = await startJanusNodes(names, dir, loadConfig({ DATA_DIR: dir }).janus, undefined, portsEach);
      stops.push(() => started.stop());
      adminSecret = started.adminSecret;
      janus = started.nodes.map((node, i) => ({ ...node, role: janusRoles[i]! }));
      // One after the other: the first run migrates the schema.
      for (const node of janus) {
        await mediaNodes(
          'add',
          '--id',
          node.name,
          '--role',
          node.role,
          '--api-url',
          node.apiUrl,
          '--admin-url',
          node.adminUrl,
          '--media-address',
          '127.0.0.1',
        );
      }
    }

    const nginxPort = await freePort();
    const origin = `http://127.0.0.1:${nginxPort}`;
    const env: Record<string, string> = {
      DATABASE_URL: postgresUrl,
      TEST_SCHEMA: schema,
      REDIS_URL: testRedisUrl,
      REDIS_KEY_PREFIX: prefix,
      PUBLIC_URL: origin,
      TRUST_PROXY: '127.0.0.1',
      HOST: '127.0.0.1',
      ROOM_LEASE_SECONDS: '2',
      DEFAULT_LANGUAGE: 'en',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Plenum <plenum@example.org>',
      TURN_MODE: 'off',
      TEST_LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...(janusRoles.length > 0 ? { JANUS_MODE: 'registry', JANUS_ADMIN_SECRET: adminSecret } : { JANUS_MODE: 'off' }),
      ...options.env,
    };
    const start = async (i: number): Promise<{ setupLink: string | null }> => {
      const id = `app-${i + 1}`;
      const port = await freePort();
      const logFile = path.join(dir, `${id}.log`);
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/testing/cluster-instance.ts'], {
        cwd: repo,
        env: { ...process.env, ...env, INSTANCE_ID: id, PORT: String(port), DATA_DIR: path.join(dir, id) },
        stdio: ['ignore', 'pipe', openSync(logFile, 'a')],
      });
      instances.push({ id, port, url: `http://127.0.0.1:${port}`, process: child, logFile });
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) =>
          reject(new Error(`instance ${id} exited with ${code}: ${readFileSync(logFile, 'utf8').slice(-2000)}`)),
        );
      });
      return JSON.parse(line) as { setupLink: string | null };
    };
    // The first migrates (if no CLI did), the others start together.
    const first = await start(0);
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => start(i + 1)));
    const setupLink = [first, ...rest].find((s) => s.setupLink)?.setupLink;
    if (!setupLink) throw new Error('no instance printed a setup link');
    const nginx = await startNginx(
      instances.map((i) => i.port),
      nginxPort,
    );
    stops.push(() => nginx.stop());

    return {
      origin,
      instances,
      janus,
      smtp,
      prefix,
      schema,
      databaseUrl,
      redis,
      setupToken: setupLink.split('#')[1]!,
      async ownerOf(roomId) {
        const lease = await redis.get(`${prefix}room:${roomId}:lease`);
        return instances.find((i) => lease?.startsWith(`${i.id}#`));
      },
      async kill(instanceId) {
        const instance = instances.find((i) => i.id === instanceId);
        if (!instance) throw new Error(`no instance ${instanceId}`);
        await killed(instance.process);
      },
      async killJanus(name) {
        const node = janus.find((n) => n.name === name);
        if (!node) throw new Error(`no Janus ${name}`);
        await killed(node.process);
      },
      async inspectJanus(name) {
        const node = janus.find((n) => n.name === name);
        if (!node) throw new Error(`no Janus ${name}`);
        return JanusNode.connect({ url: node.apiUrl, adminUrl: node.adminUrl, adminSecret });
      },
      async mediaLoad() {
        // The app's own reader of the counts, as an observer that places nothing.
        const load = redisLoad(() => redis, prefix, 'test-observer', pino({ level: 'silent' }));
        try {
          return await load.totals();
        } finally {
          await load.close();
        }
      },
      async mediaSnapshot(roomId) {
        return readMediaSnapshot((await redis.hget(`${prefix}room:${roomId}:state`, 'media')) ?? undefined);
      },
      async query<T>(text: string, values: unknown[] = []) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          return (await client.query(text, values)).rows as T[];
        } finally {
          await client.end();
        }
      },
      logs: () => instances.map((i) => `--- ${i.id}\n${readFileSync(i.logFile, 'utf8').slice(-3000)}`).join('\n'),
      mediaNodes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
