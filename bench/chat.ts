import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { newToken } from '../src/shared/secrets.js';
import { openStore } from '../src/store/store.js';
import { startServer, type RunningServer } from '../e2e/harness.js';

/**
 * Chat in one room with 1,000 connected WebSocket clients (webinar attendees) on the built
 * server, SQLite, Janus off (chat needs no media). Every client joins through the real HTTP
 * join with its own personal join link (registrations are seeded into the server's database,
 * the one fixture this bench writes directly) and says hello over the room's WebSocket.
 * Clients come from 50 loopback addresses (127.0.0.2…), 20 each, so the per-address join limit
 * (20 per minute) stays in force and is not what is measured.
 *
 * Measured: time from sending a message until every client has it (p50/p99 over messages) at
 * a steady rate, then the highest rate the room sustains (every message reaches every client,
 * none refused, p99 under 1 s) in steps. Baseline, same run, same clients: a plain `ws` server
 * in its own process that forwards each message to everyone without parsing or checks.
 * Senders spread over the clients so that none exceeds the per-person chat limit (10 per 10 s).
 * Each measurement starts once the clients have read everything sent before (2 s without a frame).
 * Bounded: join phase 600 s, each phase a fixed count of messages with a 10 s drain.
 */

const clients = Number(process.env.BENCH_CHAT_CLIENTS ?? 1000);
const perAddress = 20;
const steady = { rate: 20, seconds: 10 };
const steps = [50, 100, 200, 400];
const stepSeconds = 5;
const joinDeadlineMs = 600_000;

interface Phase {
  rate: number;
  sent: number;
  sentAt: Float64Array;
  received: Uint16Array;
  lastAt: Float64Array;
  refused: number;
}

interface Client {
  socket: WebSocket;
  pending: Map<number, () => void>;
}

let phase: Phase | undefined;
let lastFrameAt = 0;
const marker = Buffer.from('"text":"b:');
const answer = Buffer.from('{"type":"result"');
const failure = Buffer.from('{"type":"error"');

/** Reads the sequence number of a bench message from the raw frame; other pushes are ignored unparsed. */
function onFrame(data: Buffer): void {
  const at = data.indexOf(marker);
  if (at < 0 || !phase) return;
  const seq = Number.parseInt(data.toString('latin1', at + marker.length, at + marker.length + 8), 10);
  if (!(seq < phase.sent)) return;
  phase.received[seq]! += 1;
  phase.lastAt[seq] = performance.now();
}

const addressOf = (index: number) => `127.0.0.${2 + Math.floor(index / perAddress)}`;

function post<T>(url: string, body: unknown, localAddress: string, cookie?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(cookie ? { cookie } : {}) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          response.statusCode! < 300
            ? resolve((text ? JSON.parse(text) : undefined) as T)
            : reject(new Error(`${url}: ${response.statusCode} ${text}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function connect(url: string, localAddress: string, origin?: string): Promise<Client> {
  // The client side is kept cheap (no UTF-8 check, byte search): the server is what is measured.
  const socket = new WebSocket(url, {
    localAddress,
    headers: origin ? { origin } : {},
    perMessageDeflate: false,
    skipUTF8Validation: true,
  });
  const client: Client = { socket, pending: new Map() };
  socket.on('message', (data: Buffer) => {
    lastFrameAt = performance.now();
    onFrame(data);
    if (data.subarray(0, answer.length).equals(answer) || data.subarray(0, failure.length).equals(failure)) {
      const reply = JSON.parse(data.toString()) as { type: string; id?: number; code?: string };
      if (reply.type === 'error' && phase) phase.refused++;
      if (reply.id !== undefined) client.pending.get(reply.id)?.();
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}

function hello(client: Client, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to hello')), 120_000);
    client.socket.once('close', (code) => reject(new Error(`closed before hello was answered: ${code}`)));
    client.pending.set(1, () => {
      clearTimeout(timer);
      client.pending.delete(1);
      resolve();
    });
    client.socket.send(JSON.stringify({ type: 'hello', id: 1, token }));
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Sends `rate` messages per second for `seconds`, round-robin over enough senders to stay within the per-person limit. */
async function run(
  room: Client[],
  rate: number,
  seconds: number,
  frame: (seq: number) => string,
): Promise<{ p50: number; p99: number; complete: number; refused: number; total: number }> {
  const total = rate * seconds;
  const current: Phase = {
    rate,
    sent: 0,
    sentAt: new Float64Array(total),
    received: new Uint16Array(total),
    lastAt: new Float64Array(total),
    refused: 0,
  };
  phase = current;
  const senders = Math.min(room.length, Math.ceil(rate * 1.5));
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      while (current.sent < due) {
        const seq = current.sent;
        current.sentAt[seq] = performance.now();
        current.sent++;
        room[seq % senders]!.socket.send(frame(seq));
      }
      if (current.sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  const drainUntil = performance.now() + 10_000;
  while (performance.now() < drainUntil && current.received.some((count) => count < room.length))
    await new Promise((r) => setTimeout(r, 50));
  phase = undefined;
  const toAll: number[] = [];
  for (let seq = 0; seq < total; seq++) if (current.received[seq] === room.length) toAll.push(current.lastAt[seq]! - current.sentAt[seq]!);
  return { p50: percentile(toAll, 50), p99: percentile(toAll, 99), complete: toAll.length, refused: current.refused, total };
}

/** Until the clients have read everything the joins sent them (participant lists): a backlog would count as chat latency. */
async function quiet(): Promise<void> {
  const until = performance.now() + 120_000;
  while (performance.now() - lastFrameAt < 2_000 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
}

async function measure(label: string, room: Client[], frame: (seq: number) => string) {
  await quiet();
  const warm = await run(room, 10, 1, frame);
  if (warm.complete !== warm.total) throw new Error(`${label}: warm-up messages did not reach everyone`);
  const fixed = await run(room, steady.rate, steady.seconds, frame);
  console.log(
    `${label}: ${steady.rate} msg/s for ${steady.seconds} s → to all ${room.length}: p50 ${fixed.p50.toFixed(1)} ms, p99 ${fixed.p99.toFixed(1)} ms (${fixed.complete}/${fixed.total} complete, ${fixed.refused} refused)`,
  );
  let sustained = fixed.complete === fixed.total && fixed.refused === 0 ? steady.rate : 0;
  for (const rate of steps) {
    const step = await run(room, rate, stepSeconds, frame);
    const ok = step.complete === step.total && step.refused === 0 && step.p99 < 1000;
    console.log(
      `${label}: ${rate} msg/s (${rate * room.length} deliveries/s) → p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms, ${step.complete}/${step.total} complete, ${step.refused} refused${ok ? '' : ' — not sustained'}`,
    );
    if (!ok) break;
    sustained = rate;
  }
  return { ...fixed, sustained };
}

async function seedRegistrations(server: RunningServer, eventId: string): Promise<string[]> {
  const store = openStore({ kind: 'sqlite', file: path.join(server.dataDir, 'plenum.sqlite') });
  const now = new Date().toISOString();
  const tokens: string[] = [];
  const rows = Array.from({ length: clients }, (_, i) => {
    const { token, hash } = newToken();
    tokens.push(token);
    return {
      id: randomUUID(),
      event_id: eventId,
      email: `attendee${i}@bench.example`,
      first_name: 'Bench',
      last_name: `Attendee ${i}`,
      company: null,
      industry: null,
      phone: null,
      language: 'en',
      state: 'confirmed' as const,
      notice_version: 'bench',
      registered_at: now,
      confirmed_at: now,
      expires_at: null,
      confirm_token_hash: null,
      manage_token_hash: null,
      join_token_hash: hash,
      join_revoked_at: null,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 100)
    await store.db
      .insertInto('registrations')
      .values(rows.slice(i, i + 100))
      .execute();
  await store.close();
  return tokens;
}

async function plenumRoom(server: RunningServer): Promise<Client[]> {
  const token = server.setupLink!.split('#')[1];
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, email: 'host@bench.example', displayName: 'Bench Host', password: 'a long bench password' }),
  });
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  const startsAt = new Date(Date.now() + 60_000);
  const event = await post<{ id: string }>(
    `${server.url}/api/events`,
    {
      kind: 'webinar',
      title: 'Chat bench',
      description: 'bench',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
    },
    '127.0.0.1',
    cookie,
  );
  const tokens = await seedRegistrations(server, event.id);

  const started = performance.now();
  const socketUrl = `${server.url.replace('http', 'ws')}/api/rooms/socket`;
  const room: Client[] = [];
  // 20 at a time: the joins of one address, then its WebSockets.
  for (let first = 0; first < clients; first += perAddress) {
    if (performance.now() - started > joinDeadlineMs) throw new Error(`only ${room.length} clients joined in ${joinDeadlineMs / 1000} s`);
    const batch = tokens.slice(first, first + perAddress);
    const address = addressOf(first);
    const joined = await Promise.all(
      batch.map(async (link) => {
        const { joinToken } = await post<{ joinToken: string }>(`${server.url}/api/join/link`, { token: link }, address);
        const client = await connect(socketUrl, address, server.url);
        await hello(client, joinToken);
        return client;
      }),
    );
    room.push(...joined);
    if (room.length % 100 === 0) console.log(`  ${room.length} joined after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(
    `plenum: ${room.length} attendees joined (HTTP join with personal link + WebSocket hello) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return room;
}

/** A plain ws broadcast server in its own process: parse nothing, check nothing, forward to all. */
async function baselineServer(): Promise<{ url: string; child: ChildProcess }> {
  const code = `
    import { WebSocketServer } from 'ws';
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    wss.on('listening', () => console.log('PORT ' + wss.address().port));
    wss.on('connection', (ws) => ws.on('message', (raw) => { const text = raw.toString(); for (const c of wss.clients) c.send(text); }));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.on('data', (chunk: Buffer) => /PORT (\d+)/.test(chunk.toString()) && resolve(/PORT (\d+)/.exec(chunk.toString())![1]!)),
  );
  return { url: `ws://127.0.0.1:${port}`, child };
}

const server = await startServer({ database: 'sqlite', env: { JANUS_MODE: 'off', LOG_LEVEL: 'warn' } });
let baseline: { url: string; child: ChildProcess } | undefined;
try {
  // The baseline first, while the Plenum server idles: its room's teardown would load the machine.
  baseline = await baselineServer();
  const raw = await Promise.all(Array.from({ length: clients }, (_, i) => connect(baseline!.url, addressOf(i))));
  const plain = await measure('baseline (plain ws forward)', raw, (seq) =>
    JSON.stringify({ type: 'chat.message', message: { text: `b:${seq}` } }),
  );
  raw.forEach((c) => c.socket.close());
  baseline.child.kill();

  const room = await plenumRoom(server);
  // The intent the browser sends; the server answers and pushes chat.message to everyone.
  const plenum = await measure('plenum', room, (seq) => JSON.stringify({ type: 'chat.send', id: 1_000_000 + seq, text: `b:${seq}` }));
  room.forEach((c) => c.socket.close());

  console.log(
    `baseline: p50 ${plain.p50.toFixed(1)} ms, p99 ${plain.p99.toFixed(1)} ms at ${steady.rate} msg/s; sustained ${plain.sustained} msg/s`,
  );
  console.log(
    `RESULT clients=${room.length} p50_ms=${plenum.p50.toFixed(1)} p99_ms=${plenum.p99.toFixed(1)} msgs_per_s=${plenum.sustained}`,
  );
} catch (error) {
  console.error(server.output().split('\n').slice(-20).join('\n'));
  throw error;
} finally {
  baseline?.child.kill();
  await server.stop();
}
