import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { setUpAdmin, type RunningServer } from '../e2e/harness.js';
import { newToken } from '../src/shared/secrets.js';
import { openStore } from '../src/store/store.js';
import { cpuSecondsOf } from './cpu.js';

/**
 * WebSocket-only webinar attendees for bench:chat and bench:webinar-join: each joins like the
 * browser does with a personal join link (the /j/<token> page, POST /api/join/link, the room's
 * WebSocket and its hello). Clients come from loopback addresses 127.0.0.2…, 20 each, so the
 * per-address limits (20 link joins per minute, 20 sockets before hello) stay in force.
 * The client side is kept cheap (no UTF-8 check, no deflate): the server is what is measured.
 */

export const perAddress = 20;
export const addressOf = (index: number) => `127.0.0.${2 + Math.floor(index / perAddress)}`;

export interface Client {
  socket: WebSocket;
  pending: Map<number, (reply: { type: string; code?: string }) => void>;
}

const answer = Buffer.from('{"type":"result"');
const failure = Buffer.from('{"type":"error"');

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function request(url: string, localAddress: string, method: 'GET' | 'POST', body?: unknown, cookie?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method,
        localAddress,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(cookie ? { cookie } : {}),
          ...(method === 'GET' ? { accept: 'text/html' } : {}),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          response.statusCode! < 300 ? resolve(text) : reject(new Error(`${url}: ${response.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const get = (url: string, localAddress: string) => request(url, localAddress, 'GET');
export const post = async <T>(url: string, body: unknown, localAddress: string, cookie?: string): Promise<T> => {
  const text = await request(url, localAddress, 'POST', body, cookie);
  return (text ? JSON.parse(text) : undefined) as T;
};

/** A socket whose replies (`result`, `error`) resolve `pending` by id; every frame also goes to `onFrame` unparsed. */
export function connect(url: string, localAddress: string, origin: string | undefined, onFrame: (data: Buffer) => void): Promise<Client> {
  const socket = new WebSocket(url, {
    localAddress,
    headers: origin ? { origin } : {},
    perMessageDeflate: false,
    skipUTF8Validation: true,
  });
  const client: Client = { socket, pending: new Map() };
  socket.on('message', (data: Buffer) => {
    onFrame(data);
    if (data.subarray(0, answer.length).equals(answer) || data.subarray(0, failure.length).equals(failure)) {
      const reply = JSON.parse(data.toString()) as { type: string; id?: number; code?: string };
      if (reply.id !== undefined) client.pending.get(reply.id)?.(reply);
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}

/** Sends `message` with `id` and resolves with the reply to it. */
export function ask(client: Client, id: number, message: Record<string, unknown>, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${String(message.type)}`)), timeoutMs);
    const closed = (code: number) => reject(new Error(`closed before ${String(message.type)} was answered: ${code}`));
    client.socket.once('close', closed);
    client.pending.set(id, (reply) => {
      clearTimeout(timer);
      client.pending.delete(id);
      client.socket.off('close', closed);
      if (reply.type === 'error') reject(new Error(`${String(message.type)}: ${reply.code}`));
      else resolve();
    });
    client.socket.send(JSON.stringify({ ...message, id }));
  });
}

/** A webinar with `count` confirmed registrations seeded into the server's SQLite database (the one fixture written directly); their personal link tokens. */
export async function webinarWithRegistrations(server: RunningServer, count: number): Promise<{ roomId: string; links: string[] }> {
  const cookie = await setUpAdmin(server, { email: 'host@bench.example', displayName: 'Bench Host', password: 'a long bench password' });
  const startsAt = new Date(Date.now() + 60_000);
  const event = await post<{ id: string; roomId?: string }>(
    `${server.url}/api/events`,
    {
      kind: 'webinar',
      title: 'Bench webinar',
      description: 'bench',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
    },
    '127.0.0.1',
    cookie,
  );
  const store = openStore({ kind: 'sqlite', file: path.join(server.dataDir, 'plenum.sqlite') });
  const now = new Date().toISOString();
  const links: string[] = [];
  const rows = Array.from({ length: count }, (_, i) => {
    const { token, hash } = newToken();
    links.push(token);
    return {
      id: randomUUID(),
      event_id: event.id,
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
  const room = await store.db.selectFrom('rooms').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow();
  await store.close();
  return { roomId: room.id, links };
}

/** CPU seconds of this process (the load generator) and of `pid`, and the load average, from a start to now. */
export function cpuMeter(pid: number) {
  const own0 = process.cpuUsage();
  const server0 = cpuSecondsOf(pid);
  const started = performance.now();
  return () => {
    const own = process.cpuUsage(own0);
    return {
      seconds: (performance.now() - started) / 1000,
      server: cpuSecondsOf(pid) - server0,
      generator: (own.user + own.system) / 1e6,
      load: loadavg()[0]!.toFixed(2),
    };
  };
}
