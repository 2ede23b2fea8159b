import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { adminCredentials } from '../src/testing/plenum.js';
import {
  ask as intent,
  candidatePorts,
  clientAddress,
  enterRoom,
  httpClient,
  publishCamera,
  showCamera,
  solvedCaptcha,
} from '../src/testing/cluster-clients.js';
import { startClusterHarness, type ClusterHarness } from '../src/testing/cluster-harness.js';
import type { RoomSocketClient } from '../src/testing/room-socket.js';
import { until } from '../src/testing/until.js';
import { preEncodedClip, type SessionDescription } from '../src/testing/werift-peers.js';
import { cpuSecondsOf } from './cpu.js';
import { ViewerPool } from './viewer-pool.js';
import { measureMediaFailover } from './cluster-media.js';
import { addressOf, ask as askRaw, connect, percentile, post, type Client } from './webinar-clients.js';

/**
 * The three-machine deployment of docs/operations.md on this machine (src/testing/cluster-harness.ts:
 * 3 app instances behind nginx, janus-1 meeting node and webinar origin, janus-2 and janus-3
 * edges, Redis, PostgreSQL, an SMTP peer), measured:
 * - a webinar of BENCH_VIEWERS werift viewers (counting RTP headers, decrypting nothing, in worker
 *   threads) spread over both edges: viewers receiving with under 2% video loss, the edges' Janus
 *   CPU per viewer, and the origin's CPU per edge it forwards to (its CPU with both edges fed,
 *   less its CPU with the publisher alone), each over BENCH_WINDOW_MS;
 * - chat in a webinar with BENCH_CHAT_CLIENTS WebSocket attendees joined by passcode through
 *   nginx: the time until a message reached every client, p99, at BENCH_CHAT_RATE messages/s;
 * - mails: registrations taken by every instance, duplicates counted at the SMTP peer;
 * - the owner instance of a meeting killed (SIGKILL): from the kill until the viewer receives
 *   the host's camera again (clients reconnect every 0.3 s, ROOM_LEASE_SECONDS=2);
 * - edge and origin killed: measureMediaFailover() of bench/cluster-media.ts, on a bed of its own
 *   (two meeting nodes, two edges) after the cluster stopped.
 * On one 2-core box more nodes add no capacity: the per-viewer and per-edge costs are what
 * capacity on real machines is read off from. Bounded: BENCH_TIME_LIMIT_MS overall.
 */

const viewers = Number(process.env.BENCH_VIEWERS ?? 60);
const chatClients = Number(process.env.BENCH_CHAT_CLIENTS ?? 3000);
const chatRate = Number(process.env.BENCH_CHAT_RATE ?? 5);
const chatSeconds = 10;
const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const timeLimitMs = Number(process.env.BENCH_TIME_LIMIT_MS ?? 10 * 60_000);
const cameraKbps = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fixed = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

/** CPU in % of one core of each pid over `ms`. */
async function cpuOf(pids: number[], ms: number): Promise<number[]> {
  const before = pids.map(cpuSecondsOf);
  const started = performance.now();
  await sleep(ms);
  const seconds = (performance.now() - started) / 1000;
  return pids.map((pid, i) => (100 * (cpuSecondsOf(pid) - before[i]!)) / seconds);
}

const cluster: ClusterHarness = await startClusterHarness({
  portsEach: Math.max(200, viewers * 2 + 50),
  env: { JANUS_EDGE_VIEWER_CAP: String(Math.ceil(viewers / 2)) },
});
const guard = setTimeout(() => {
  console.log(`time limit of ${timeLimitMs / 1000} s reached: stopping`);
  void cluster.stop().finally(() => process.exit(2));
}, timeLimitMs);
const api = httpClient(cluster.origin);
const sockets: RoomSocketClient[] = [];
const closers: (() => unknown)[] = [];
const result: Record<string, string | number> = { instances: cluster.instances.length, edges: cluster.janus.length - 1 };

try {
  console.log(
    `bench:cluster on ${availableParallelism()} cores: ${cluster.instances.length} app instances behind nginx, Janus ${cluster.janus.map((n) => n.name).join(', ')}`,
  );
  const setup = await api(cluster.origin, 'POST', '/api/setup', { token: cluster.setupToken, ...adminCredentials, language: 'en' });
  const cookie = setup.cookie!;
  const staff = <T>(method: string, url: string, body?: unknown) => api<T>(cluster.origin, method, url, body, { cookie });
  const clip = await preEncodedClip(path.join(tmpdir(), `plenum-cluster-vp8-${cameraKbps}k.webm`), cameraKbps, 20, '640x360');
  const createRoom = async (title: string, kind: 'meeting' | 'webinar') =>
    (await staff<{ id: string; meetingNumber: string; passcode: string }>('POST', '/api/meetings', { title, lobby: 'off', kind })).json;
  const hostIn = async (roomId: string) => {
    const grant = (await staff<{ joinToken: string; socketPath: string }>('POST', `/api/meetings/${roomId}/host-join`)).json;
    const { socket } = await enterRoom(cluster.origin, cluster.origin, grant.socketPath, grant.joinToken);
    sockets.push(socket);
    const welcome = await socket.next((m) => m.type === 'welcome', 10_000);
    return { socket, grant, id: (welcome.self as { id: string }).id };
  };
  const guestIn = async (room: { meetingNumber: string; passcode: string }, name: string, base = cluster.origin) => {
    const joined = await api<{ joinToken: string; socketPath: string }>(
      base,
      'POST',
      '/api/join',
      { meetingNumber: room.meetingNumber, passcode: room.passcode, displayName: name },
      { 'x-forwarded-for': clientAddress() },
    );
    if (joined.status !== 200) throw new Error(`${name} could not join: ${joined.status} ${JSON.stringify(joined.json)}`);
    const grant = joined.json;
    const { socket } = await enterRoom(base, cluster.origin, grant.socketPath, grant.joinToken);
    sockets.push(socket);
    return { socket, grant };
  };

  // 1. The webinar's media over the edges.
  const webinar = await createRoom('Bench webinar', 'webinar');
  const presenter = await hostIn(webinar.id);
  await intent(presenter.socket, 'webinar.goLive');
  const camera = await publishCamera(presenter.socket, clip);
  closers.push(() => camera.close());
  const [origin, ...edges] = cluster.janus.map((n) => n.process.pid!);
  await sleep(3_000);
  const [originAlone, ...edgesIdle] = await cpuOf([origin!, ...edges], windowMs);
  const pool = new ViewerPool(Math.max(1, availableParallelism()));
  closers.push(() => pool.close());
  const placed = new Map<string, number>();
  for (let i = 0; i < viewers; i++) {
    const { socket } = await guestIn(webinar, `Viewer ${i + 1}`, cluster.instances[i % cluster.instances.length]!.url);
    const { data } = await intent(socket, 'webinar.watch', {}, 20_000);
    const { offer } = data as { offer: SessionDescription };
    const port = candidatePorts(offer.sdp)[0]!;
    const node = cluster.janus.find((n) => port >= n.rtpPorts.min && port <= n.rtpPorts.max)?.name ?? '?';
    placed.set(node, (placed.get(node) ?? 0) + 1);
    await intent(socket, 'webinar.start', { answer: await pool.answer(offer, `viewer-${i}`) });
  }
  await sleep(3_000);
  const countsBefore = await pool.counts();
  const [originFed, ...edgesLoaded] = await cpuOf([origin!, ...edges], windowMs);
  const countsAfter = await pool.counts();
  const ok = countsAfter.filter((after) => {
    const before = countsBefore.find((b) => b.label === after.label);
    const expected = after.videoExpected - (before?.videoExpected ?? 0);
    const received = after.videoReceived - (before?.videoReceived ?? 0);
    return expected > 0 && received >= expected * 0.98;
  }).length;
  const edgeCpu = edgesLoaded.reduce((s, c) => s + c, 0) - edgesIdle.reduce((s, c) => s + c, 0);
  const feeding = [...placed.keys()].filter((n) => n !== cluster.janus[0]!.name).length;
  console.log(`viewers placed: ${[...placed].map(([n, c]) => `${n} ${c}`).join(', ')}; ${ok}/${viewers} with under 2% video loss`);
  console.log(
    `Janus CPU (% of a core) over ${windowMs / 1000} s: origin alone ${fixed(originAlone)}, origin feeding ${feeding} edges ${fixed(originFed)}; ` +
      `edges idle ${edgesIdle.map((c) => fixed(c)).join('/')}, with viewers ${edgesLoaded.map((c) => fixed(c)).join('/')}`,
  );
  result.viewers_ok = ok;
  result.janus_cpu_per_viewer_pct = fixed(edgeCpu / viewers, 3);
  result.origin_cpu_per_edge_pct = feeding > 0 ? fixed((originFed! - originAlone!) / feeding, 2) : 'n/a';
  await pool.close();
  await camera.close();

  // 2. Chat among many attendees, joined through nginx by passcode.
  const chatRoom = await createRoom('Bench chat', 'webinar');
  await hostIn(chatRoom.id);
  let phase: { sentAt: Float64Array; received: Uint16Array; lastAt: Float64Array } | undefined;
  const marker = Buffer.from('"text":"c:');
  const onFrame = (data: Buffer) => {
    if (!phase) return;
    const at = data.indexOf(marker);
    if (at < 0) return;
    const seq = Number.parseInt(data.toString('latin1', at + marker.length, at + marker.length + 8), 10);
    if (!(seq < phase.sentAt.length)) return;
    phase.received[seq]! += 1;
    phase.lastAt[seq] = performance.now();
  };
  const room: Client[] = [];
  const joinStart = performance.now();
  let failed = 0;
  const joins: Promise<void>[] = [];
  for (let i = 0; i < chatClients; i++) {
    const due = joinStart + i * 10; // 100 joins/s
    if (due > performance.now()) await sleep(due - performance.now());
    joins.push(
      (async () => {
        const address = addressOf(i);
        const grant = await post<{ joinToken: string; socketPath: string }>(
          `${cluster.origin}/api/join`,
          { meetingNumber: chatRoom.meetingNumber, passcode: chatRoom.passcode, displayName: `Attendee ${i}` },
          address,
        );
        const client = await connect(`${cluster.origin.replace('http', 'ws')}${grant.socketPath}`, address, cluster.origin, onFrame);
        await askRaw(client, 1, { type: 'hello', token: grant.joinToken }, 60_000);
        room.push(client);
      })().catch(() => void failed++),
    );
  }
  await Promise.all(joins);
  console.log(
    `chat: ${room.length} of ${chatClients} attendees in (${failed} failed), in ${((performance.now() - joinStart) / 1000).toFixed(1)} s`,
  );
  await sleep(5_000);
  const total = chatRate * chatSeconds;
  phase = { sentAt: new Float64Array(total), received: new Uint16Array(total), lastAt: new Float64Array(total) };
  const instancePids = cluster.instances.map((i) => i.process.pid!);
  const appBefore = instancePids.map(cpuSecondsOf);
  const chatStart = performance.now();
  for (let seq = 0; seq < total; seq++) {
    const due = chatStart + (seq * 1000) / chatRate;
    if (due > performance.now()) await sleep(due - performance.now());
    phase.sentAt[seq] = performance.now();
    room[seq % room.length]!.socket.send(
      JSON.stringify({ type: 'chat.send', id: 1_000_000 + seq, text: `c:${String(seq).padStart(8, '0')}` }),
    );
  }
  const everyone = room.length;
  await until(() => phase!.received.every((n) => n >= everyone), { timeoutMs: 15_000, intervalMs: 50 }).catch(() => undefined);
  const chatCpu = instancePids.map((pid, i) => (100 * (cpuSecondsOf(pid) - appBefore[i]!)) / ((performance.now() - chatStart) / 1000));
  const toAll: number[] = [];
  for (let seq = 0; seq < total; seq++) if (phase.received[seq]! >= everyone) toAll.push(phase.lastAt[seq]! - phase.sentAt[seq]!);
  console.log(
    `chat: ${chatRate} msg/s for ${chatSeconds} s to ${everyone} attendees → ${toAll.length}/${total} reached everyone; p50 ${fixed(percentile(toAll, 50))} ms, p99 ${fixed(percentile(toAll, 99))} ms; app CPU ${chatCpu.map((c) => fixed(c, 0)).join('/')} %`,
  );
  result.chat_clients = everyone;
  result.chat_p99_ms = toAll.length === total ? fixed(percentile(toAll, 99), 0) : 'n/a';
  phase = undefined;
  room.forEach((c) => c.socket.close());

  // 3. Mails: registrations on every instance, each mail counted at the SMTP peer.
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const event = (
    await staff<{ slug: string }>('POST', '/api/events', {
      kind: 'webinar',
      title: 'Bench event',
      description: 'bench',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
    })
  ).json;
  const registrants = Array.from({ length: 30 }, (_, i) => `registrant${i}@bench.example`);
  await Promise.all(
    registrants.map(async (email, i) => {
      const base = cluster.instances[i % cluster.instances.length]!.url;
      const address = clientAddress();
      await api(
        base,
        'POST',
        `/api/public/events/${event.slug}/registrations`,
        { captcha: await solvedCaptcha(base, address), firstName: 'Bench', lastName: `R${i}`, email, language: 'en' },
        { 'x-forwarded-for': address },
      );
    }),
  );
  await until(() => registrants.every((email) => cluster.smtp.received.some((m) => m.to.includes(email))), {
    timeoutMs: 30_000,
    intervalMs: 100,
  });
  await sleep(3_000);
  const seen = new Set<string>();
  let duplicates = 0;
  for (const message of cluster.smtp.received) {
    const parsed = await simpleParser(message.raw);
    const key = `${message.to.join(',')}\0${parsed.subject ?? ''}`;
    if (seen.has(key)) duplicates++;
    seen.add(key);
  }
  console.log(
    `mail: ${cluster.smtp.received.length} mails to ${registrants.length} registrants through ${cluster.instances.length} instances, ${duplicates} twice`,
  );
  result.duplicate_mails = duplicates;

  // 4. The owner of a meeting killed: until the viewer has the host's camera again.
  const meeting = await createRoom('Bench failover', 'meeting');
  const host = await hostIn(meeting.id);
  const guest = await guestIn(meeting, 'Gabi');
  const hostCamera = await publishCamera(host.socket, clip);
  closers.push(() => hostCamera.close());
  await guest.socket.roster((list) => list.some((p) => p.id === host.id && p.camera), 15_000);
  const firstView = await showCamera(guest.socket, host.id);
  closers.push(() => firstView.close());
  const owner = (await cluster.ownerOf(meeting.id))!;
  const killedAt = performance.now();
  await cluster.kill(owner.id);
  const [hostBack, guestBack] = await Promise.all(
    [host.grant, guest.grant].map((grant) => enterRoom(cluster.origin, cluster.origin, grant.socketPath, grant.joinToken, 20_000)),
  );
  sockets.push(hostBack!.socket, guestBack!.socket);
  const hostId = ((await hostBack!.socket.next((m) => m.type === 'welcome', 10_000)).self as { id: string }).id;
  const cameraAgain = await publishCamera(hostBack!.socket, clip);
  closers.push(() => cameraAgain.close());
  await guestBack!.socket.roster((list) => list.some((p) => p.id === hostId && p.camera), 15_000);
  const view = await showCamera(guestBack!.socket, hostId);
  closers.push(() => view.close());
  await until(() => view.video.received > 10, { timeoutMs: 15_000, intervalMs: 20 });
  const failoverMs = performance.now() - killedAt;
  console.log(
    `instance failover: ${owner.id} killed; the guest receives the host's camera again ${failoverMs.toFixed(0)} ms later (ROOM_LEASE_SECONDS=2)`,
  );
  result.instance_failover_ms = failoverMs.toFixed(0);
} finally {
  clearTimeout(guard);
  for (const socket of sockets) socket.socket.close();
  for (const close of closers) await Promise.resolve(close()).catch(() => undefined);
  await cluster.stop();
}

// 5. Edge and origin failures, at the media plane on a bed of its own (bench/cluster-media.ts:
// two meeting nodes, two edges, werift attendees; the app's media code, no instances or nginx).
const media = await measureMediaFailover();
result.edge_failover_ms = media.edgeFailoverMs.toFixed(0);
result.origin_gap_ms = media.originGapMs.toFixed(0);
console.log(
  `media failures (bench/cluster-media.ts bed): edge killed → its attendees hear sound on another edge after ${result.edge_failover_ms} ms; ` +
    `origin killed → longest silence ${result.origin_gap_ms} ms (baseline: first watch ${media.firstWatchMs.toFixed(0)} ms, steady gap ${media.steadyGapMs.toFixed(0)} ms)`,
);
const perCore = (100 / Number(result.janus_cpu_per_viewer_pct)).toFixed(0);
console.log(
  `anchors: LiveKit ~204 viewers (38k packets/s) per core; Jitsi 80 participants per bridge per conference. Here: ${perCore} viewers per edge core at ${cameraKbps} kbit/s.`,
);
console.log(
  `RESULT instances=${result.instances} edges=${result.edges} viewers_ok=${result.viewers_ok} janus_cpu_per_viewer_pct=${result.janus_cpu_per_viewer_pct} ` +
    `origin_cpu_per_edge_pct=${result.origin_cpu_per_edge_pct} chat_clients=${result.chat_clients} chat_p99_ms=${result.chat_p99_ms} ` +
    `instance_failover_ms=${result.instance_failover_ms} edge_failover_ms=${result.edge_failover_ms} origin_gap_ms=${result.origin_gap_ms} duplicate_mails=${result.duplicate_mails}`,
);
process.exit(0);
