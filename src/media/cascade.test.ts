// test tier: heavy (three Janus processes); not in npm run test:unit
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { ProtectionProfileAes128CmHmacSha1_80, SrtpSession } from 'werift';
import { createCluster } from '../cluster/cluster.js';
import { loadConfig } from '../config.js';
import { recordAudit } from '../privacy/audit.js';
import { broadcastMids } from '../shared/protocol/webinar.js';
import { startJanusNodes } from '../testing/janus-nodes.js';
import { openTestStore } from '../testing/stores.js';
import { until } from '../testing/until.js';
import { CountingViewer, preEncodedClip, publishClip } from '../testing/werift-peers.js';
import { RoomForwarders } from './broadcast.js';
import { JanusNode } from './janus-node.js';
import { createMediaPlane, type BroadcastPictures, type BroadcastViewer, type MediaPlane, type MediaRoom } from './media-plane.js';
import type { NodePool } from './nodes/pool.js';
import { nodeRegistry, type AuditChange } from './nodes/registry.js';

const audit: AuditChange = (db, action, id, detail) =>
  recordAudit(db, { kind: 'system' }, { action, subject: { type: 'media_node', id }, detail });

/**
 * Registry mode on one machine: three Janus processes as three machines (a meeting node, the
 * webinar's origin, and two edges), each with its own config folder and RTP ports, everything
 * on loopback. Real werift peers publish and watch.
 */
describe('webinar cascade over three Janus nodes (JANUS_MODE=registry)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-cascade-'));
  const log = pino({ level: 'silent' });
  const closers: (() => Promise<unknown>)[] = [];
  let janus: Awaited<ReturnType<typeof startJanusNodes>>;
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let plane: MediaPlane;
  let room: MediaRoom;
  let anna: BroadcastPictures;
  let clip: string;

  before(async () => {
    const plain = loadConfig({ DATA_DIR: dataDir });
    janus = await startJanusNodes(['origin', 'edge-a', 'edge-b'], dataDir, plain.janus);
    store = await openTestStore('sqlite');
    for (const [i, role] of (['meeting', 'edge', 'edge'] as const).entries()) {
      const node = janus.nodes[i]!;
      await nodeRegistry.register(
        store.db,
        { id: node.name, apiUrl: node.apiUrl, adminUrl: node.adminUrl, mediaAddress: '127.0.0.1', role },
        audit,
      );
    }
    const config = loadConfig({
      DATA_DIR: dataDir,
      JANUS_MODE: 'registry',
      JANUS_ADMIN_SECRET: janus.adminSecret,
      JANUS_EDGE_VIEWER_CAP: '2',
    });
    plane = createMediaPlane(config, log, { store, cluster: createCluster(config.cluster, log) });
    plane.start();
    await until(() => plane.status().status === 'ok', { timeoutMs: 20_000, intervalMs: 100, what: 'the registry’s nodes connected' });
    room = await plane.openRoom('cascade test', { broadcast: true });
    clip = await preEncodedClip(path.join(dataDir, 'clip.webm'), 500, 6);
    // Anna shares her screen with her camera on: the screen is the main picture, her camera the inset.
    const media = await room.join('Anna');
    closers.push(() => media.close());
    anna = { main: await publishClip(media, 'screen', clip, closers), inset: await publishClip(media, 'camera', clip, closers) };
    await room.showOnBroadcast(anna);
  });

  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await room?.close();
    await plane?.stop();
    await janus?.stop();
    await store?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const viewers: { watching: BroadcastViewer; peer: CountingViewer }[] = [];
  async function viewer(): Promise<{ watching: BroadcastViewer; peer: CountingViewer }> {
    const watching = await room.watch();
    const peer = new CountingViewer();
    closers.push(
      () => peer.close(),
      () => watching.close(),
    );
    await watching.start(await peer.answer(await watching.watch()));
    viewers.push({ watching, peer });
    return { watching, peer };
  }

  it('opens the webinar on the meeting node', () => {
    assert.equal(room.node, 'origin');
  });

  it('fills an edge up to the cap, then opens the webinar on the other edge; every viewer gets sound and picture', async () => {
    const placed = [await viewer(), await viewer(), await viewer()];
    assert.deepEqual(
      placed.map((v) => v.watching.node),
      ['edge-a', 'edge-a', 'edge-b'],
    );
    const mids = [broadcastMids.audio, broadcastMids.main, broadcastMids.inset];
    const received = (peer: CountingViewer) => mids.map((mid) => peer.byMid.get(mid)?.received ?? 0);
    await until(() => placed.every(({ peer }) => received(peer).every((n) => n > 50)), {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: () => `sound and both pictures at every viewer (${placed.map(({ peer }) => received(peer).join('/')).join(', ')})`,
    });
  });

  it('sends no new viewer to a draining edge, and refuses one while no edge has room', async () => {
    const first = viewers[0]!;
    await first.watching.close();
    await first.peer.close();
    // edge-a has room again and carries the webinar: it would be next, but it drains now.
    await nodeRegistry.setState(store.db, 'edge-a', 'draining', audit);
    await (plane as unknown as { pool: NodePool }).pool.refresh();
    const next = await viewer();
    assert.equal(next.watching.node, 'edge-b');
    await assert.rejects(room.watch(), /ERR_MEDIA_UNAVAILABLE/);
    // The viewer still on the draining edge keeps watching.
    const staying = viewers[1]!.peer;
    const before = staying.video.received;
    await until(() => staying.video.received > before + 20, { timeoutMs: 10_000, intervalMs: 100, what: 'video on the draining edge' });
  });

  it('stops a publication’s forwarders before it ends: the origin keeps no socket of them', async () => {
    const originSockets = () => udpSocketsOf(janus.nodes[0]!.process.pid!);
    const baseline = originSockets();
    const ben = await room.join('Ben');
    closers.push(() => ben.close());
    await room.showOnBroadcast({ main: await publishClip(ben, 'camera', clip, closers), inset: null });
    // Ben stops his camera while it is shown; Janus 1.1.2 would leak each forwarder's RTCP socket if the camera went first.
    await ben.unpublish('camera');
    await room.showOnBroadcast(anna);
    await until(() => originSockets() === baseline, {
      timeoutMs: 10_000,
      intervalMs: 200,
      what: () => `the origin back at ${baseline} UDP sockets (has ${originSockets()})`,
    });
  });

  it('stops forwarding to an edge that died, and places new viewers on the edges left', async () => {
    const originSockets = () => udpSocketsOf(janus.nodes[0]!.process.pid!);
    const before = originSockets();
    const pool = (plane as unknown as { pool: NodePool }).pool;
    janus.nodes[2]!.process.kill('SIGKILL');
    await until(() => !pool.nodes('edge').some((p) => p.node.id === 'edge-b'), { timeoutMs: 10_000, what: 'edge-b seen gone' });
    await nodeRegistry.setState(store.db, 'edge-a', 'active', audit);
    await pool.refresh();
    const next = await viewer();
    assert.equal(next.watching.node, 'edge-a');
    // The video forwarders to edge-b (main picture and inset) each held an RTCP socket on the origin.
    await until(() => originSockets() <= before - 2, {
      timeoutMs: 10_000,
      intervalMs: 200,
      what: () => `the origin's forwarders to edge-b stopped (${before} UDP sockets before, ${originSockets()} now)`,
    });
  });
});

/** How many UDP sockets a process holds (ss). */
function udpSocketsOf(pid: number): number {
  return execFileSync('ss', ['-uanpH'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`)).length;
}

describe('a forwarder leg between nodes', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-srtp-'));
  let janus: Awaited<ReturnType<typeof startJanusNodes>>;
  let node: JanusNode;
  const sockets: Socket[] = [];

  before(async () => {
    janus = await startJanusNodes(['origin'], dataDir, loadConfig({ DATA_DIR: dataDir }).janus);
    const [origin] = janus.nodes;
    node = await JanusNode.connect({ url: origin!.apiUrl, adminUrl: origin!.adminUrl, adminSecret: janus.adminSecret });
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await node?.close();
    await janus?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function listener(): Promise<{ port: number; packets: Buffer[] }> {
    const socket = createSocket('udp4');
    sockets.push(socket);
    const packets: Buffer[] = [];
    socket.on('message', (packet) => packets.push(packet));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return { port: socket.address().port, packets };
  }

  const srtpWith = (crypto: Buffer) => {
    const [key, salt] = [crypto.subarray(0, 16), crypto.subarray(16)];
    return new SrtpSession({
      keys: { localMasterKey: key, localMasterSalt: salt, remoteMasterKey: key, remoteMasterSalt: salt },
      profile: ProtectionProfileAes128CmHmacSha1_80,
    });
  };

  it('carries SRTP that only the mountpoint’s key opens: a plain-RTP listener reads nothing', async () => {
    const rooms = await node.createRooms('srtp leg', { maxPublishers: 1 });
    const forwarders = new RoomForwarders(node, rooms, () => undefined);
    const audio = await listener();
    const crypto = randomBytes(30);
    // addTarget reads the forwarder back from Janus' list and throws unless it says srtp.
    await forwarders.addTarget({
      host: '127.0.0.1',
      srtpCrypto: crypto.toString('base64'),
      audioPort: audio.port,
      video: { main: { port: 9, rtcpPort: 9 }, inset: { port: 9, rtcpPort: 9 } },
    });
    await until(() => audio.packets.length >= 20, { timeoutMs: 10_000, intervalMs: 50, what: 'forwarded audio at the listener' });
    await forwarders.close();
    await node.destroyRooms(rooms);

    const right = srtpWith(crypto);
    const wrong = srtpWith(randomBytes(30));
    const packets = audio.packets.slice(0, 20);
    for (const packet of packets) assert.throws(() => wrong.decrypt(packet), /authenticate/, 'another key cannot open a packet');
    const opened = packets.map((packet) => right.decrypt(packet));
    // Opened with the key: the payload differs from what travelled (it was encrypted), and the 10-byte tag is gone.
    for (const [i, plain] of opened.entries()) {
      assert.equal(plain.length, packets[i]!.length - 10);
      assert.notDeepEqual(plain.subarray(12), packets[i]!.subarray(12, packets[i]!.length - 10));
    }
  });
});
