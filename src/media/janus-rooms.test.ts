// test tier: heavy (embedded Janus); not in npm run test:unit
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'janode';
import AudioBridge from 'janode/plugins/audiobridge';
import VideoRoom from 'janode/plugins/videoroom';
import { pino } from 'pino';
import { RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { JanusNode, pluginData, type JanusRooms } from './janus-node.js';
import { checkRequest } from './janus-requests.js';
import { ParticipantMedia } from './participant-media.js';
import { createJanusSupervisor, type JanusSupervisor } from './supervisor.js';

/** A werift peer that brings a VP8 publication's connection up and sends nothing: enough for Janus to count it. */
async function silentPublication(
  media: ParticipantMedia,
  closers: (() => Promise<unknown>)[],
): Promise<{ answer: string; live: Promise<boolean> }> {
  const pc = new RTCPeerConnection({
    codecs: { video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, payloadType: 96 })] },
  });
  closers.push(() => pc.close());
  pc.addTransceiver('video', { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  while (pc.iceGatheringState !== 'complete') await new Promise((r) => setTimeout(r, 20));
  const { answer, live } = await media.publish('camera', { type: 'offer', sdp: pc.localDescription!.sdp });
  await pc.setRemoteDescription(answer);
  return { answer: answer.sdp, live };
}

/** The local addresses UDP sockets listen on for this port (ss). */
function udpListeners(port: number): string[] {
  const locals = execFileSync('ss', ['-uanH'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[3] ?? '');
  return locals.filter((local) => local.endsWith(`:${port}`));
}

/** The addresses of the ICE candidates in an SDP. */
const offeredAddresses = (sdp: string) => [...sdp.matchAll(/^a=candidate:\S+ \d+ \S+ \d+ (\S+) \d+ typ/gm)].map((m) => m[1]);

/**
 * A suite's own embedded Janus, configured by `env`, and its connection. `stop` runs the suite's
 * closers (newest first), then ends Janus and removes its data dir, also after a failed start.
 */
function embeddedJanus(name: string, env: Record<string, string>) {
  const closers: (() => Promise<unknown>)[] = [];
  let dataDir: string | undefined;
  let supervisor: JanusSupervisor | undefined;
  let node: JanusNode | undefined;
  let iceAddress = '';
  return {
    closers,
    node: () => node!,
    iceAddress: () => iceAddress,
    async start() {
      dataDir = mkdtempSync(path.join(tmpdir(), `plenum-${name}-`));
      const config = loadConfig({ DATA_DIR: dataDir, ...env });
      iceAddress = config.janus.ice.interfaces;
      supervisor = createJanusSupervisor(config.janus, config.dataDir, pino({ level: 'silent' }));
      await supervisor.start();
      node = await JanusNode.connect(supervisor.endpoint()!);
    },
    async stop() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      await node?.close();
      await supervisor?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Rooms and their admission, asked of a real embedded Janus 1.1.2. */
describe('Janus rooms', () => {
  const janus = embeddedJanus('rooms', { JANUS_RTP_PORT_RANGE: '42000-42999' });
  const { closers } = janus;
  let node: JanusNode;

  before(async () => {
    await janus.start();
    node = janus.node();
  });
  after(() => janus.stop());

  async function openRooms(name: string, maxPublishers = 25): Promise<JanusRooms> {
    const rooms = await node.createRooms(name, { maxPublishers });
    closers.push(() => node.destroyRooms(rooms));
    return rooms;
  }

  /** A Janus connection carrying only `token`, as a participant's own connection does. */
  async function connectionOf(token: string): Promise<Connection> {
    const connection = await node.connectAs(token);
    closers.push(() => connection.close());
    return connection;
  }

  it('creates rooms whose settings Janus itself lists: 25 publishers, VP8 and Opus, 1 Mbit/s, private', async () => {
    const rooms = await openRooms('settings');
    const { list } = (await node.request('videoroom', { request: 'list' })) as { list: Record<string, unknown>[] };
    const video = list.find((r) => r.room === rooms.videoRoom);
    assert.deepEqual(
      {
        max_publishers: video?.max_publishers,
        videocodec: video?.videocodec,
        audiocodec: video?.audiocodec,
        bitrate: video?.bitrate,
        is_private: video?.is_private,
      },
      { max_publishers: 25, videocodec: 'vp8', audiocodec: 'opus', bitrate: 1_000_000, is_private: true },
    );
    const audio = ((await node.request('audiobridge', { request: 'list' })) as { list: Record<string, unknown>[] }).list.find(
      (r) => r.room === rooms.audioRoom,
    );
    assert.equal(audio?.sampling_rate, 48000);
  });

  it("refuses a token admitted to meeting A in meeting B's AudioBridge and VideoRoom, and lets it into A's", async () => {
    const [meetingA, meetingB] = [await openRooms('meeting A'), await openRooms('meeting B')];
    const token = await node.admit(meetingA);
    closers.push(() => node.revoke(meetingA, token));
    const session = await (await connectionOf(token)).create(25);
    const joinAudio = async (rooms: JanusRooms) => {
      const handle = await session.attach(AudioBridge);
      return pluginData(handle.message({ request: 'join', room: rooms.audioRoom, token, muted: true }));
    };
    const joinVideo = async (rooms: JanusRooms) => {
      const handle = await session.attach(VideoRoom);
      return pluginData(handle.message({ request: 'join', ptype: 'publisher', room: rooms.videoRoom, token }));
    };
    await assert.rejects(joinAudio(meetingB), /not in the allowed list/);
    await assert.rejects(joinVideo(meetingB), /not in the allowed list/);
    assert.equal((await joinAudio(meetingA)).audiobridge, 'joined');
    assert.equal((await joinVideo(meetingA)).videoroom, 'joined');
    // A token Janus admits to no room at all is refused as well, even by a room that admits others.
    const stranger = await node.issueToken(['janus.plugin.audiobridge']);
    const strangerSession = await (await connectionOf(stranger)).create(25);
    const handle = await strangerSession.attach(AudioBridge);
    await assert.rejects(
      pluginData(handle.message({ request: 'join', room: meetingA.audioRoom, token: stranger })),
      /not in the allowed list/,
    );
  });

  it('refuses the 26th publication of a room with ERR_ROOM_PUBLISHERS_FULL', async () => {
    const rooms = await openRooms('publishers');
    const participants = await Promise.all(
      Array.from({ length: 26 }, async (_, i) => {
        const media = await ParticipantMedia.open(node, rooms, `P${i}`);
        closers.push(() => media.close());
        return media;
      }),
    );
    const live = [];
    for (const media of participants.slice(0, 25)) live.push((await silentPublication(media, closers)).live);
    assert.deepEqual(await Promise.all(live), Array(25).fill(true), 'all 25 publications are live');
    await assert.rejects(
      silentPublication(participants[25]!, closers),
      (error) => error instanceof AppError && error.code === 'ERR_ROOM_PUBLISHERS_FULL' && error.params.max === 25,
    );
  });

  it('refuses to send a parameter Janus 1.1.2 does not read, instead of letting it vanish', async () => {
    // janode's name for the publisher limit; Janus' own is `publishers`.
    await assert.rejects(node.request('videoroom', { request: 'create', room: 1, max_publishers: 25 }), /reads no "max_publishers"/);
    assert.throws(
      () => checkRequest('streaming', { request: 'create', media: [{ type: 'audio', interface: '127.0.0.1' }] }),
      /reads no "media\[\]\.interface"/,
    );
    assert.doesNotThrow(() =>
      checkRequest('audiobridge', { request: 'rtp_forward', room: 1, host: '127.0.0.1', port: 5000, srtp_suite: 80, srtp_crypto: 'k' }),
    );
  });

  it('offers browsers ICE candidates on the configured media address only (by default the primary one, never loopback)', async () => {
    const rooms = await openRooms('ice');
    const media = await ParticipantMedia.open(node, rooms, 'Anna');
    closers.push(() => media.close());
    const { answer, live } = await silentPublication(media, closers);
    const addresses = offeredAddresses(answer);
    assert.ok(addresses.length > 0, 'Janus offers candidates');
    assert.deepEqual([...new Set(addresses)], [janus.iceAddress()]);
    assert.equal(await live, true, 'and media connects through it');
  });

  it("binds a phone caller's plain-RTP port to loopback, where the app's relay sends from", async () => {
    const rooms = await openRooms('plain rtp');
    const media = await ParticipantMedia.open(node, rooms, 'Caller');
    closers.push(() => media.close());
    const janus = await media.joinPlainRtp({ ip: '127.0.0.1', port: 9, codec: 'pcma', payloadType: 8 }, true);
    assert.equal(janus.ip, '127.0.0.1');
    assert.deepEqual(udpListeners(janus.port), [`127.0.0.1:${janus.port}`]);
  });
});

/** JANUS_NAT_1_1_MAPPING, read back from what Janus offers a browser. */
describe('Janus behind 1:1 NAT', () => {
  const publicAddress = '203.0.113.7';
  const janus = embeddedJanus('nat', { JANUS_RTP_PORT_RANGE: '43000-43199', JANUS_NAT_1_1_MAPPING: publicAddress });
  const { closers } = janus;
  let node: JanusNode;

  before(async () => {
    await janus.start();
    node = janus.node();
  });
  after(() => janus.stop());

  it('offers the public address in place of the private one, and nothing else', async () => {
    const rooms = await node.createRooms('nat', { maxPublishers: 3 });
    closers.push(() => node.destroyRooms(rooms));
    const media = await ParticipantMedia.open(node, rooms, 'Anna');
    closers.push(() => media.close());
    const { answer } = await silentPublication(media, closers);
    const addresses = offeredAddresses(answer);
    assert.ok(addresses.length > 0, 'Janus offers candidates');
    assert.deepEqual([...new Set(addresses)], [publicAddress]);
  });
});
