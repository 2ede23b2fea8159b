import assert from 'node:assert/strict';
import net, { type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { sql } from 'kysely';
import { privacyDeclarations, retentionTasks } from '../plenum.js';
import { loadConfig } from '../config.js';
import { createRetention } from '../privacy/retention.js';
import { deleteKeys, startTestCluster, testRedisUrl, type TestCluster } from '../testing/cluster.js';
import { sessionCookieOf, adminCredentials } from '../testing/plenum.js';
import { RoomSocketClient as Client } from '../testing/room-socket.js';
import { startSmtpPeer } from '../testing/smtp.js';
import { dialects } from '../testing/stores.js';
import { until } from '../testing/until.js';
import { createCluster, type Cluster } from './cluster.js';
import { createJobRunner } from './jobs.js';
import { Redis } from 'ioredis';
import { passcodeFailuresPerClient } from '../rooms/service.js';

const skip = dialects.includes('postgres') ? false : 'cluster mode runs on PostgreSQL only (TEST_DIALECTS leaves it out)';

describe('cluster mode: two instances on one PostgreSQL schema and one Redis prefix', { skip }, () => {
  let cluster: TestCluster;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let origins: string[];
  let admin: string;

  before(async () => {
    smtp = await startSmtpPeer();
    cluster = await startTestCluster(2, { SMTP_URL: smtp.url, RATE_LIMIT_PER_MINUTE: '30' });
    origins = await Promise.all(cluster.instances.map((plenum) => plenum.listen()));
  });
  after(async () => {
    await cluster?.dispose();
    await smtp?.close();
  });

  const [a, b] = [() => cluster.instances[0]!, () => cluster.instances[1]!];

  it('each instance names itself in /healthz and reports Redis up', async () => {
    for (const [plenum, id] of [
      [a(), 'instance-a'],
      [b(), 'instance-b'],
    ] as const) {
      const health = (await plenum.app.inject({ url: '/healthz' })).json();
      assert.equal(health.status, 'ok');
      assert.equal(health.instance, id);
      assert.deepEqual(health.cluster, { status: 'ok' });
    }
  });

  it('takes the setup link one instance printed on the other, once; the other links end with it', async () => {
    const tokenOfA = a().setupLink!.split('#')[1]!;
    const tokenOfB = b().setupLink!.split('#')[1]!;
    assert.notEqual(tokenOfA, tokenOfB);
    const setup = await b().app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: tokenOfA, ...adminCredentials, language: 'en' },
    });
    assert.equal(setup.statusCode, 204, setup.body);
    admin = sessionCookieOf(setup);
    const again = await a().app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: tokenOfB, ...adminCredentials, email: 'other@example.org', language: 'en' },
    });
    assert.equal(again.json().error.code, 'ERR_SETUP_DONE');
    const left = await sql<{ n: number }>`select count(*)::int as n from setup_tokens`.execute(a().store.db);
    assert.equal(left.rows[0]?.n, 0, 'no setup link is left in the database');
  });

  it('accepts on B a join session granted by A, and ending the meeting on B ends A’s sessions too', async () => {
    const meeting = (
      await a().app.inject({ method: 'POST', url: '/api/meetings', payload: { title: 'Across', lobby: 'off' }, headers: { cookie: admin } })
    ).json<{ id: string; meetingNumber: string; passcode: string }>();
    const join = async (name: string) =>
      (
        await a().app.inject({
          method: 'POST',
          url: '/api/join',
          payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: name },
        })
      ).json<{ joinToken: string }>().joinToken;
    const [anna, bert] = [await join('Anna'), await join('Bert')];

    const socketOn = async (origin: string) => Client.open(`${origin.replace('http', 'ws')}/api/rooms/socket`, { origin });
    const onB = await socketOn(origins[1]!);
    onB.send({ type: 'hello', id: 1, token: anna });
    assert.equal((await onB.reply(1)).type, 'result', 'B admits Anna with the session A granted');
    const welcome = await onB.next((m) => m.type === 'welcome');
    assert.equal((welcome.self as { displayName: string }).displayName, 'Anna');

    const ended = await b().app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/end`, headers: { cookie: admin } });
    assert.equal(ended.statusCode, 204, ended.body);
    // Started again, so a refusal can only come from the revoked session, not from the ended meeting.
    const restarted = await a().app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/host-join`, headers: { cookie: admin } });
    assert.equal(restarted.statusCode, 200, restarted.body);
    const onA = await socketOn(origins[0]!);
    onA.send({ type: 'hello', id: 1, token: bert });
    assert.equal((await onA.reply(1)).code, 'ERR_JOIN_SESSION_INVALID', 'Bert’s session, granted by A, was revoked by B');
    onB.socket.close();
  });

  it('sends each of 60 queued mails exactly once while both instances dispatch, links only by the instance holding them', async () => {
    const before = smtp.received.length;
    const subjects = Array.from({ length: 60 }, (_, i) => `Cluster mail ${i}`);
    await a().store.transaction(async (tx) => {
      for (const [i, subject] of subjects.entries()) {
        const link = `https://meet.example.org/j/secret-${i}`;
        // Every third mail carries a link that only A (which queued it) holds in memory.
        const withLink = i % 3 === 0;
        await a().mail.enqueue(tx, {
          to: `person${i}@example.org`,
          subject,
          text: withLink ? `Your link: ${link}` : 'No link here.',
          purpose: 'test',
          secrets: withLink ? [link] : [],
        });
      }
    });
    // Both dispatchers, twice each, at once: each claims its own rows (FOR UPDATE SKIP LOCKED).
    await until(
      async () => {
        await Promise.all([a().mail.dispatch(), b().mail.dispatch(), a().mail.dispatch(), b().mail.dispatch()]);
        return smtp.received.length - before >= subjects.length || undefined;
      },
      { timeoutMs: 20_000, what: 'all mails sent' },
    );
    const sent = smtp.received.slice(before);
    const count = new Map<string, number>();
    for (const message of sent) {
      const subject = /^Subject: (.*)$/m.exec(message.raw)?.[1]?.trim() ?? '';
      count.set(subject, (count.get(subject) ?? 0) + 1);
    }
    assert.equal(sent.length, subjects.length, 'no mail sent twice');
    for (const subject of subjects) assert.equal(count.get(subject), 1, subject);
    assert.ok(!sent.some((m) => m.raw.includes('[removed]')), 'no mail went out without its link');
    const linkMails = sent.filter((m) => m.raw.includes('meet.example.org/j/secret-'));
    assert.equal(linkMails.length, 20, 'every mail with a link went out with its link');
    const states = await a().store.db.selectFrom('mail_messages').select(['status', 'held_by']).where('purpose', '=', 'test').execute();
    assert.deepEqual(
      states.map((s) => s.status).filter((s) => s !== 'sent'),
      [],
    );
    assert.deepEqual([...new Set(states.map((s) => s.held_by))].sort(), ['instance-a', null]);
  });

  it('runs the retention job once while both instances try, at once and a moment later', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://unused', REDIS_URL: testRedisUrl, JANUS_MODE: 'off' });
    const clusters: Cluster[] = ['instance-a', 'instance-b'].map((instanceId) =>
      createCluster({ redisUrl: testRedisUrl, keyPrefix: cluster.prefix, instanceId }, pino({ level: 'silent' })),
    );
    try {
      const runners = [a(), b()].map((plenum, i) => createJobRunner(plenum.store, clusters[i]!));
      const retention = (i: number) => createRetention([a(), b()][i]!.store, privacyDeclarations, retentionTasks(config), config.retention);
      const job = (i: number) => ({ name: 'retention', everyMs: 3_600_000, run: () => retention(i).run({ dryRun: false }) });
      const atOnce = await Promise.all([runners[0]!(job(0)), runners[1]!(job(1))]);
      const later = await runners[1]!(job(1));
      assert.deepEqual([...atOnce].sort(), ['ran', 'skipped']);
      assert.equal(later, 'skipped', 'the period is taken');
      const runs = await sql<{ n: number }>`select count(*)::int as n from audit_entries where action = 'retention.run'`.execute(
        a().store.db,
      );
      assert.equal(runs.rows[0]?.n, 1, 'one retention run, one audit entry');
    } finally {
      await Promise.all(clusters.map((c) => c.close()));
    }
  });

  it('shows on B the processor an admin declared on A (the notice is generated from the database on every instance)', async () => {
    const added = await a().app.inject({
      method: 'POST',
      url: '/api/privacy/processors',
      payload: { name: 'Mail GmbH', purposeEn: 'Sending mail', purposeDe: 'E-Mail-Versand', country: 'de', transferBasis: 'eu' },
      headers: { cookie: admin },
    });
    assert.equal(added.statusCode, 201, added.body);
    const version = added.json<{ noticeVersion: string }>().noticeVersion;
    const onB = await until(
      async () => {
        const notice = (await b().app.inject({ url: '/api/public/privacy/notice?language=en', remoteAddress: '198.51.100.8' })).json<{
          version: string;
          processors: { name: string }[];
        }>();
        return notice.version === version && notice;
      },
      { timeoutMs: 20_000, intervalMs: 1_000, what: 'B serving the notice version A made' },
    );
    assert.deepEqual(
      onB.processors.map((p) => p.name),
      ['Mail GmbH'],
    );
  });

  it('counts wrong passcodes across instances: alternating between them gains no guesses', async () => {
    const meeting = (
      await a().app.inject({ method: 'POST', url: '/api/meetings', payload: { title: 'Guessed' }, headers: { cookie: admin } })
    ).json<{ meetingNumber: string; passcode: string }>();
    const from = { remoteAddress: '198.51.100.20' };
    const codes: string[] = [];
    for (let i = 0; i <= passcodeFailuresPerClient.threshold; i++) {
      const wrong = await (i % 2 === 0 ? a() : b()).app.inject({
        method: 'POST',
        url: '/api/join',
        payload: { meetingNumber: meeting.meetingNumber, passcode: 'wrong-guess', displayName: 'Mallory' },
        ...from,
      });
      codes.push(wrong.json().error.code);
    }
    assert.deepEqual(codes, [...Array<string>(passcodeFailuresPerClient.threshold).fill('ERR_JOIN_REFUSED'), 'ERR_RATE_LIMITED']);
    const redis = new Redis(testRedisUrl);
    try {
      const keys = await redis.keys(`${cluster.prefix}fc:*`);
      assert.ok(keys.length > 0, 'counted in Redis');
      assert.ok(!keys.some((key) => key.includes('198.51.100.20') || key.includes(meeting.meetingNumber)), keys.join());
    } finally {
      redis.disconnect();
    }
  });

  it('counts the rate limit across instances', async () => {
    const from = { remoteAddress: '198.51.100.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const plenum = i % 2 === 0 ? a() : b();
      statuses.push((await plenum.app.inject({ method: 'GET', url: '/api/auth/session', ...from })).statusCode);
    }
    assert.ok(
      statuses.slice(0, 30).every((s) => s !== 429),
      `30 requests (15 per instance) are allowed: ${statuses.join(',')}`,
    );
    assert.equal(statuses[30], 429, 'the 31st, wherever it lands, is over RATE_LIMIT_PER_MINUTE=30');
  });
});

describe('cluster mode when Redis is lost', { skip }, () => {
  it('keeps running, says so in /healthz and refuses new joins with a clear error until Redis is back', async () => {
    const proxy = await startTcpProxy(6379);
    const cluster = await startTestCluster(1, {}, `redis://127.0.0.1:${proxy.port}`);
    try {
      const plenum = cluster.instances[0]!;
      const token = plenum.setupLink!.split('#')[1]!;
      const setup = await plenum.app.inject({ method: 'POST', url: '/api/setup', payload: { token, ...adminCredentials, language: 'en' } });
      const cookie = sessionCookieOf(setup);
      const meeting = (
        await plenum.app.inject({ method: 'POST', url: '/api/meetings', payload: { title: 'Lost', lobby: 'off' }, headers: { cookie } })
      ).json<{ meetingNumber: string; passcode: string }>();
      const join = () =>
        plenum.app.inject({
          method: 'POST',
          url: '/api/join',
          payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: 'Anna' },
          headers: { 'accept-language': 'de' },
        });
      assert.equal((await join()).statusCode, 200);

      proxy.cut();
      await until(async () => ((await plenum.app.inject({ url: '/healthz' })).statusCode === 503 ? true : undefined), {
        timeoutMs: 15_000,
        what: '/healthz says down',
      });
      const health = (await plenum.app.inject({ url: '/healthz' })).json();
      assert.equal(health.cluster.status, 'down');
      assert.equal(health.store.status, 'ok');
      const refused = await join();
      assert.equal(refused.statusCode, 503);
      assert.equal(refused.json().error.code, 'ERR_CLUSTER_UNAVAILABLE');
      assert.match(refused.json().error.message, /Sitzungsspeicher/);

      proxy.restore();
      await until(async () => ((await plenum.app.inject({ url: '/healthz' })).statusCode === 200 ? true : undefined), {
        timeoutMs: 20_000,
        what: '/healthz up again',
      });
      // Joins work again once the connection is back (the first command may still meet the reconnect under load).
      await until(async () => (await join()).statusCode === 200, {
        timeoutMs: 20_000,
        intervalMs: 200,
        what: 'a join after Redis is back',
      });
    } finally {
      await cluster.dispose();
      await proxy.close();
    }
  });
});

describe('join sessions at rest in Redis', { skip }, () => {
  it('keeps no token, only its SHA-256', async () => {
    const cluster = await startTestCluster(1);
    try {
      const plenum = cluster.instances[0]!;
      const token = plenum.setupLink!.split('#')[1]!;
      const cookie = sessionCookieOf(
        await plenum.app.inject({ method: 'POST', url: '/api/setup', payload: { token, ...adminCredentials, language: 'en' } }),
      );
      const meeting = (
        await plenum.app.inject({ method: 'POST', url: '/api/meetings', payload: { title: 'At rest' }, headers: { cookie } })
      ).json<{ meetingNumber: string; passcode: string }>();
      const { joinToken } = (
        await plenum.app.inject({
          method: 'POST',
          url: '/api/join',
          payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: 'Anna' },
        })
      ).json<{ joinToken: string }>();
      const redis = new Redis(testRedisUrl);
      try {
        const keys = await redis.keys(`${cluster.prefix}*`);
        assert.ok(keys.length > 0);
        for (const key of keys) {
          assert.ok(!key.includes(joinToken), key);
          const type = await redis.type(key);
          const content =
            type === 'string'
              ? await redis.get(key)
              : type === 'set'
                ? (await redis.smembers(key)).join()
                : JSON.stringify(await redis.hgetall(key));
          assert.ok(!content?.includes(joinToken), `${key} holds the token`);
        }
      } finally {
        redis.disconnect();
      }
    } finally {
      await cluster.dispose();
    }
    assert.equal(await deleteKeys(cluster.prefix), 0, 'the run left no key behind');
  });
});

/** A TCP relay to a local port that can be cut (every connection closed, new ones refused) and restored. */
async function startTcpProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => (open = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
