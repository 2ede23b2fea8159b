import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { testRedisUrl } from '../src/testing/cluster.js';
import type { AppInstance, ClusterHarness } from '../src/testing/cluster-harness.js';
import type { RoomSocketClient } from '../src/testing/room-socket.js';
import { until } from '../src/testing/until.js';
import { cpuSecondsOf } from './cpu.js';
import { ask, connect, percentile, post, type Client } from './webinar-clients.js';

/**
 * Chat in a cluster webinar for bench:cluster: `clients` WebSocket-only attendees join by passcode
 * (POST /api/join through nginx, up to 100/s with at most 30 under way) and open their socket either through nginx with the socketPath
 * they were given (`spread`: nginx hashes room and seat, so they land on every instance and are
 * seated at the owner over Redis) or at the owner instance directly (`owner`: all in one process,
 * as before seats). Then the host sends every tenth message and attendees the rest, `rate` per
 * second for `seconds`; measured: the time until a message reached every attendee (p99), the
 * delivery latency per instance the sockets sit on, and each instance's CPU per message (less
 * its CPU while idle with the same sockets open).
 *
 * Where each socket sits is read off Redis: an attendee seated by another instance shows as an
 * `attend` on the owner's bus channel carrying its join token, sent by that instance.
 */

export interface ChatFigures {
  joined: number;
  /** Of those, closed before the chat's end. */
  closed: number;
  failed: number;
  /** Attendees per instance, in the harness' order. */
  placed: number[];
  toAllP99: number | undefined;
  toAllP50: number | undefined;
  /** Each delivery's latency, p99, per instance (undefined where none sit). */
  deliveryP99: (number | undefined)[];
  /** CPU ms per message sent, per instance (idle CPU over the same time subtracted). */
  cpuMsPerMessage: number[];
  /** CPU % of a core per instance while idle with the sockets open. */
  idlePct: number[];
  load: string;
}

const marker = Buffer.from('"text":"c:');
/** Joins waiting for their answer at most: on a loaded box an open loop of 100/s piles up beyond the timeouts (nginx' 2 s connect, the seat's 5 s). */
const maxJoinsUnderWay = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Join tokens → the instance that seated them at an owner elsewhere, from the bus frames on Redis. */
async function watchAttends(prefix: string): Promise<{ seatedBy: Map<string, string>; close(): void }> {
  const listener = new Redis(testRedisUrl);
  const seatedBy = new Map<string, string>();
  await listener.psubscribe(`${prefix}bus:*`);
  listener.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, payload: Buffer) => {
    for (let offset = 0; offset < payload.length;) {
      const length = payload.readUInt32BE(offset);
      const header = payload.toString('utf8', offset + 4, offset + 4 + length);
      offset += 4 + length;
      offset += 4 + payload.readUInt32BE(offset);
      if (!header.startsWith('{"kind":"attend"')) continue;
      const { token, from } = JSON.parse(header) as { token: string; from: string };
      seatedBy.set(token, from);
    }
  });
  return { seatedBy, close: () => listener.disconnect() };
}

export async function measureChat(options: {
  cluster: ClusterHarness;
  room: { meetingNumber: string; passcode: string };
  host: RoomSocketClient;
  owner: AppInstance;
  via: 'spread' | 'owner';
  clients: number;
  rate: number;
  seconds: number;
  /** Distinguishes the client addresses of one run's phases (127.0.<phase>.x, 20 sockets each). */
  phase: number;
}): Promise<ChatFigures> {
  const { cluster, room, host, owner, via, clients, rate, seconds } = options;
  const total = rate * seconds;
  const sentAt = new Float64Array(total);
  const received = new Uint16Array(total);
  const lastAt = new Float64Array(total);
  let measuring = false;
  const attends = await watchAttends(cluster.prefix);
  const base = via === 'spread' ? cluster.origin : owner.url;
  const attendees: { client: Client; token: string; latencies: number[] }[] = [];
  let failed = 0;
  /** Why joins failed, counted by message. */
  const failures = new Map<string, number>();
  try {
    const joinStart = performance.now();
    const joins: Promise<void>[] = [];
    let underWay = 0;
    for (let i = 0; i < clients; i++) {
      const due = joinStart + i * 10; // 100 joins/s at most, and a bounded number under way (the box is shared)
      if (due > performance.now()) await sleep(due - performance.now());
      while (underWay >= maxJoinsUnderWay) await sleep(5);
      underWay++;
      const address = `127.0.${options.phase}.${2 + Math.floor(i / 20)}`;
      joins.push(
        (async () => {
          const grant = await post<{ joinToken: string; socketPath: string }>(
            `${cluster.origin}/api/join`,
            { meetingNumber: room.meetingNumber, passcode: room.passcode, displayName: `Attendee ${i}` },
            address,
          );
          const latencies: number[] = [];
          const onFrame = (data: Buffer) => {
            if (!measuring) return;
            const at = data.indexOf(marker);
            if (at < 0) return;
            const seq = Number.parseInt(data.toString('latin1', at + marker.length, at + marker.length + 8), 10);
            if (!(seq < total)) return;
            const now = performance.now();
            latencies.push(now - sentAt[seq]!);
            received[seq]! += 1;
            lastAt[seq] = now;
          };
          const client = await connect(`${base.replace('http', 'ws')}${grant.socketPath}`, address, cluster.origin, onFrame);
          await ask(client, 1, { type: 'hello', token: grant.joinToken }, 60_000);
          attendees.push({ client, token: grant.joinToken, latencies });
        })()
          .finally(() => underWay--)
          .catch((error: unknown) => {
            failed++;
            const reason = String(error instanceof Error ? error.message : error).slice(0, 80);
            failures.set(reason, (failures.get(reason) ?? 0) + 1);
          }),
      );
    }
    await Promise.all(joins);
    const instanceOf = (token: string) =>
      Math.max(
        0,
        cluster.instances.findIndex((i) => i.id === (attends.seatedBy.get(token) ?? owner.id)),
      );
    const placed = cluster.instances.map((_, index) => attendees.filter((a) => instanceOf(a.token) === index).length);
    console.log(
      `chat (${via}): ${attendees.length} of ${clients} attendees in (${failed} failed) in ${((performance.now() - joinStart) / 1000).toFixed(1)} s; ` +
        `per instance ${cluster.instances.map((i, n) => `${i.id}${i.id === owner.id ? ' (owner)' : ''} ${placed[n]}`).join(', ')}` +
        (failed > 0 ? `; failures: ${[...failures].map(([reason, n]) => `${n}× ${reason}`).join('; ')}` : ''),
    );

    const pids = cluster.instances.map((i) => i.process.pid!);
    await sleep(2_000);
    const idle0 = pids.map(cpuSecondsOf);
    const idleStart = performance.now();
    await sleep(3_000);
    const idleSeconds = (performance.now() - idleStart) / 1000;
    const idlePct = pids.map((pid, i) => (100 * (cpuSecondsOf(pid) - idle0[i]!)) / idleSeconds);

    const load = loadavg()[0]!.toFixed(2);
    const busy0 = pids.map(cpuSecondsOf);
    measuring = true;
    const chatStart = performance.now();
    for (let seq = 0; seq < total; seq++) {
      const due = chatStart + (seq * 1000) / rate;
      if (due > performance.now()) await sleep(due - performance.now());
      const message = { type: 'chat.send', id: 1_000_000 + seq, text: `c:${String(seq).padStart(8, '0')}` };
      sentAt[seq] = performance.now();
      if (seq % 10 === 0) host.send(message);
      else attendees[(seq * 37) % attendees.length]!.client.socket.send(JSON.stringify(message));
    }
    // Everyone whose socket is still open (one closed meanwhile shows in `closed`).
    const everyone = () => attendees.filter((a) => a.client.socket.readyState === WebSocket.OPEN).length;
    // The CPU read whenever more arrived: the window ends at the last delivery, not at the timeout.
    let delivered = 0;
    let busy = { at: chatStart, cpu: busy0 };
    await until(
      () => {
        const now = received.reduce((sum, n) => sum + n, 0);
        if (now > delivered) busy = { at: performance.now(), cpu: pids.map(cpuSecondsOf) };
        delivered = now;
        const open = everyone();
        return received.every((n) => n >= open);
      },
      { timeoutMs: 15_000, intervalMs: 20 },
    ).catch(() => undefined);
    const busySeconds = (busy.at - chatStart) / 1000;
    const cpuMsPerMessage = pids.map((_, i) => (1000 * (busy.cpu[i]! - busy0[i]! - (idlePct[i]! / 100) * busySeconds)) / total);
    const open = everyone();
    measuring = false;

    const toAll: number[] = [];
    for (let seq = 0; seq < total; seq++) if (received[seq]! >= open) toAll.push(lastAt[seq]! - sentAt[seq]!);
    const deliveryP99 = cluster.instances.map((_, index) => {
      const latencies = attendees.filter((a) => instanceOf(a.token) === index).flatMap((a) => a.latencies);
      return latencies.length > 0 ? percentile(latencies, 99) : undefined;
    });
    return {
      joined: attendees.length,
      closed: attendees.length - open,
      failed,
      placed,
      toAllP99: toAll.length === total ? percentile(toAll, 99) : undefined,
      toAllP50: toAll.length > 0 ? percentile(toAll, 50) : undefined,
      deliveryP99,
      cpuMsPerMessage,
      idlePct,
      load,
    };
  } finally {
    attends.close();
    await Promise.all(
      attendees.map(({ client }) => {
        const closed = new Promise((resolve) => client.socket.once('close', resolve));
        client.socket.close();
        return Promise.race([closed, sleep(5_000)]);
      }),
    );
  }
}
