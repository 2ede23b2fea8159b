import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type RunningServer } from '../e2e/harness.js';
import { addressOf, ask, connect, cpuMeter, get, percentile, post, webinarWithRegistrations, type Client } from './webinar-clients.js';

/**
 * A webinar join storm: BENCH_ATTENDEES (1,000) WebSocket-only attendees arrive at
 * BENCH_JOIN_RATE per second (open loop: one starts every 1/rate s whether the others are done
 * or not) and each joins as the browser does with its personal link: the /j/<token> page,
 * POST /api/join/link, the room's WebSocket and its hello, timed until hello's result (the
 * welcome came before it). Everyone stays connected, so the last joins happen in a full room.
 * Reported: join p50/p95/max, failures, the app's CPU per join (its process, /proc) and the load
 * generator's (this process). Baseline, same run, same clients and rate: a plain node:http + ws
 * server in its own process that answers the same three steps without checking anything.
 * Bounded: each join 60 s, the storm 240 s. Used by bench:chat for its join phase.
 */

export const attendees = Number(process.env.BENCH_ATTENDEES ?? 1000);
export const joinRate = Number(process.env.BENCH_JOIN_RATE ?? 100);
const joinTimeoutMs = 60_000;
const stormDeadlineMs = 240_000;

export interface Storm {
  clients: Client[];
  p50: number;
  p95: number;
  max: number;
  failed: number;
  /** CPU milliseconds per join: of the server (app or baseline) and of this process. */
  serverMsPerJoin: number;
  generatorMsPerJoin: number;
  seconds: number;
  load: string;
  /** From the first join's start to the last one's end, on the monotonic clock in µs (bench/profile-top.ts). */
  window: string;
}

export const monotonicUs = () => process.hrtime.bigint() / 1000n;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Every link joins at `rate` per second; the clients that got in stay connected. */
export async function storm(
  server: { url: string; pid: number },
  links: string[],
  rate: number,
  onFrame: (data: Buffer) => void = () => {},
): Promise<Storm> {
  const meter = cpuMeter(server.pid);
  const origin = server.url;
  const socketBase = server.url.replace('http', 'ws');
  const latencies: number[] = [];
  const clients: Client[] = [];
  const errors = new Map<string, number>();
  const join = async (link: string, address: string) => {
    const started = performance.now();
    await get(`${server.url}/j/${link}`, address);
    const grant = await post<{ joinToken: string; socketPath: string }>(`${server.url}/api/join/link`, { token: link }, address);
    const client = await connect(`${socketBase}${grant.socketPath}`, address, origin, onFrame);
    clients.push(client);
    await ask(client, 1, { type: 'hello', token: grant.joinToken }, joinTimeoutMs);
    latencies.push(performance.now() - started);
  };
  const from = monotonicUs();
  const start = performance.now();
  const joins: Promise<void>[] = [];
  for (let i = 0; i < links.length; i++) {
    const due = start + (i * 1000) / rate;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    joins.push(
      withTimeout(join(links[i]!, addressOf(i)), joinTimeoutMs, 'join').catch((error: unknown) => {
        const reason = String((error as Error).message).slice(0, 120);
        errors.set(reason, (errors.get(reason) ?? 0) + 1);
      }),
    );
  }
  await withTimeout(Promise.all(joins), stormDeadlineMs, 'storm');
  const cpu = meter();
  for (const [reason, count] of errors) console.log(`  ${count}× ${reason}`);
  return {
    clients,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    failed: links.length - latencies.length,
    serverMsPerJoin: (1000 * cpu.server) / links.length,
    generatorMsPerJoin: (1000 * cpu.generator) / links.length,
    seconds: cpu.seconds,
    load: cpu.load,
    window: `${from}-${monotonicUs()}`,
  };
}

export const describeStorm = (label: string, s: Storm, count: number, rate: number) =>
  `${label}: ${count} joins at ${rate}/s → p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms, ${s.failed} failed, ` +
  `in ${s.seconds.toFixed(1)} s; CPU per join: server ${s.serverMsPerJoin.toFixed(2)} ms, load generator ${s.generatorMsPerJoin.toFixed(2)} ms; load average ${s.load}` +
  (process.env.BENCH_CPU_PROF ? ` (profile window ${s.window})` : '');

/**
 * The same three steps against a server that does nothing else: a page, a grant, a socket whose
 * first message is answered. Its own process, plain node:http and ws, no framework.
 */
export async function joinBaselineServer(): Promise<{ url: string; pid: number; child: ChildProcess }> {
  const code = `
    import http from 'node:http';
    import { randomBytes } from 'node:crypto';
    import { WebSocketServer } from 'ws';
    const page = '<!doctype html><html><head><title>Plenum</title></head><body><div id="root"></div></body></html>'.padEnd(2000, ' ');
    const server = http.createServer((req, res) => {
      if (req.method === 'GET') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        JSON.parse(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ joinToken: randomBytes(32).toString('base64url'), socketPath: '/socket' }));
      });
    });
    const wss = new WebSocketServer({ server, perMessageDeflate: false });
    wss.on('connection', (ws) => ws.once('message', (raw) => ws.send(JSON.stringify({ type: 'result', id: JSON.parse(raw.toString()).id }))));
    server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.on('data', (chunk: Buffer) => /PORT (\d+)/.test(chunk.toString()) && resolve(/PORT (\d+)/.exec(chunk.toString())![1]!)),
  );
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, child };
}

/** The webinar, its registrations, and the app started with BENCH_CPU_PROF=<dir> profiled (node --cpu-prof, written at exit). */
export async function benchServer(): Promise<RunningServer> {
  const profile = process.env.BENCH_CPU_PROF;
  return startServer({
    database: 'sqlite',
    env: { JANUS_MODE: 'off', LOG_LEVEL: 'warn' },
    ...(profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] } : {}),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const server = await benchServer();
  let baseline: Awaited<ReturnType<typeof joinBaselineServer>> | undefined;
  try {
    const { links } = await webinarWithRegistrations(server, attendees);
    baseline = await joinBaselineServer();
    const plain = await storm(baseline, links, joinRate);
    console.log(describeStorm('baseline (node:http + ws, no checks)', plain, attendees, joinRate));
    plain.clients.forEach((c) => c.socket.close());
    baseline.child.kill();
    await new Promise((r) => setTimeout(r, 2_000));

    const app = await storm(server, links, joinRate);
    console.log(describeStorm('plenum (page, POST /api/join/link, WebSocket hello)', app, attendees, joinRate));
    app.clients.forEach((c) => c.socket.close());
    console.log(
      `RESULT attendees=${attendees} join_rate=${joinRate} join_p95_ms=${app.p95.toFixed(0)} app_cpu_ms_per_join=${app.serverMsPerJoin.toFixed(2)} ` +
        `failed=${app.failed} baseline_p95_ms=${plain.p95.toFixed(0)} baseline_cpu_ms_per_join=${plain.serverMsPerJoin.toFixed(2)} ` +
        `generator_cpu_ms_per_join=${app.generatorMsPerJoin.toFixed(2)} load=${app.load}`,
    );
  } catch (error) {
    console.error(server.output().split('\n').slice(-20).join('\n'));
    throw error;
  } finally {
    baseline?.child.kill();
    await new Promise((r) => setTimeout(r, 1_000));
    await server.stop();
  }
}
