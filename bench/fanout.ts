import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { MediaPlane, type BroadcastViewer, type MediaRoom } from '../src/media/media-plane.js';
import { createJanusSupervisor } from '../src/media/supervisor.js';
import { ClipPublisher, preEncodedClip } from '../src/testing/werift-peers.js';
import { clockTicks, cpuDuring } from './cpu.js';
import {
  busiestThreads,
  dropsByPort,
  kernelUdp,
  onLoopback,
  kernelUdpDelta,
  socketsOf,
  softnetDrops,
  sum,
  threadStates,
  threadTicks,
  type KernelUdp,
  type ThreadGroup,
} from './udp-stats.js';
import { JanusAdmin } from './janus-admin.js';
import { ViewerPool } from './viewer-pool.js';

/**
 * How many webinar attendees one presenter reaches through the broadcast on this machine.
 * One presenter publishes a pre-encoded ~1 Mbit/s VP8 clip (replayed with `-c copy`: no encoder
 * runs while measuring) into the VideoRoom; the room's mountpoint is fed by the video forwarder
 * and the AudioBridge mix; werift viewers in worker threads watch it, decode nothing and count
 * RTP packets and loss by sequence number. The viewer count steps up (FANOUT_STEPS); each step
 * is bounded in time (joins, then a settle and a measuring window). Baseline, same run: Janus'
 * CPU with the presenter forwarded to the mountpoint and nobody watching.
 * Each Janus configuration in FANOUT_EVENT_LOOPS (default: Janus' own thread per handle, then the
 * product's setting) runs the same steps with a fresh Janus; the first is the baseline.
 * Every step also says where packets died: the kernel's UDP counters, each socket's drops by the
 * process holding it (Janus, or the viewers in this process), the packets Janus discarded after a
 * second in a handle's queue, Janus' busiest threads with the time they waited for a CPU, and
 * what its loop threads were doing, sampled (running, asleep on a lock, polling).
 * A step counts as carried when no viewer lost 1 % or more apart from what its own socket dropped
 * (the harness' loss, reported beside it: viewers get a 1 MiB receive buffer and 2 threads per core
 * so that it stays near zero).
 */

const steps = (process.env.FANOUT_STEPS ?? '100,200,250,300').split(',').map(Number);
const windowMs = Number(process.env.FANOUT_WINDOW_MS ?? 10_000);
const settleMs = 3_000;
const stepJoinTimeoutMs = 120_000;
const joinConcurrency = 8;
/** Threads holding the viewers: more than the cores, so that on a shared machine the harness gets its share. */
const viewerThreads = Number(process.env.FANOUT_VIEWER_THREADS ?? 2 * availableParallelism());
const productLoops = loadConfig({ DATA_DIR: tmpdir() }).janus.eventLoops;
const configurations = (process.env.FANOUT_EVENT_LOOPS ?? `0,${productLoops}`).split(',').map(Number);

async function addViewer(room: MediaRoom, pool: ViewerPool, watching: BroadcastViewer[]): Promise<void> {
  const viewer = await room.watch();
  watching.push(viewer);
  const offer = await viewer.watch();
  await viewer.start(await pool.answer(offer));
}

interface Row {
  viewers: number;
  lossMax: number;
  /** The worst viewer's loss that its own socket did not drop: what Janus (or the kernel on the way) lost, %. */
  janusLossMax: number;
  lossMean: number;
  /** The worst viewer's share of the stream that its own socket dropped (receive buffer full): the harness' loss, %. */
  droppedAtViewerMax: number;
  /** Most packets waiting in one viewer handle's queue at the window's end. */
  queuedMax: number;
  /** Packets Janus threw away because they waited in a handle's queue for more than a second. */
  tooOld: number;
  under1: number;
  janus: number;
  generator: number;
  machine: number;
  perViewer: number;
  load: number;
  udp: KernelUdp;
  softnetDrops: number;
  janusViewerSocketDrops: number;
  /** Janus' ICE sockets that no viewer uses: the presenter's. */
  janusIngestIceDrops: number;
  /** Janus' plain RTP sockets on loopback: the mountpoint's and the forwarders'. */
  janusRtpDrops: number;
  viewerSocketDrops: number;
}

interface Outcome {
  eventLoops: number;
  rows: Row[];
  /** The largest step where every viewer lost < 1 %. */
  ok?: Row;
  /** Kernel UDP receive and send buffer errors over all measuring windows. */
  udpDrops: number;
  /** Packets Janus discarded after a second in a queue, over all measuring windows. */
  tooOld: number;
}

const fixed = (n: number, digits: number, width: number) => n.toFixed(digits).padStart(width);
const load1 = () => loadavg()[0]!;

/**
 * Counts, in Janus' own log lines (the supervisor forwards them at debug level), the packets Janus
 * discarded because they waited in a handle's queue for more than a second: a starved event loop.
 */
class JanusLogCounter {
  tooOld = 0;
  write(line: string): void {
    if (line.includes('Discarding too old outgoing packet')) this.tooOld++;
  }
}

async function measure(eventLoops: number, clip: string): Promise<Outcome> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-fanout-'));
  const janusLog = new JanusLogCounter();
  const log = pino({ level: 'debug' }, janusLog);
  const config = loadConfig({
    DATA_DIR: dataDir,
    JANUS_MODE: 'embedded',
    JANUS_RTP_PORT_RANGE: '45000-46999',
    JANUS_EVENT_LOOPS: String(eventLoops),
  });
  const plane = new MediaPlane('', log, { maxPublishers: config.janus.maxPublishers });
  const supervisor = createJanusSupervisor(config.janus, dataDir, log, async (endpoint) => void (await plane.nodeReady(endpoint)));
  plane.attach(supervisor);
  const pool = new ViewerPool(viewerThreads);
  const publisher = new ClipPublisher();
  const watching: BroadcastViewer[] = [];
  const rows: Row[] = [];
  let udpDrops = 0;
  let admin: JanusAdmin | undefined;
  try {
    await supervisor.start();
    const endpoint = supervisor.endpoint()!;
    const janusAdmin = await JanusAdmin.connect(endpoint.adminUrl, endpoint.adminSecret);
    admin = janusAdmin;
    const held = await janusAdmin.loops();
    if (held.loops !== eventLoops) throw new Error(`Janus holds ${held.loops} static event loops, configured ${eventLoops}`);
    const room = await plane.openRoom('bench:fanout', { broadcast: true });
    const presenter = await room.join('Presenter');
    const { answer, feed, live } = await presenter.publish('camera', await publisher.offer());
    await publisher.start(answer, clip);
    if (!(await live)) throw new Error('the presenter’s publication did not come up');
    await room.showOnBroadcast({ main: feed, inset: null });
    await new Promise((r) => setTimeout(r, settleMs));
    const baseline = await cpuDuring(windowMs / 2, supervisor.pid(), [publisher.replayPid]);
    console.log(
      `\nJanus with ${eventLoops === 0 ? 'a thread per handle (event_loops unset)' : `event_loops = ${eventLoops}`}; read back from Janus (admin info): static-event-loops=${held.loops}`,
    );
    console.log(
      `baseline (presenter forwarded to the mountpoint, no viewers): Janus ${baseline.janus.toFixed(1)}% CPU, generator ${baseline.generator.toFixed(1)}%, machine ${baseline.machine.toFixed(0)}%, load ${load1().toFixed(1)}`,
    );
    console.log(
      'viewers  janus_loss_max%  loss_max%  loss_mean%  viewers<1%  janus_cpu%  generator_cpu%  machine_cpu%  janus_cpu%/viewer  load1',
    );
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
      const janusPid = supervisor.pid();
      const before = await pool.counts();
      const sample = () => ({
        udp: kernelUdp(),
        softnet: softnetDrops(),
        janusSockets: socketsOf(janusPid),
        viewerSockets: socketsOf(process.pid),
        janusThreads: threadTicks(janusPid),
        ownThreads: threadTicks(process.pid),
        at: performance.now(),
      });
      const tooOld0 = janusLog.tooOld;
      const s0 = sample();
      const [cpu, loopStates] = await Promise.all([
        cpuDuring(windowMs, janusPid, [publisher.replayPid]),
        // Janus' loop threads: a shared loop is "hloop <n>", a handle's own thread "hloop <handle id>".
        threadStates(janusPid, eventLoops > 0 ? /^hloop \d{1,2}$/ : /^hloop \d{6,}$/, windowMs - 500),
      ]);
      const s1 = sample();
      const after = await pool.counts();
      const queued = await janusAdmin.viewerQueues();
      const seconds = (s1.at - s0.at) / 1000;
      const viewerDrops = dropsByPort(s0.viewerSockets, s1.viewerSockets);
      const janusIceDrops = dropsByPort(s0.janusSockets, s1.janusSockets, (s) => !onLoopback(s));
      const janusRtpDrops = dropsByPort(s0.janusSockets, s1.janusSockets, onLoopback);
      const viewerFacing = new Set(after.map((a) => a.remotePort));
      const losses = after.map((a, i) => {
        const b = before[i] ?? { received: 0, expected: 0 };
        const expected = a.expected - b.expected;
        if (expected <= 0) return { all: 100, droppedAtViewer: 0 };
        const lost = Math.max(0, expected - (a.received - b.received));
        return {
          all: (100 * lost) / expected,
          droppedAtViewer: (100 * Math.min(lost, viewerDrops.get(a.localPort) ?? 0)) / expected,
        };
      });
      while (losses.length < target) losses.push({ all: 100, droppedAtViewer: 0 }); // viewers that could not join received nothing
      const sent = Math.max(0, ...after.map((a, i) => a.expected - (before[i]?.expected ?? 0)));
      if (rows.length === 0)
        console.log(`(the stream: ${((1000 * sent) / windowMs).toFixed(0)} RTP packets/s per viewer, audio and video)`);
      const udp = kernelUdpDelta(s0.udp, s1.udp);
      udpDrops += udp.rcvbufErrors + udp.sndbufErrors;
      const row: Row = {
        viewers: target,
        lossMax: Math.max(...losses.map((l) => l.all)),
        janusLossMax: Math.max(...losses.map((l) => l.all - l.droppedAtViewer)),
        lossMean: sum(losses.map((l) => l.all)) / losses.length,
        droppedAtViewerMax: Math.max(...losses.map((l) => l.droppedAtViewer)),
        queuedMax: Math.max(0, ...queued),
        tooOld: janusLog.tooOld - tooOld0,
        under1: losses.filter((l) => l.all < 1).length,
        janus: cpu.janus,
        generator: cpu.generator,
        machine: cpu.machine,
        perViewer: (cpu.janus - baseline.janus) / target,
        load: load1(),
        udp,
        softnetDrops: s1.softnet - s0.softnet,
        janusViewerSocketDrops: sum([...janusIceDrops].filter(([port]) => viewerFacing.has(port)).map(([, d]) => d)),
        janusIngestIceDrops: sum([...janusIceDrops].filter(([port]) => !viewerFacing.has(port)).map(([, d]) => d)),
        janusRtpDrops: sum(janusRtpDrops.values()),
        viewerSocketDrops: sum(viewerDrops.values()),
      };
      rows.push(row);
      console.log(
        `${String(target).padStart(7)}  ${fixed(row.janusLossMax, 2, 15)}  ${fixed(row.lossMax, 2, 9)}  ${fixed(row.lossMean, 2, 10)}  ${String(row.under1).padStart(10)}  ${fixed(row.janus, 1, 10)}  ${fixed(row.generator, 1, 14)}  ${fixed(row.machine, 0, 12)}  ${fixed(row.perViewer, 3, 17)}  ${fixed(row.load, 1, 5)}`,
      );
      console.log(
        `         where packets died: kernel UDP RcvbufErrors ${udp.rcvbufErrors}, SndbufErrors ${udp.sndbufErrors}, softnet backlog ${row.softnetDrops}; receive drops in the viewers' sockets ${row.viewerSocketDrops}, in Janus' sockets: viewer-facing ${row.janusViewerSocketDrops}, presenter's ${row.janusIngestIceDrops}, mountpoint/forwarders ${row.janusRtpDrops}`,
      );
      console.log(
        `         Janus discarded ${row.tooOld} packets older than 1 s in its queues (most queued in one handle at the end: ${row.queuedMax}); the worst viewer's own socket dropped ${row.droppedAtViewerMax.toFixed(2)}% (the harness' loss)`,
      );
      const show = (groups: ThreadGroup[]) =>
        groups
          .map((g) => `${g.name}${g.threads > 1 ? ` ×${g.threads}` : ''} ${g.cpuPct.toFixed(1)}% (waits ${g.waitPct.toFixed(0)}%)`)
          .join(', ');
      const janusThreads = busiestThreads(s0.janusThreads, s1.janusThreads, seconds, clockTicks);
      const loops = eventLoops > 0 ? (await janusAdmin.loops()).handlesPerLoop.join('/') : '';
      console.log(`         Janus threads ${janusThreads.threads}${loops ? `, handles per loop ${loops}` : ''}: ${show(janusThreads.top)}`);
      const states = [...loopStates].sort((a, b) => b[1] - a[1]).map(([state, pct]) => `${state} ${pct.toFixed(0)}%`);
      console.log(`         loop threads sampled: ${states.join(', ')} (R: running or waiting for a CPU; S futex: waiting for a lock)`);
      console.log(`         generator threads: ${show(busiestThreads(s0.ownThreads, s1.ownThreads, seconds, clockTicks).top.slice(0, 4))}`);
      if (row.lossMean > 50) {
        console.log('more than half of the packets lost on average: the box is saturated, no further steps');
        break;
      }
    }
    // Janus' log lines reach this process through a pipe, late when the machine is busy: count the rest.
    await new Promise((r) => setTimeout(r, settleMs));
    console.log(`         Janus discarded ${janusLog.tooOld} packets older than 1 s over the whole run (joins included)`);
  } finally {
    await admin?.close();
    await pool.close().catch(() => undefined);
    await Promise.allSettled(watching.map((v) => v.close()));
    await publisher.close().catch(() => undefined);
    await plane.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { eventLoops, rows, ok: rows.filter((r) => r.janusLossMax < 1).at(-1), udpDrops, tooOld: sum(rows.map((r) => r.tooOld)) };
}

const clip = await preEncodedClip(path.join(tmpdir(), 'plenum-fanout-vp8-1000k.webm'), 1000, 30);
console.log(`bench:fanout on ${availableParallelism()} cores, ${windowMs / 1000} s windows, clip ${path.basename(clip)}`);
console.log(`CPU in % of one core; the machine has ${availableParallelism() * 100}%. "machine" includes whatever else ran meanwhile.`);
const outcomes: Outcome[] = [];
for (const loops of configurations) outcomes.push(await measure(loops, clip));

const perViewer = (o: Outcome | undefined) => (o?.ok ? o.ok.perViewer.toFixed(3) : 'n/a');
for (const o of outcomes) {
  const lossyBelow = o.rows.filter((r) => o.ok && r.viewers < o.ok.viewers && r.janusLossMax >= 1).map((r) => r.viewers);
  console.log(
    `event_loops=${o.eventLoops}: ${o.ok ? `Janus CPU per viewer above the baseline at ${o.ok.viewers} viewers ${perViewer(o)}% of a core (load ${o.ok.load.toFixed(1)})` : 'no step without loss'}${lossyBelow.length > 0 ? `; smaller steps lost packets (${lossyBelow.join(', ')} viewers)` : ''}`,
  );
}
const [base, product] = [outcomes[0]!, outcomes.at(-1)!];
const reported = product.ok ?? product.rows[0];
const figures = (o: Outcome, p = '') => {
  const r = o.ok ?? o.rows[0];
  return `${p}event_loops=${o.eventLoops} ${p}attendees_ok=${o.ok?.viewers ?? 0} ${p}janus_cpu_per_viewer_pct=${perViewer(o)} ${p}udp_drops=${o.udpDrops} ${p}janus_discarded_too_old=${o.tooOld} ${p}load=${r ? r.load.toFixed(1) : 'n/a'}`;
};
console.log(
  `RESULT ${figures(product)} janus_loss_pct_max=${reported ? reported.janusLossMax.toFixed(2) : 'n/a'} loss_pct_max=${reported ? reported.lossMax.toFixed(2) : 'n/a'} janus_cpu_pct=${reported ? reported.janus.toFixed(1) : 'n/a'} ${figures(base, 'baseline_')}`,
);
process.exit(0);
