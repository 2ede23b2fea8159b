import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { MediaPlane, type BroadcastViewer, type MediaRoom } from '../src/media/media-plane.js';
import { createJanusSupervisor } from '../src/media/supervisor.js';
import { ClipPublisher, preEncodedClip } from '../src/testing/werift-peers.js';
import { cpuDuring } from './cpu.js';
import { ViewerPool } from './viewer-pool.js';

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
async function addViewer(room: MediaRoom, pool: ViewerPool, watching: BroadcastViewer[]): Promise<void> {
  const viewer = await room.watch();
  watching.push(viewer);
  const offer = await viewer.watch();
  await viewer.start(await pool.answer(offer));
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-fanout-'));
const log = pino({ level: 'silent' });
const eventLoops = process.env.JANUS_EVENT_LOOPS ?? '0';
const config = loadConfig({
  DATA_DIR: dataDir,
  JANUS_MODE: 'embedded',
  JANUS_RTP_PORT_RANGE: '45000-46999',
  JANUS_EVENT_LOOPS: eventLoops,
});
const plane = new MediaPlane('', log, { maxPublishers: config.janus.maxPublishers });
const supervisor = createJanusSupervisor(config.janus, dataDir, log, async (endpoint) => void (await plane.nodeReady(endpoint)));
plane.attach(supervisor);
const pool = new ViewerPool(Math.max(1, availableParallelism()));
const publisher = new ClipPublisher();
const watching: BroadcastViewer[] = [];
const rows: {
  viewers: number;
  lossMax: number;
  lossMean: number;
  under1: number;
  janus: number;
  generator: number;
  machine: number;
  perViewer: number;
}[] = [];

try {
  await supervisor.start();
  const room = await plane.openRoom('bench:fanout', { broadcast: true });
  const clip = await preEncodedClip(path.join(tmpdir(), 'plenum-fanout-vp8-1000k.webm'), 1000, 30);
  const presenter = await room.join('Presenter');
  const { answer, feed, live } = await presenter.publish('camera', await publisher.offer());
  await publisher.start(answer, clip);
  if (!(await live)) throw new Error('the presenter’s publication did not come up');
  await room.showOnBroadcast({ main: feed, inset: null });
  await new Promise((r) => setTimeout(r, settleMs));
  const baseline = await cpuDuring(windowMs / 2, supervisor.pid(), [publisher.replayPid]);
  console.log(
    `bench:fanout on ${availableParallelism()} cores, ${windowMs / 1000} s windows, clip ${path.basename(clip)}, JANUS_EVENT_LOOPS=${eventLoops}`,
  );
  console.log(
    `baseline (presenter forwarded to the mountpoint, no viewers): Janus ${baseline.janus.toFixed(1)}% CPU, generator ${baseline.generator.toFixed(1)}%, machine ${baseline.machine.toFixed(0)}%`,
  );
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
    const cpu = await cpuDuring(windowMs, supervisor.pid(), [publisher.replayPid]);
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
if (lossyBelow.length > 0)
  console.log(
    `note: smaller steps lost packets (${lossyBelow.join(', ')} viewers): the machine was busy with other work then (machine_cpu)`,
  );
console.log(
  `RESULT attendees_ok=${ok?.viewers ?? 0} loss_pct_max=${reported ? reported.lossMax.toFixed(2) : 'n/a'} janus_cpu_pct=${reported ? reported.janus.toFixed(1) : 'n/a'}`,
);
process.exit(0);
