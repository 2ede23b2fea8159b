// test tier: heavy (embedded Janus); not in npm run test:unit
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Janode from 'janode';
import VideoRoom from 'janode/plugins/videoroom';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { broadcastMids } from '../shared/protocol/webinar.js';
import { CountingViewer, preEncodedClip, publishClip } from '../testing/werift-peers.js';
import { Mountpoint, RoomForwarders } from './broadcast.js';
import { BroadcastViewer } from './broadcast-viewer.js';
import type { JanusNode } from './janus-node.js';
import { createMediaPlane, type MediaPlane, type MediaRoom } from './media-plane.js';
import type { ParticipantMedia, PublishKind } from './participant-media.js';
import { until } from '../testing/until.js';

/** A webinar broadcast through a real embedded Janus, with werift peers as presenters and viewers. */
describe('webinar broadcast', () => {
  let dataDir: string;
  let plane: MediaPlane;
  let room: MediaRoom;
  let clip: string;
  let annaFeed: number;
  const closers: (() => Promise<unknown>)[] = [];

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-broadcast-'));
    const config = loadConfig({ DATA_DIR: dataDir, JANUS_MODE: 'embedded', JANUS_RTP_PORT_RANGE: '44000-44999' });
    plane = createMediaPlane(config, pino({ level: 'silent' }));
    plane.start();
    await until(() => plane.status().status === 'ok', { timeoutMs: 20_000, intervalMs: 100, what: 'Janus up' });
    room = await plane.openRoom('broadcast test', { broadcast: true });
    clip = await preEncodedClip(path.join(dataDir, 'clip.webm'), 500, 6);
  });

  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await room?.close();
    await plane?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function presenter(name: string): Promise<{ media: ParticipantMedia; feed: number }> {
    const media = await room.join(name);
    closers.push(() => media.close());
    return { media, feed: await publish(media, 'camera') };
  }

  const publish = (media: ParticipantMedia, kind: PublishKind) => publishClip(media, kind, clip, closers);

  async function viewer(): Promise<CountingViewer> {
    const watching = await room.watch();
    const peer = new CountingViewer();
    closers.push(
      () => peer.close(),
      () => watching.close(),
    );
    const answer = await peer.answer(await watching.watch());
    await watching.start(answer);
    return peer;
  }

  it('relays the shown presenter’s video and the audio mix to every viewer', async () => {
    const anna = await presenter('Anna');
    annaFeed = anna.feed;
    await room.showOnBroadcast({ main: anna.feed, inset: null });
    const viewers = [await viewer(), await viewer()];
    await until(() => viewers.every((v) => v.video.received > 50 && v.audio.received > 50), {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'video and audio at both viewers',
    });
  });

  it('switches the video to another presenter, and viewers keep receiving one stream', async () => {
    const ben = await presenter('Ben');
    const [first] = [await viewer()];
    await until(() => first!.video.received > 20, { timeoutMs: 10_000, intervalMs: 100, what: 'video before the switch' });
    await room.showOnBroadcast({ main: ben.feed, inset: null });
    const before = first!.video.received;
    await until(() => first!.video.received > before + 50, { timeoutMs: 10_000, intervalMs: 100, what: 'video after the switch' });
    // The mountpoint re-bases the new source onto the running sequence: no jump the viewer would count as loss.
    assert.ok(
      first!.video.expected - first!.video.received < 20,
      `no gap at the switch (${first!.video.expected} expected, ${first!.video.received} received)`,
    );
  });

  it('carries a screen share and a camera as two pictures to every viewer, and drops the inset again', async () => {
    const carla = await presenter('Carla');
    const screen = await publish(carla.media, 'screen');
    await room.showOnBroadcast({ main: screen, inset: carla.feed });
    const peer = await viewer();
    const received = (mid: string) => peer.byMid.get(mid)?.received ?? 0;
    await until(() => [broadcastMids.main, broadcastMids.inset, broadcastMids.audio].every((mid) => received(mid) > 50), {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'the main picture, the inset and the sound at the viewer',
    });
    // The screen share ends: the camera becomes the main picture and nothing more comes as the inset.
    await room.showOnBroadcast({ main: carla.feed, inset: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const insetAfter = received(broadcastMids.inset);
    const mainAfter = received(broadcastMids.main);
    await until(() => received(broadcastMids.main) > mainAfter + 50, {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'the main picture goes on',
    });
    assert.equal(received(broadcastMids.inset), insetAfter, 'no inset packets once the inset is off');
  });

  it('refuses a switch to an unknown publication and switches afterwards all the same', async () => {
    const peer = await viewer();
    await assert.rejects(room.showOnBroadcast({ main: 123_456, inset: null }), /no such publication/);
    await room.showOnBroadcast({ main: annaFeed, inset: null });
    await until(() => peer.video.received > 50, { timeoutMs: 10_000, intervalMs: 100, what: 'video after the failed switch' });
  });

  it('gives viewers a token that opens nothing but the Streaming plugin', async () => {
    const watching = await room.watch();
    closers.push(() => watching.close());
    // The token is the viewer's secret; reading it here stands for a browser that learnt it somehow.
    const token = (watching as unknown as { token: string }).token;
    const wsPort = /ws_port = (\d+)/.exec(readFileSync(path.join(dataDir, 'janus', 'janus.transport.websockets.jcfg'), 'utf8'))?.[1];
    const connection = await Janode.connect({ address: { url: `ws://127.0.0.1:${wsPort}`, token }, max_retries: 1 });
    closers.push(() => connection.close());
    const session = await connection.create(25);
    await assert.rejects(session.attach(VideoRoom), /can't access plugin/);
  });

  it('listens for forwarded RTP on loopback only and takes only SRTP with its key: nobody injects into the broadcast', async () => {
    const node = (plane as unknown as { node: JanusNode }).node;
    const mountpoint = await Mountpoint.create(node, 'injection test');
    closers.push(() => mountpoint.destroy());
    const { audioPort } = mountpoint.target;
    const videoPorts = [mountpoint.target.video.main.port, mountpoint.target.video.inset.port];
    const listening = execFileSync('ss', ['-uanH'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[3] ?? '')
      .filter((local) => [audioPort, ...videoPorts].some((port) => local.endsWith(`:${port}`)));
    assert.deepEqual(
      listening.sort(),
      [audioPort, ...videoPorts].map((port) => `127.0.0.1:${port}`).sort(),
      'bound to loopback, not to every interface',
    );

    const watching = await BroadcastViewer.open({ node: 'local', mountpoint, release: () => undefined });
    const peer = new CountingViewer();
    closers.push(
      () => peer.close(),
      () => watching.close(),
    );
    await watching.start(await peer.answer(await watching.watch()));
    // Plain RTP (opus, the mountpoint's payload type) over loopback, and at this machine's own non-loopback address.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    const injector = createSocket('udp4');
    closers.push(async () => injector.close());
    await new Promise<void>((resolve) => injector.bind(0, external ?? '127.0.0.1', resolve));
    for (let i = 0; i < 50; i++) {
      const packet = Buffer.alloc(12 + 20, 0xf8);
      packet.writeUInt8(0x80, 0);
      packet.writeUInt8(111, 1);
      packet.writeUInt16BE(i, 2);
      packet.writeUInt32BE(i * 960, 4);
      packet.writeUInt32BE(0x1234, 8);
      injector.send(packet, audioPort, '127.0.0.1');
      if (external) injector.send(packet, audioPort, external);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(peer.audio.received, 0, 'nothing injected reaches the viewer');
    // The same viewer gets the room's SRTP forwarder: it was able to receive all along.
    const rooms = await node.createRooms('injection test', { maxPublishers: 1 });
    closers.push(() => node.destroyRooms(rooms));
    const forwarders = new RoomForwarders(node, rooms, () => undefined);
    closers.push(() => forwarders.close());
    await forwarders.addTarget(mountpoint.target);
    await until(() => peer.audio.received > 20, { timeoutMs: 10_000, intervalMs: 100, what: 'the SRTP forwarder reaches the viewer' });
  });
});
