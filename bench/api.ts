import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createPlenum } from '../src/plenum.js';

/**
 * Authenticated API requests per second (session cookie → session lookup in SQLite → policy →
 * presenter), against raw Fastify answering a constant on the same box in the same run.
 * Bounded: 10 connections, 5 s per target, loopback only.
 */

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);

async function measure(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 10, duration: durationSeconds, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const raw = Fastify();
raw.get('/', async () => ({ ok: true }));
await raw.listen({ host: '127.0.0.1', port: 0 });
const rawUrl = `http://127.0.0.1:${(raw.server.address() as { port: number }).port}/`;

const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-bench-'));
// The per-IP limit is raised out of the way: this measures the request path, not the limiter.
const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', JANUS_MODE: 'off', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000' });
const plenum = await createPlenum(config, { logger: pino({ level: 'silent' }) });
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

const baseline = await measure(rawUrl);
const session = await measure(`${address}/api/auth/session`, { cookie });
const health = await measure(`${address}/healthz`);

await plenum.close();
await raw.close();
rmSync(dataDir, { recursive: true, force: true });

const row = (name: string, r: { rps: number; p99: number }) =>
  `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms   ${((r.rps / baseline.rps) * 100).toFixed(0).padStart(3)}% of baseline`;
console.log(`API throughput, ${durationSeconds} s each, 10 connections, SQLite, on this machine:`);
console.log(row('baseline: raw Fastify, constant JSON', baseline));
console.log(row('GET /healthz (store ping)', health));
console.log(row('GET /api/auth/session (session + policy)', session));
