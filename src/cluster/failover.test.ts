import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { deleteKeys, testKeyPrefix, testRedisUrl } from '../testing/cluster.js';
import { freePort, startNginx } from '../testing/nginx.js';
import { adminCredentials } from '../testing/plenum.js';
import { RoomSocketClient as Client } from '../testing/room-socket.js';
import { createTestDatabase, dialects } from '../testing/stores.js';
import { until } from '../testing/until.js';

const skip = dialects.includes('postgres') ? false : 'cluster mode runs on PostgreSQL only (TEST_DIALECTS leaves it out)';
const repo = path.resolve(import.meta.dirname, '../..');

interface Instance {
  id: string;
  port: number;
  process: ChildProcess;
  setupLink: string | null;
}

/** Starts one Plenum instance as a process of its own (src/testing/cluster-instance.ts); resolves once it listens. */
async function startInstance(id: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/testing/cluster-instance.ts'], {
    cwd: repo,
    env: { ...process.env, ...env, INSTANCE_ID: id, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`instance ${id} exited with ${code}`)));
  });
  return { id, port, process: child, setupLink: (JSON.parse(line) as { setupLink: string | null }).setupLink };
}

/**
 * The failure the lease is for: the owner instance of a live room is killed (SIGKILL, no
 * clean-up), behind a real nginx routing as docs/operations.md says. The room goes on at the
 * other instance with its lock; the browsers (here: socket clients reconnecting as the browser
 * does) are back in it. Prints how long that took.
 */
describe('an owner instance killed with SIGKILL (cluster mode behind nginx)', { skip }, () => {
  const prefix = testKeyPrefix();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-failover-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let instances: Instance[] = [];
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let origin: string;
  const redis = new Redis(testRedisUrl);
  const sockets: Client[] = [];

  before(async () => {
    database = await createTestDatabase('postgres');
    const nginxPort = await freePort();
    origin = `http://127.0.0.1:${nginxPort}`;
    const env = {
      DATABASE_URL: database.config.kind === 'postgres' ? database.config.url : '',
      TEST_SCHEMA: database.schema!,
      REDIS_URL: testRedisUrl,
      REDIS_KEY_PREFIX: prefix,
      JANUS_MODE: 'off',
      TURN_MODE: 'off',
      PUBLIC_URL: origin,
      TRUST_PROXY: '127.0.0.1',
      ROOM_LEASE_SECONDS: '2',
      DEFAULT_LANGUAGE: 'en',
      DATA_DIR: dataDir,
    };
    // One after the other: the first migrates the schema.
    for (const id of ['instance-a', 'instance-b']) instances.push(await startInstance(id, { ...env, DATA_DIR: path.join(dataDir, id) }));
    nginx = await startNginx(
      instances.map((i) => i.port),
      nginxPort,
    );
  });
  after(async () => {
    for (const socket of sockets) socket.socket.close();
    for (const instance of instances) instance.process.kill('SIGKILL');
    await nginx?.stop();
    await database?.drop();
    await deleteKeys(prefix);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async (method: string, url: string, body?: unknown, cookie?: string) => {
    const response = await fetch(origin + url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), origin, ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      cookie: response.headers.get('set-cookie'),
      json: (await response.json().catch(() => null)) as never,
    };
  };
  /** Opens the room socket through nginx and says hello; retries as the browser does while the room has no owner. */
  const enter = async (socketPath: string, token: string): Promise<Client> => {
    return until(
      async () => {
        const client = await Client.open(`${origin.replace('http', 'ws')}${socketPath}`, { origin }).catch(() => undefined);
        if (!client) return undefined;
        client.send({ type: 'hello', id: 1, token });
        const answer = await client.reply(1).catch(() => undefined);
        if (answer?.type === 'result') {
          sockets.push(client);
          return client;
        }
        client.socket.close();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return undefined;
      },
      { timeoutMs: 30_000, what: 'back in the room' },
    );
  };

  it('goes on at the other instance with its lock; everyone is back in the room', async () => {
    const token = instances.find((i) => i.setupLink)!.setupLink!.split('#')[1]!;
    const setup = await api('POST', '/api/setup', { token, ...adminCredentials, language: 'en' });
    assert.equal(setup.status, 204);
    const cookie = setup.cookie!.split(';')[0]!;
    const meeting = (await api('POST', '/api/meetings', { title: 'Failover', lobby: 'guests' }, cookie)).json as { id: string };
    const hostGrant = (await api('POST', `/api/meetings/${meeting.id}/host-join`, undefined, cookie)).json as {
      joinToken: string;
      socketPath: string;
    };
    const host = await enter(hostGrant.socketPath, hostGrant.joinToken);
    host.send({ type: 'moderation.settings', id: 2, lobby: 'off' });
    await host.reply(2);
    const { meetingNumber, passcode } = (await api('GET', `/api/meetings/${meeting.id}`, undefined, cookie)).json as {
      meetingNumber: string;
      passcode: string;
    };
    const guestGrant = (await api('POST', '/api/join', { meetingNumber, passcode, displayName: 'Gabi' })).json as {
      joinToken: string;
      socketPath: string;
    };
    const guest = await enter(guestGrant.socketPath, guestGrant.joinToken);
    await guest.next((m) => m.type === 'welcome');
    host.send({ type: 'moderation.settings', id: 3, locked: true });
    assert.equal((await host.reply(3)).type, 'result');

    const leaseKey = `${prefix}room:${meeting.id}:lease`;
    const owner = ((await redis.get(leaseKey)) ?? '').split('#')[0];
    const killed = instances.find((i) => i.id === owner)!;
    assert.ok(killed, `the owner is one of the instances: ${owner}`);
    const killedAt = Date.now();
    killed.process.kill('SIGKILL');
    await Promise.all([host.closed(10_000), guest.closed(10_000)]);

    const [hostBack, guestBack] = await Promise.all([
      enter(hostGrant.socketPath, hostGrant.joinToken),
      enter(guestGrant.socketPath, guestGrant.joinToken),
    ]);
    const state = await guestBack.next((m) => m.type === 'moderation.state');
    const backAfterMs = Date.now() - killedAt;
    assert.equal(state.locked, true, 'the lock held through the failover');
    await hostBack.roster((list) => list.length === 2, 10_000);
    const newOwner = await redis.get(leaseKey);
    assert.ok(newOwner && !newOwner.startsWith(`${owner}#`), `another instance owns the room now: ${newOwner}`);
    // A figure, not an assertion: the lease lasts 2 s here; the browsers retry every 0.3 s.
    console.log(`failover after SIGKILL: both back in the room after ${backAfterMs} ms (ROOM_LEASE_SECONDS=2)`);
    instances = instances.filter((i) => i !== killed);
  });
});
