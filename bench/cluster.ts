import { availableParallelism, loadavg, tmpdir } from 'node:os';
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
  watchWebinar,
} from '../src/testing/cluster-clients.js';
import { startClusterHarness, type ClusterHarness } from '../src/testing/cluster-harness.js';
import type { RoomSocketClient } from '../src/testing/room-socket.js';
import { until } from '../src/testing/until.js';
import { preEncodedClip, type SessionDescription } from '../src/testing/werift-peers.js';
import { cpuSecondsOf } from './cpu.js';
import { ViewerPool } from './viewer-pool.js';
import { measureChat } from './cluster-chat.js';
import { measureMediaFailover } from './cluster-media.js';

/**
 * The three-machine deployment of docs/operations.md on this machine (src/testing/cluster-harness.ts:
 * 3 app instances behind nginx, janus-1 meeting node and webinar origin, janus-2 and janus-3
 * edges, Redis, PostgreSQL, an SMTP peer), measured:
 * - a webinar of BENCH_VIEWERS werift viewers (counting RTP headers, decrypting nothing, in worker
 *   threads) spread over both edges: viewers receiving with under 2% video loss, the edges' Janus
 *   CPU per viewer, and the origin's CPU per edge it forwards to (its CPU with both edges fed,
 *   less its CPU with the publisher alone), each over BENCH_WINDOW_MS;
 * - chat in a webinar with BENCH_CHAT_CLIENTS WebSocket attendees joined by passcode
 *   (bench/cluster-chat.ts): their sockets through nginx, spread over the instances and seated at
 *   the owner over Redis, then in the same run a baseline with every socket on the owner; the
 *   time until a message reached every client, p99, at BENCH_CHAT_RATE messages/s, and the CPU
 *   per message of the owner and of the other instances;
 * - mails: registrations taken by every instance, duplicates counted at the SMTP peer;
 * - the instance owning a meeting and a webinar killed (SIGKILL): from the kill until the
 *   meeting's guest receives the host's camera again (clients reconnect every 0.3 s), and until
 *   the webinar's attendees on the other instances, sockets kept, watch again after media.reset
 *   (ROOM_LEASE_SECONDS=2);
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
  /** The host's socket through nginx, or at `base` (the instance that is to own the room). */
  const hostIn = async (roomId: string, base = cluster.origin) => {
    const grant = (await staff<{ joinToken: string; socketPath: string }>('POST', `/api/meetings/${roomId}/host-join`)).json;
    const { socket } = await enterRoom(base, cluster.origin, grant.socketPath, grant.joinToken);
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
  // Ended: its viewers leave the edges, which the failover's webinar below needs (JANUS_EDGE_VIEWER_CAP).
  presenter.socket.send({ type: 'end', id: 1 });
  await presenter.socket.next((m) => m.type === 'ended', 10_000);
  await until(async () => [...(await cluster.mediaLoad()).values()].every((n) => n === 0), { timeoutMs: 20_000, intervalMs: 500 }).catch(
    () => console.log('the edges still count viewers of the ended webinar'),
  );

  // 2. Chat among many attendees: spread over the instances by nginx (seated at the owner over
  // Redis), then the same load with every socket on the owner (the baseline, as before seats).
  const chatPhase = async (via: 'spread' | 'owner', phase: number) => {
    const chatRoom = await createRoom(`Bench chat ${via}`, 'webinar');
    const host = await hostIn(chatRoom.id);
    const owner = (await cluster.ownerOf(chatRoom.id))!;
    const figures = await measureChat({
      cluster,
      room: chatRoom,
      host: host.socket,
      owner,
      via,
      clients: chatClients,
      rate: chatRate,
      seconds: chatSeconds,
      phase,
    });
    host.socket.socket.close();
    const ownerIndex = cluster.instances.indexOf(owner);
    const others = figures.cpuMsPerMessage.filter((_, i) => i !== ownerIndex);
    console.log(
      `chat (${via}): ${chatRate} msg/s for ${chatSeconds} s to ${figures.joined} attendees (${figures.closed} closed meanwhile; load ${figures.load}) → to everyone p50 ${fixed(figures.toAllP50)} ms, p99 ${fixed(figures.toAllP99)} ms; ` +
        `delivery p99 per instance ${figures.deliveryP99.map((p) => fixed(p, 0)).join('/')} ms; CPU ms per message ${figures.cpuMsPerMessage.map((c) => fixed(c, 2)).join('/')} ` +
        `(owner ${owner.id}; idle ${figures.idlePct.map((c) => fixed(c, 0)).join('/')} %)`,
    );
    return { ...figures, owner: figures.cpuMsPerMessage[ownerIndex]!, others };
  };
  const spread = await chatPhase('spread', 1);
  await sleep(5_000);
  const baseline = await chatPhase('owner', 2);
  result.chat_clients = spread.joined;
  result.chat_p99_ms = fixed(spread.toAllP99, 0);
  result.chat_baseline_p99_ms = fixed(baseline.toAllP99, 0);
  result.owner_cpu_ms_per_msg = fixed(spread.owner, 2);
  result.nonowner_cpu_ms_per_msg = spread.others.map((c) => fixed(c, 2)).join('/');
  result.baseline_owner_cpu_ms_per_msg = fixed(baseline.owner, 2);
  result.attendees_per_instance = spread.placed.join('/');
  result.chat_load = `${spread.load}/${baseline.load}`;

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

  // 4. The owner instance killed, owning a meeting and a webinar (both hosts entered there): until
  // the meeting's guest has the host's camera again, and until the webinar's attendees on the
  // other instances (sockets kept, media.reset) watch the presenter again.
  const doomed = cluster.instances[0]!;
  const meeting = await createRoom('Bench failover', 'meeting');
  const host = await hostIn(meeting.id, doomed.url);
  const guest = await guestIn(meeting, 'Gabi');
  const hostCamera = await publishCamera(host.socket, clip);
  closers.push(() => hostCamera.close());
  await guest.socket.roster((list) => list.some((p) => p.id === host.id && p.camera), 15_000);
  const firstView = await showCamera(guest.socket, host.id);
  closers.push(() => firstView.close());
  const broadcast = await createRoom('Bench failover webinar', 'webinar');
  const stage = await hostIn(broadcast.id, doomed.url);
  await intent(stage.socket, 'webinar.goLive');
  const stageCamera = await publishCamera(stage.socket, clip);
  closers.push(() => stageCamera.close());
  const audience: { socket: RoomSocketClient }[] = [];
  for (let i = 0; i < 6; i++) {
    const { socket } = await guestIn(broadcast, `Watcher ${i + 1}`);
    await socket.next((m) => m.type === 'webinar.state' && m.live === true && m.shown !== null, 10_000);
    const { viewer } = await watchWebinar(socket, { headersOnly: true });
    closers.push(() => viewer.close());
    audience.push({ socket });
  }
  if ((await cluster.ownerOf(meeting.id))?.id !== doomed.id || (await cluster.ownerOf(broadcast.id))?.id !== doomed.id)
    throw new Error(`the failover rooms are not both owned by ${doomed.id}`);
  const sinceKill = audience.map((a) => a.socket.messages.length);
  const resets = audience.map((a) => a.socket.messages.filter((m) => m.type === 'media.reset').length);
  const killedAt = performance.now();
  await cluster.kill(doomed.id);
  const meetingBack = async () => {
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
    return performance.now() - killedAt;
  };
  // The presenter was on the killed instance: it reconnects through nginx and publishes again, as its browser would.
  const presenterBack = (async () => {
    const { socket } = await enterRoom(cluster.origin, cluster.origin, stage.grant.socketPath, stage.grant.joinToken, 20_000);
    sockets.push(socket);
    const cameraAgain = await publishCamera(socket, clip);
    closers.push(() => cameraAgain.close());
  })();
  // Attendees whose socket was on the killed instance lost it (their browsers reconnect; not measured here).
  const attendeeBack = async (a: (typeof audience)[number], i: number): Promise<number | 'closed'> => {
    await until(() => a.socket.closeCode !== undefined || a.socket.messages.filter((m) => m.type === 'media.reset').length > resets[i]!, {
      timeoutMs: 20_000,
      intervalMs: 20,
      what: 'media.reset',
    });
    if (a.socket.closeCode !== undefined) return 'closed';
    // The new owner's word on the webinar comes with the new welcome, before media.reset: still live, showing the presenter.
    const state = () => a.socket.messages.slice(sinceKill[i]).findLast((m) => m.type === 'webinar.state');
    await until(() => state()?.live === true && state()?.shown !== null, {
      timeoutMs: 20_000,
      intervalMs: 20,
      what: () => `the webinar live and shown (last: ${JSON.stringify(state())})`,
    });
    const { viewer } = await watchWebinar(a.socket, { headersOnly: true });
    closers.push(() => viewer.close());
    await until(() => viewer.video.received > 10, { timeoutMs: 20_000, intervalMs: 20, what: 'video at the new viewer' });
    return performance.now() - killedAt;
  };
  const attendeeBackOrWhy = (a: (typeof audience)[number], i: number) =>
    attendeeBack(a, i).catch(
      (error: unknown) =>
        `stuck: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}; since the kill ${a.socket.messages
          .slice(sinceKill[i])
          .map((m) => m.type)
          .join(',')}`,
    );
  const [failoverMs, attendeesMs] = await Promise.all([meetingBack(), Promise.all(audience.map(attendeeBackOrWhy)), presenterBack]);
  const kept = attendeesMs.filter((ms): ms is number => typeof ms === 'number');
  const stuck = attendeesMs.filter((ms): ms is string => typeof ms === 'string' && ms !== 'closed');
  for (const why of stuck) console.log(`an attendee on a surviving instance did not watch again: ${why}`);
  console.log(
    `instance failover: ${doomed.id} killed (load ${loadavg()[0]!.toFixed(2)}); the meeting's guest receives the host's camera again ${failoverMs.toFixed(0)} ms later; ` +
      `${kept.length} of ${audience.length} webinar attendees (${attendeesMs.filter((ms) => ms === 'closed').length} on the killed instance) kept their sockets and watch again after ${kept.map((ms) => ms.toFixed(0)).join('/')} ms (ROOM_LEASE_SECONDS=2)`,
  );
  result.instance_failover_ms = failoverMs.toFixed(0);
  result.attendee_failover_ms = kept.length > 0 ? Math.max(...kept).toFixed(0) : 'n/a';
  result.attendees_kept = `${kept.length}/${audience.length - attendeesMs.filter((ms) => ms === 'closed').length}`;
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
    `chat_baseline_p99_ms=${result.chat_baseline_p99_ms} owner_cpu_ms_per_msg=${result.owner_cpu_ms_per_msg} nonowner_cpu_ms_per_msg=${result.nonowner_cpu_ms_per_msg} ` +
    `baseline_owner_cpu_ms_per_msg=${result.baseline_owner_cpu_ms_per_msg} attendees_per_instance=${result.attendees_per_instance} chat_load=${result.chat_load} ` +
    `instance_failover_ms=${result.instance_failover_ms} attendee_failover_ms=${result.attendee_failover_ms} attendees_kept=${result.attendees_kept} edge_failover_ms=${result.edge_failover_ms} origin_gap_ms=${result.origin_gap_ms} duplicate_mails=${result.duplicate_mails}`,
);
process.exit(0);
