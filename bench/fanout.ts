import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { MediaPlane, type BroadcastViewer, type MediaRoom } from '../src/media/media-plane.js';
import { createJanusSupervisor } from '../src/media/supervisor.js';
import { ClipPublisher, preEncodedClip, type SessionDescription } from '../src/testing/werift-peers.js';
import type { FromViewers, ToViewers } from './fanout-viewers.js';

/**
 * How many webinar attendees one presenter reaches through the broadcast on this machine.
 * One presenter publishes a pre-encoded ~1 Mbit/s VP8 clip (replayed with `-c copy`: no encoder
 * runs while measuring) into the VideoRoom; the room's mountpoint is fed by the video forwarder
 * and the AudioBridge mix; werift viewers in worker threads watch it, decode nothing and count
 * RTP packets and loss by sequence number. The viewer count steps up (FANOUT_STEPS); each step
 * is bounded in time (joins, then a settle and a measuring window). Baseline, same run: Janus'
 * CPU with the presenter forwarded to the mountpoint and nobody watching.
 * JANUS_EVENT_LOOPS=N runs Janus with N shared event loops instead of a thread per viewer.
 */

const steps = (process.env.FANOUT_STEPS ?? '25,50,100,150,200,300').split(',').map(Number);
const windowMs = Number(process.env.FANOUT_WINDOW_MS ?? 10_000);
const settleMs = 3_000;
const stepJoinTimeoutMs = 120_000;
const joinConcurrency = 8;
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime
  } catch {
    return 0;
  }
}

/** Busy and total CPU time of the whole machine, in clock ticks (all cores). */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = fields.map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - ticks[3]! - ticks[4]!, total }; // idle, iowait
}

/**
 * CPU percent (100 = one core) over `ms` of Janus, of the load generator (this process and the
 * clip replay), and of the whole machine: what others ran meanwhile shows as machine minus the two.
 */
async function cpuDuring(ms: number, janusPid: number | undefined, replayPid: number | undefined): Promise<{ janus: number; generator: number; machine: number }> {
  const janus0 = cpuSecondsOf(janusPid);
  const replay0 = cpuSecondsOf(replayPid);
  const own0 = process.cpuUsage();
  const machine0 = machineTicks();
  const started = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(own0);
  const machine1 = machineTicks();
  const generatorSeconds = (own.user + own.system) / 1e6 + cpuSecondsOf(replayPid) - replay0;
  return {
    janus: (100 * (cpuSecondsOf(janusPid) - janus0)) / seconds,
    generator: (100 * generatorSeconds) / seconds,
    machine: (100 * availableParallelism() * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total),
  };
}

/** A message to the workers before `ask` numbers it (Omit over each member of the union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The worker threads that hold the viewers, with request/answer by id. */
class ViewerPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, (message: FromViewers) => void>();
  private nextId = 0;
  private nextWorker = 0;

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => {
      // Worker threads do not inherit tsx on Node 20: the worker registers it before loading the TypeScript file.
      const source = new URL('./fanout-viewers.ts', import.meta.url).href;
      const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`, { eval: true });
      worker.on('message', (message: FromViewers) => {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      });
      return worker;
    });
  }

  private ask(worker: Worker, message: Unnumbered<ToViewers>): Promise<FromViewers> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  }

  async answer(offer: SessionDescription): Promise<SessionDescription> {
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    const reply = await this.ask(worker, { type: 'offer', offer });
    if (reply.type !== 'answer' || !reply.answer) throw new Error(reply.type === 'answer' ? reply.error : 'no answer');
    return reply.answer;
  }

  async counts(): Promise<{ received: number; expected: number }[]> {
    const replies = await Promise.all(this.workers.map((w) => this.ask(w, { type: 'count' })));
    return replies.flatMap((r) => (r.type === 'counts' ? r.viewers : []));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, { type: 'close' })));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

async function addViewer(room: MediaRoom, pool: ViewerPool, watching: BroadcastViewer[]): Promise<void> {
  const viewer = await room.watch();
  watching.push(viewer);
  const offer = await viewer.watch();
  await viewer.start(await pool.answer(offer));
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-fanout-'));
const log = pino({ level: 'silent' });
const eventLoops = process.env.JANUS_EVENT_LOOPS ?? '0';
const config = loadConfig({ DATA_DIR: dataDir, JANUS_MODE: 'embedded', JANUS_RTP_PORT_RANGE: '45000-46999', JANUS_EVENT_LOOPS: eventLoops });
const plane = new MediaPlane('', log, { maxPublishers: config.janus.maxPublishers });
const supervisor = createJanusSupervisor(config.janus, dataDir, log, async (endpoint) => void (await plane.nodeReady(endpoint)));
plane.attach(supervisor);
const pool = new ViewerPool(Math.max(1, availableParallelism()));
const publisher = new ClipPublisher();
const watching: BroadcastViewer[] = [];
const rows: { viewers: number; lossMax: number; lossMean: number; under1: number; janus: number; generator: number; machine: number; perViewer: number }[] = [];

try {
  await supervisor.start();
  const room = await plane.openRoom('bench:fanout', { broadcast: true });
  const clip = await preEncodedClip(path.join(tmpdir(), 'plenum-fanout-vp8-1000k.webm'), 1000, 30);
  const presenter = await room.join('Presenter');
  const { answer, feed, live } = await presenter.publish('camera', await publisher.offer());
  await publisher.start(answer, clip);
  if (!(await live)) throw new Error('the presenter’s publication did not come up');
  await room.showOnBroadcast(feed);
  await new Promise((r) => setTimeout(r, settleMs));
  const baseline = await cpuDuring(windowMs / 2, supervisor.pid(), publisher.replayPid);
  console.log(`bench:fanout on ${availableParallelism()} cores, ${windowMs / 1000} s windows, clip ${path.basename(clip)}, JANUS_EVENT_LOOPS=${eventLoops}`);
  console.log(`baseline (presenter forwarded to the mountpoint, no viewers): Janus ${baseline.janus.toFixed(1)}% CPU, generator ${baseline.generator.toFixed(1)}%, machine ${baseline.machine.toFixed(0)}%`);
  console.log(`CPU in % of one core; the machine has ${availableParallelism() * 100}%. "machine" includes whatever else ran meanwhile.`);
  console.log('viewers  loss_max%  loss_mean%  viewers<1%  janus_cpu%  generator_cpu%  machine_cpu%  janus_cpu%/viewer');

  for (const target of steps) {
    const deadline = Date.now() + stepJoinTimeoutMs;
    let failedJoins = 0;
    while (watching.length < target && Date.now() < deadline) {
      const batch = Math.min(joinConcurrency, target - watching.length);
      const results = await Promise.allSettled(Array.from({ length: batch }, () => addViewer(room, pool, watching)));
      failedJoins += results.filter((r) => r.status === 'rejected').length;
      if (failedJoins > target / 10) break;
    }
    await new Promise((r) => setTimeout(r, settleMs));
    const before = await pool.counts();
    const cpu = await cpuDuring(windowMs, supervisor.pid(), publisher.replayPid);
    const after = await pool.counts();
    const losses = after.map((a, i) => {
      const b = before[i] ?? { received: 0, expected: 0 };
      const expected = a.expected - b.expected;
      return expected <= 0 ? 100 : Math.max(0, (100 * (expected - (a.received - b.received))) / expected);
    });
    while (losses.length < target) losses.push(100); // viewers that could not join received nothing
    const sent = Math.max(0, ...after.map((a, i) => a.expected - (before[i]?.expected ?? 0)));
    if (rows.length === 0) console.log(`(the stream: ${((1000 * sent) / windowMs).toFixed(0)} RTP packets/s per viewer, audio and video)`);
    const row = {
      viewers: target,
      lossMax: Math.max(...losses),
      lossMean: losses.reduce((s, l) => s + l, 0) / losses.length,
      under1: losses.filter((l) => l < 1).length,
      janus: cpu.janus,
      generator: cpu.generator,
      machine: cpu.machine,
      perViewer: (cpu.janus - baseline.janus) / target,
    };
    rows.push(row);
    console.log(
      `${String(target).padStart(7)}  ${row.lossMax.toFixed(2).padStart(9)}  ${row.lossMean.toFixed(2).padStart(10)}  ${String(row.under1).padStart(10)}  ${row.janus.toFixed(1).padStart(10)}  ${row.generator.toFixed(1).padStart(14)}  ${row.machine.toFixed(0).padStart(12)}  ${row.perViewer.toFixed(3).padStart(17)}`,
    );
    if (row.lossMean > 50) {
      console.log('more than half of the packets lost on average: the box is saturated, no further steps');
      break;
    }
  }
} finally {
  await pool.close().catch(() => undefined);
  await Promise.allSettled(watching.map((v) => v.close()));
  await publisher.close().catch(() => undefined);
  await plane.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const ok = rows.filter((r) => r.lossMax < 1).at(-1);
const reported = ok ?? rows[0];
if (ok) console.log(`Janus CPU per viewer above the baseline at ${ok.viewers} viewers: ${ok.perViewer.toFixed(3)}% of a core`);
const lossyBelow = rows.filter((r) => ok && r.viewers < ok.viewers && r.lossMax >= 1).map((r) => r.viewers);
if (lossyBelow.length > 0) console.log(`note: smaller steps lost packets (${lossyBelow.join(', ')} viewers): the machine was busy with other work then (machine_cpu)`);
console.log(`RESULT attendees_ok=${ok?.viewers ?? 0} loss_pct_max=${reported ? reported.lossMax.toFixed(2) : 'n/a'} janus_cpu_pct=${reported ? reported.janus.toFixed(1) : 'n/a'}`);
process.exit(0);
