import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { setUpAdmin, startServer, type RunningServer } from '../e2e/harness.js';
import { maxShownVideos } from '../src/shared/protocol/index.js';
import { RoomSocketClient, type RoomSocketMessage } from '../src/testing/room-socket.js';
import {
  CountingViewer,
  preEncodedClip,
  preEncodedOpus,
  ReplaySender,
  SharedReplay,
  untilConnected,
  type SessionDescription,
} from '../src/testing/werift-peers.js';
import { cpuDuring } from './cpu.js';
import { ViewerPool } from './viewer-pool.js';

/**
 * How many people one meeting holds on this machine, through the built app and its embedded
 * Janus. Each person is a werift peer that joins like a browser (HTTP join by passcode, room
 * WebSocket, audio mix, camera publication) and sends a pre-encoded ~300 kbit/s VP8 camera and
 * an Opus tone, each replayed once by ffmpeg (`-c copy`) for everyone: no encoder and no decoder
 * runs while measuring. Everyone shows every other camera (at most 16, the stage's limit) on one
 * multistream connection: a werift viewer in a worker thread that counts RTP per stream by
 * sequence number without decrypting.
 * Steps N = MEETING_STEPS; per step: video loss per subscriber (max, p99), Janus and app CPU.
 * Then joins: MEETING_JOIN_BURSTS werift joiners at once into a meeting with one presenter, each
 * timed from the HTTP join to its audio connected and the presenter's video arriving.
 * Baselines, same run: the idle server (CPU) and a join without media (signaling only).
 * Bounded: 20 s per join, MEETING_TIME_LIMIT_MS overall, loopback only.
 */

const steps = (process.env.MEETING_STEPS ?? '5,10,15,20,25').split(',').map(Number);
const joinBursts = (process.env.MEETING_JOIN_BURSTS ?? '10,50').split(',').map(Number);
const windowMs = Number(process.env.MEETING_WINDOW_MS ?? 10_000);
const timeLimitMs = Number(process.env.MEETING_TIME_LIMIT_MS ?? 12 * 60_000);
const settleMs = 3_000;
const joinTimeoutMs = 20_000;
const cameraKbps = 300;

let nextIntent = 1;
let nextAddress = 1;

async function ask(
  socket: RoomSocketClient,
  type: string,
  payload: Record<string, unknown> = {},
  timeoutMs = joinTimeoutMs,
): Promise<RoomSocketMessage> {
  const id = nextIntent++;
  socket.send({ type, id, ...payload });
  const answer = await socket.next((m) => m.id === id, timeoutMs);
  if (answer.type !== 'result') throw new Error(`${type}: ${answer.code} ${answer.message}`);
  return answer;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

interface Meeting {
  meetingNumber: string;
  passcode: string;
}

/** Someone in the room: their WebSocket and participant id. */
interface Member {
  name: string;
  id: string;
  socket: RoomSocketClient;
  senders: ReplaySender[];
  viewers: CountingViewer[];
}

/** HTTP join by passcode (each person from an address of their own, as people are), WebSocket, hello. */
async function enter(server: RunningServer, meeting: Meeting, name: string): Promise<Member> {
  const address = `198.18.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
  const joined = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: name }),
  });
  const { joinToken } = (await joined.json()) as { joinToken?: string };
  if (!joinToken) throw new Error(`${name} could not join: HTTP ${joined.status}`);
  const socket = await RoomSocketClient.open(`${server.url.replace('http', 'ws')}/api/rooms/socket`, {
    origin: server.url,
    'x-forwarded-for': address,
  });
  await ask(socket, 'hello', { token: joinToken });
  const welcome = await socket.next((m) => m.type === 'welcome', joinTimeoutMs);
  return { name, id: (welcome.self as { id: string }).id, socket, senders: [], viewers: [] };
}

async function joinAudio(member: Member, replay: SharedReplay, muted: boolean): Promise<ReplaySender> {
  const mic = new ReplaySender('audio', replay);
  member.senders.push(mic);
  const { data } = await ask(member.socket, 'audio.join', { offer: await mic.offer(), muted });
  await mic.accept((data as { answer: SessionDescription }).answer);
  return mic;
}

/** Publishes the camera and waits until the room announces it (Janus reports its WebRTC up). */
async function publishCamera(member: Member, replay: SharedReplay): Promise<void> {
  const camera = new ReplaySender('video', replay);
  member.senders.push(camera);
  const { data } = await ask(member.socket, 'publish', { kind: 'camera', offer: await camera.offer() });
  await camera.accept((data as { answer: SessionDescription }).answer);
  await member.socket.roster((list) => list.some((p) => p.id === member.id && p.camera), joinTimeoutMs);
}

/**
 * `viewer` shows these cameras (as a browser's stage states them, at most maxShownVideos): its one
 * video connection is renegotiated when the set changes; `answer` is a werift viewer (in a worker or here).
 */
async function show(viewer: Member, targets: Member[], answer: (offer: SessionDescription) => Promise<SessionDescription>): Promise<void> {
  const videos = targets.slice(0, maxShownVideos).map((t) => ({ participantId: t.id, kind: 'camera' }));
  const { data } = await ask(viewer.socket, 'video.show', { videos });
  const { offer } = data as { offer?: SessionDescription };
  if (offer) await ask(viewer.socket, 'video.answer', { answer: await answer(offer) });
}

async function leave(member: Member): Promise<void> {
  member.socket.send({ type: 'leave', id: nextIntent++ });
  member.socket.socket.close();
  await Promise.allSettled([...member.senders.map((s) => s.close()), ...member.viewers.map((v) => v.close())]);
}

/** Janus (found by its config directory) and the app (its parent). */
function serverPids(server: RunningServer): { janus: number; app: number } {
  const janus = Number(
    execFileSync('pgrep', ['-f', `janus -F ${path.join(server.dataDir, 'janus')}`])
      .toString()
      .trim()
      .split('\n')[0],
  );
  const app = Number(readFileSync(`/proc/${janus}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  return { janus, app };
}

const server = await startServer({
  database: 'sqlite',
  env: { JANUS_MODE: 'embedded', JANUS_RTP_PORT_RANGE: '47000-48999', RATE_LIMIT_PER_MINUTE: '100000', TRUST_PROXY: '127.0.0.1' },
});
const pool = new ViewerPool(Math.max(1, availableParallelism()));
const members: Member[] = [];
const replays: SharedReplay[] = [];
const stopAll = async () => {
  await Promise.allSettled(members.map(leave));
  await pool.close().catch(() => undefined);
  replays.forEach((r) => r.close());
  await server.stop();
};
const guard = setTimeout(() => {
  console.log(`time limit of ${timeLimitMs / 1000} s reached: stopping`);
  void stopAll().finally(() => process.exit(2));
}, timeLimitMs);

interface Row {
  n: number;
  lossMax: number;
  lossP99: number;
  janus: number;
  app: number;
  generator: number;
  machine: number;
  perStream: number;
}
const rows: Row[] = [];
const joinRows: { concurrent: number; ok: number; failures: number; p50: number; p95: number; perSecond: number; generator: number }[] = [];

try {
  const cookie = await setUpAdmin(server, { email: 'bench@example.org', displayName: 'Bench Host', password: 'benchmark password' });
  const create = async (title: string) => {
    const response = await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title, lobby: 'off' }),
    });
    return (await response.json()) as Meeting;
  };
  const video = await SharedReplay.start(
    await preEncodedClip(path.join(tmpdir(), `plenum-meeting-vp8-${cameraKbps}k.webm`), cameraKbps, 20, '640x360'),
    'video',
  );
  const audio = await SharedReplay.start(await preEncodedOpus(path.join(tmpdir(), 'plenum-meeting-opus-32k.ogg'), 32), 'audio');
  replays.push(video, audio);
  const pids = serverPids(server);
  const replayPids = [video.pid, audio.pid];

  const idle = await cpuDuring(windowMs / 2, pids.janus, replayPids, pids.app);
  console.log(
    `bench:meeting on ${availableParallelism()} cores; camera ${cameraKbps} kbit/s VP8 640x360 + Opus 32 kbit/s per person; ${windowMs / 1000} s windows`,
  );
  console.log(
    `baseline (server and Janus idle): Janus ${idle.janus.toFixed(1)}% CPU, app ${idle.app.toFixed(1)}%, machine ${idle.machine.toFixed(0)}%`,
  );
  console.log(
    `CPU in % of one core (the machine has ${availableParallelism() * 100}%); "generator" is this process, its viewer threads and the two replays.`,
  );
  console.log('    N  streams  loss_max%  loss_p99%  janus_cpu%  app_cpu%  generator_cpu%  machine_cpu%  janus_cpu%/stream');

  const meeting = await create('Meeting benchmark');
  for (const n of steps) {
    while (members.length < n) {
      const member = await enter(server, meeting, `Person ${members.length + 1}`);
      members.push(member);
      await joinAudio(member, audio, false);
      await publishCamera(member, video);
      // Everyone shows every other camera (up to the stage's limit), in the order they came.
      await Promise.all(
        members.map((viewer) =>
          show(
            viewer,
            members.filter((m) => m !== viewer),
            (offer) => pool.answer(offer, viewer.name),
          ),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, settleMs));
    const before = await pool.counts();
    const cpu = await cpuDuring(windowMs, pids.janus, replayPids, pids.app);
    const after = await pool.counts();
    const bySubscriber = new Map<string, { lost: number; expected: number }>();
    after.forEach((a, i) => {
      const b = before[i];
      const expected = a.videoExpected - (b?.videoExpected ?? 0);
      const lost = Math.max(0, expected - (a.videoReceived - (b?.videoReceived ?? 0)));
      const sum = bySubscriber.get(a.label) ?? { lost: 0, expected: 0 };
      bySubscriber.set(a.label, { lost: sum.lost + lost, expected: sum.expected + Math.max(0, expected) });
    });
    const subscriberLoss = [...bySubscriber.values()].map((s) => (s.expected > 0 ? (100 * s.lost) / s.expected : 100));
    const streams = n * Math.min(n - 1, maxShownVideos);
    const row: Row = {
      n,
      lossMax: Math.max(...subscriberLoss),
      lossP99: percentile(subscriberLoss, 99),
      janus: cpu.janus,
      app: cpu.app,
      generator: cpu.generator,
      machine: cpu.machine,
      perStream: (cpu.janus - idle.janus) / streams,
    };
    rows.push(row);
    console.log(
      `${String(n).padStart(5)}  ${String(streams).padStart(7)}  ${row.lossMax.toFixed(2).padStart(9)}  ${row.lossP99.toFixed(2).padStart(9)}  ${row.janus.toFixed(1).padStart(10)}  ${row.app.toFixed(1).padStart(8)}  ${row.generator.toFixed(1).padStart(14)}  ${row.machine.toFixed(0).padStart(12)}  ${row.perStream.toFixed(3).padStart(17)}`,
    );
  }
  await Promise.allSettled(members.splice(0).map(leave));
  await pool.close();

  // Joins: into a meeting where one presenter shows their camera.
  const joinMeeting = await create('Join benchmark');
  const presenter = await enter(server, joinMeeting, 'Presenter');
  members.push(presenter);
  await joinAudio(presenter, audio, true);
  await publishCamera(presenter, video);

  const signaling: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const member = await enter(server, joinMeeting, `Signaling ${i}`);
    signaling.push(performance.now() - started);
    await leave(member);
  }
  console.log(
    `join baseline (HTTP join + WebSocket hello, no media), one at a time: p50 ${percentile(signaling, 50).toFixed(0)} ms (n=${signaling.length})`,
  );
  console.log('concurrent  joined  failed  p50_ms  p95_ms  joins/s  generator_cpu%');

  /** Join, audio connected (muted, as people join) and the presenter's video arriving: the whole join. */
  const fullJoin = async (name: string): Promise<{ ms: number; member: Member }> => {
    const started = performance.now();
    const member = await enter(server, joinMeeting, name);
    const viewer = new CountingViewer({ headersOnly: true });
    member.viewers.push(viewer);
    const mic = await joinAudio(member, audio, true);
    await show(member, [presenter], (offer) => viewer.answer(offer));
    await untilConnected(mic.pc, joinTimeoutMs);
    const deadline = Date.now() + joinTimeoutMs;
    while (viewer.video.received === 0) {
      if (Date.now() > deadline) throw new Error(`${name}: no video within ${joinTimeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { ms: performance.now() - started, member };
  };

  for (const concurrent of joinBursts) {
    const started = performance.now();
    const own0 = process.cpuUsage();
    const results = await Promise.allSettled(Array.from({ length: concurrent }, (_, i) => fullJoin(`Joiner ${concurrent}-${i}`)));
    const seconds = (performance.now() - started) / 1000;
    const own = process.cpuUsage(own0);
    const joined = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) console.log(`  first failure: ${String(failed[0]!.reason).slice(0, 200)}`);
    const times = joined.map((j) => j.ms);
    const row = {
      concurrent,
      ok: joined.length,
      failures: failed.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      perSecond: joined.length / seconds,
      generator: (100 * (own.user + own.system)) / 1e6 / seconds,
    };
    joinRows.push(row);
    console.log(
      `${String(concurrent).padStart(10)}  ${String(row.ok).padStart(6)}  ${String(row.failures).padStart(6)}  ${row.p50.toFixed(0).padStart(6)}  ${row.p95.toFixed(0).padStart(6)}  ${row.perSecond.toFixed(1).padStart(7)}  ${row.generator.toFixed(0).padStart(14)}`,
    );
    await Promise.allSettled(joined.map((j) => leave(j.member)));
    await new Promise((r) => setTimeout(r, 2_000));
  }
} finally {
  clearTimeout(guard);
  await stopAll();
}

const ok = rows.filter((r) => r.lossMax < 1).at(-1);
const reported = ok ?? rows[0];
if (ok)
  console.log(
    `Janus CPU per forwarded video stream above idle at N=${ok.n}: ${ok.perStream.toFixed(3)}% of a core (N people forward N×min(N−1, ${maxShownVideos}) streams)`,
  );
const lastJoins = joinRows.at(-1);
const failures = joinRows.reduce((sum, r) => sum + r.failures, 0);
console.log(
  `RESULT meeting_max_n=${ok?.n ?? 0} loss_pct_max=${reported ? reported.lossMax.toFixed(2) : 'n/a'} janus_cpu_pct=${reported ? reported.janus.toFixed(1) : 'n/a'} joins_per_s=${lastJoins && lastJoins.failures === 0 ? lastJoins.perSecond.toFixed(1) : '0'} join_p95_ms=${lastJoins ? lastJoins.p95.toFixed(0) : 'n/a'} join_failures=${failures}`,
);
process.exit(0);
