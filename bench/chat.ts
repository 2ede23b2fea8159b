import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { addressOf, connect, cpuMeter, percentile, webinarWithRegistrations, type Client } from './webinar-clients.js';
import { attendees, benchServer, describeStorm, joinRate, monotonicUs, storm } from './webinar-join.js';

/**
 * Chat in one webinar with 1,000 connected WebSocket attendees on the built server, SQLite, Janus
 * off (chat needs no media). The attendees join through the real personal-link join (the storm
 * of bench/webinar-join.ts) and stay.
 *
 * Measured: time from sending a message until every client has it (p50/p99 over messages) at a
 * steady 50 messages/s (`p99_at_50_ms`), then the highest rate the room sustains (every message
 * reaches every client, none refused, p99 under 1 s) in steps. With each figure: the CPU of the
 * server and of the load generator (this process, which sends and receives everything) and the
 * load average. Baseline, same run, same clients: a plain `ws` server in its own process that
 * forwards each message to everyone without parsing or checks.
 * Senders spread over the clients so that none exceeds the per-person chat limit (10 per 10 s).
 * Each measurement starts once the clients have read everything sent before (2 s without a frame).
 * Bounded: the join storm 240 s, each phase a fixed count of messages with a 10 s drain.
 */

const steady = { rate: 50, seconds: 10 };
const steps = [100, 200, 400];
const stepSeconds = 5;

interface Phase {
  sent: number;
  sentAt: Float64Array;
  received: Uint16Array;
  lastAt: Float64Array;
  refused: number;
}

let phase: Phase | undefined;
let lastFrameAt = 0;
const marker = Buffer.from('"text":"b:');
const failure = Buffer.from('{"type":"error"');

/** Reads the sequence number of a bench message from the raw frame; other pushes are ignored unparsed. */
function onFrame(data: Buffer): void {
  lastFrameAt = performance.now();
  if (!phase) return;
  if (data.subarray(0, failure.length).equals(failure)) phase.refused++;
  const at = data.indexOf(marker);
  if (at < 0) return;
  const seq = Number.parseInt(data.toString('latin1', at + marker.length, at + marker.length + 8), 10);
  if (!(seq < phase.sent)) return;
  phase.received[seq]! += 1;
  phase.lastAt[seq] = performance.now();
}

/** Sends `rate` messages per second for `seconds`, round-robin over enough senders to stay within the per-person limit. */
async function run(room: Client[], serverPid: number, rate: number, seconds: number, frame: (seq: number) => string) {
  const total = rate * seconds;
  const current: Phase = {
    sent: 0,
    sentAt: new Float64Array(total),
    received: new Uint16Array(total),
    lastAt: new Float64Array(total),
    refused: 0,
  };
  phase = current;
  const senders = Math.min(room.length, Math.ceil(rate * 1.5));
  const meter = cpuMeter(serverPid);
  const from = monotonicUs();
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
  const cpu = meter();
  const window = `${from}-${monotonicUs()}`;
  phase = undefined;
  const toAll: number[] = [];
  for (let seq = 0; seq < total; seq++) if (current.received[seq] === room.length) toAll.push(current.lastAt[seq]! - current.sentAt[seq]!);
  return {
    p50: percentile(toAll, 50),
    p99: percentile(toAll, 99),
    complete: toAll.length,
    refused: current.refused,
    total,
    cpu: `server ${((100 * cpu.server) / cpu.seconds).toFixed(0)} %, load generator ${((100 * cpu.generator) / cpu.seconds).toFixed(0)} % of a core, load average ${cpu.load}${process.env.BENCH_CPU_PROF ? ` (profile window ${window})` : ''}`,
  };
}

/** Until the clients have read everything the joins sent them (participant lists): a backlog would count as chat latency. */
async function quiet(): Promise<void> {
  const until = performance.now() + 120_000;
  while (performance.now() - lastFrameAt < 2_000 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
}

async function measure(label: string, room: Client[], serverPid: number, frame: (seq: number) => string) {
  await quiet();
  const warm = await run(room, serverPid, 10, 1, frame);
  if (warm.complete !== warm.total) throw new Error(`${label}: warm-up messages did not reach everyone`);
  const fixed = await run(room, serverPid, steady.rate, steady.seconds, frame);
  console.log(
    `${label}: ${steady.rate} msg/s for ${steady.seconds} s → to all ${room.length}: p50 ${fixed.p50.toFixed(1)} ms, p99 ${fixed.p99.toFixed(1)} ms (${fixed.complete}/${fixed.total} complete, ${fixed.refused} refused); CPU ${fixed.cpu}`,
  );
  let sustained = fixed.complete === fixed.total && fixed.refused === 0 && fixed.p99 < 1000 ? steady.rate : 0;
  for (const rate of steps) {
    if (sustained < steps[0]! / 2) break;
    const step = await run(room, serverPid, rate, stepSeconds, frame);
    const ok = step.complete === step.total && step.refused === 0 && step.p99 < 1000;
    console.log(
      `${label}: ${rate} msg/s (${rate * room.length} deliveries/s) → p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms, ${step.complete}/${step.total} complete, ${step.refused} refused${ok ? '' : ' — not sustained'}; CPU ${step.cpu}`,
    );
    if (!ok) break;
    sustained = rate;
  }
  return { ...fixed, sustained };
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

const server = await benchServer();
let baseline: { url: string; child: ChildProcess } | undefined;
try {
  const { links } = await webinarWithRegistrations(server, attendees);
  // The baseline first, while the Plenum server idles: its room's teardown would load the machine.
  baseline = await baselineServer();
  const raw = await Promise.all(Array.from({ length: attendees }, (_, i) => connect(baseline!.url, addressOf(i), undefined, onFrame)));
  const plain = await measure('baseline (plain ws forward)', raw, baseline.child.pid!, (seq) =>
    JSON.stringify({ type: 'chat.message', message: { text: `b:${seq}` } }),
  );
  raw.forEach((c) => c.socket.close());
  baseline.child.kill();

  const joined = await storm(server, links, joinRate, onFrame);
  console.log(describeStorm('plenum join storm', joined, attendees, joinRate));
  if (joined.failed) throw new Error(`${joined.failed} attendees did not get in`);
  const room = joined.clients;
  // The intent the browser sends; the server answers and pushes chat.message to everyone.
  const plenum = await measure('plenum', room, server.pid, (seq) =>
    JSON.stringify({ type: 'chat.send', id: 1_000_000 + seq, text: `b:${seq}` }),
  );
  room.forEach((c) => c.socket.close());

  console.log(
    `baseline: p50 ${plain.p50.toFixed(1)} ms, p99 ${plain.p99.toFixed(1)} ms at ${steady.rate} msg/s; sustained ${plain.sustained} msg/s`,
  );
  console.log(
    `RESULT clients=${room.length} p50_ms=${plenum.p50.toFixed(1)} p99_ms=${plenum.p99.toFixed(1)} p99_at_50_ms=${plenum.p99.toFixed(1)} ` +
      `msgs_per_s=${plenum.sustained} baseline_p99_at_50_ms=${plain.p99.toFixed(1)} baseline_msgs_per_s=${plain.sustained}`,
  );
} catch (error) {
  console.error(server.output().split('\n').slice(-20).join('\n'));
  throw error;
} finally {
  baseline?.child.kill();
  await server.stop();
}
