import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import Fastify from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createPlenum } from '../src/plenum.js';
import { createTestDatabase, type Dialect } from '../src/testing/stores.js';

/**
 * Sustained public registration submissions per second (captcha verified and spent, validated,
 * stored, confirmation mail queued, audit entry written, all in one transaction) and p99
 * latency, on SQLite and PostgreSQL, next to plain Fastify answering a constant in the same run.
 * autocannon runs in a child process so it does not share the server's event loop. Each
 * submission comes from its own client address (X-Forwarded-For, TRUST_PROXY=1) with its own
 * email address and its own pre-solved challenge: the per-address limits stay in force but are
 * not what is measured. Challenges are solved before the timed window at the lowest difficulty;
 * verifying costs the same at any difficulty (two HMACs). Bounded: 20 connections, a fixed
 * count of submissions, loopback only. Afterwards the stored registrations are counted. Each row
 * also gives the server's CPU time per request (`*_cpu_ms`), the cost per unit, which other load on
 * a shared machine disturbs far less than the rates.
 */

const submissions = Number(process.env.BENCH_REGISTRATIONS ?? 5000);
/** BENCH_PROFILE=<dir>: a CPU profile of the server process during each timed window (open it in Chrome DevTools). */
const profileDir = process.env.BENCH_PROFILE;
/** BENCH_STORES=sqlite: only the named stores (comma-separated); both by default. */
const stores = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const connections = 20;

interface LoadResult {
  rps: number;
  /** CPU time of this process (the server under test; the load generator is a child) per request, in ms. */
  cpuMs?: number;
  p99: number;
  accepted: number;
  non2xx: number;
  errors: number;
}

/** autocannon in a child process (it treats worker threads as its own): one request per body, in order. */
function load(url: string, bodies: { body: string; ip: string }[] | undefined, amount: number): Promise<LoadResult> {
  const code = `
    const autocannon = require('autocannon');
    let input = '';
    process.stdin.on('data', (chunk) => (input += chunk));
    process.stdin.on('end', () => run(JSON.parse(input)));
    function run({ url, bodies, amount, connections }) {
    let next = 0;
    const options = { url, connections, amount, timeout: 30 };
    if (bodies) {
      options.method = 'POST';
      options.requests = [{
        setupRequest: (request) => {
          const item = bodies[next++ % bodies.length];
          return { ...request, method: 'POST', body: item.body, headers: { 'content-type': 'application/json', 'x-forwarded-for': item.ip } };
        },
      }];
    }
    autocannon(options, (err, result) => {
      if (err) throw err;
      process.stdout.write(JSON.stringify({ rps: result.requests.total / result.duration, p99: result.latency.p99, accepted: result['2xx'], non2xx: result.non2xx, errors: result.errors }));
    });
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) =>
      status === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load generator exited with ${status}`)),
    );
    child.stdin.end(JSON.stringify({ url, bodies, amount, connections }));
  });
}

async function hello(): Promise<LoadResult> {
  const raw = Fastify();
  raw.get('/', async () => ({ ok: true }));
  await raw.listen({ host: '127.0.0.1', port: 0 });
  const cpuBefore = process.cpuUsage();
  const result = await load(`http://127.0.0.1:${(raw.server.address() as { port: number }).port}/`, undefined, submissions * 2);
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuMs = (cpu.user + cpu.system) / 1000 / (submissions * 2);
  await raw.close();
  return result;
}

async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function registrationsOn(dialect: Dialect): Promise<LoadResult & { stored: number; perCommit?: number }> {
  const database = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    JANUS_MODE: 'off',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: '1',
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATABASE_URL: database.config.kind === 'postgres' ? database.config.url : `sqlite:${database.config.file}`,
  });
  const plenum = await createPlenum(config, {
    logger: pino({ level: 'silent' }),
    store: { schema: database.schema },
    captchaDifficulty: { cost: 1, minCounter: 1, maxCounter: 2 },
  });
  try {
    const address = await plenum.listen();
    const setup = await fetch(`${address}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: plenum.setupLink!.split('#')[1],
        email: 'bench@example.org',
        displayName: 'Bench',
        password: 'benchmark password',
      }),
    });
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
    const start = new Date(Date.now() + 86_400_000);
    const event = (await (
      await fetch(`${address}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          kind: 'webinar',
          title: 'Bench',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
          timeZone: 'Europe/Berlin',
          language: 'en',
        }),
      })
    ).json()) as { slug: string };

    const bodies: { body: string; ip: string }[] = [];
    for (let i = 0; i < submissions; i++) {
      const challenge = (await (
        await fetch(`${address}/api/public/captcha`, { headers: { 'x-forwarded-for': ipOf(i) } })
      ).json()) as Challenge;
      const solution = await solveChallenge({ challenge, deriveKey });
      const captcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
      bodies.push({
        ip: ipOf(i),
        body: JSON.stringify({
          firstName: 'Bench',
          lastName: `Person ${i}`,
          email: `person${i}@example.org`,
          phone: '+49 30 1234567',
          captcha,
        }),
      });
    }
    const commitsBefore = plenum.store.commitStats?.();
    const profiler = profileDir ? await startProfile() : undefined;
    const cpuBefore = process.cpuUsage();
    const result = await load(
      `${address}/api/events/${event.slug}/registrations`.replace('/api/events/', '/api/public/events/'),
      bodies,
      submissions,
    );
    const cpu = process.cpuUsage(cpuBefore);
    result.cpuMs = (cpu.user + cpu.system) / 1000 / submissions;
    if (profiler) await profiler.stop(path.join(profileDir!, `registration-${dialect}.cpuprofile`));
    const stored = Number(
      (
        await plenum.store.db
          .selectFrom('registrations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const commitsAfter = plenum.store.commitStats?.();
    const perCommit =
      commitsBefore && commitsAfter
        ? (commitsAfter.units - commitsBefore.units) / (commitsAfter.commits - commitsBefore.commits)
        : undefined;
    return { ...result, stored, perCommit };
  } finally {
    await plenum.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const baseline = await hello();
const measured: Record<string, LoadResult & { stored: number; perCommit?: number }> = {};
for (const dialect of ['sqlite', 'postgres'] as const) if (stores.includes(dialect)) measured[dialect] = await registrationsOn(dialect);
const { sqlite, postgres } = measured;
const lost = Object.values(measured).reduce((sum, r) => sum + r.accepted - r.stored, 0);

const row = (name: string, r: LoadResult) =>
  `${name.padEnd(46)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   ${((r.rps / baseline.rps) * 100).toFixed(1).padStart(5)}% of baseline   ${r.cpuMs!.toFixed(3)} ms CPU each   non-2xx ${r.non2xx}, errors ${r.errors}`;
console.log(`Registration submissions, ${submissions} per store, ${connections} connections, loopback, on this machine:`);
console.log(row('baseline: plain Fastify hello-world', baseline));
if (sqlite) console.log(row('POST registration, SQLite', sqlite));
if (postgres) console.log(row('POST registration, PostgreSQL', postgres));
if (sqlite?.perCommit) console.log(`SQLite group commit: ${sqlite.perCommit.toFixed(1)} transactions per COMMIT (one fsync each)`);
console.log(
  `stored: ${Object.entries(measured)
    .map(([name, r]) => `${name} ${r.stored} of ${r.accepted} accepted`)
    .join(', ')}`,
);
const fields = [
  sqlite && `sqlite_rps=${sqlite.rps.toFixed(0)} sqlite_p99_ms=${sqlite.p99} sqlite_cpu_ms=${sqlite.cpuMs!.toFixed(3)}`,
  postgres && `pg_rps=${postgres.rps.toFixed(0)} pg_p99_ms=${postgres.p99} pg_cpu_ms=${postgres.cpuMs!.toFixed(3)}`,
  `hello_rps=${baseline.rps.toFixed(0)} hello_cpu_ms=${baseline.cpuMs!.toFixed(3)}`,
  // SQLite registrations per second as a share of the same run's hello-world (the issue asks for ≥ 0.11).
  sqlite && `ratio=${(sqlite.rps / baseline.rps).toFixed(3)}`,
  `lost=${lost}`,
];
console.log(`RESULT ${fields.filter(Boolean).join(' ')}`);
