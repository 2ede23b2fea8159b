import { randomBytes, randomInt } from 'node:crypto';
import { broadcastMids, type BroadcastSlot } from '../shared/protocol/webinar.js';
import type { JanusNode, JanusRooms } from './janus-node.js';
import type { MountpointSnapshot } from './media-snapshot.js';

/**
 * A webinar's broadcast: attendees watch a Streaming mountpoint, which relays to every viewer
 * what RTP forwarders send it, so one presenter reaches many viewers without a subscriber per
 * viewer in the SFU.
 *
 *   AudioBridge mix ────────rtp_forward (opus)──▶ ┐
 *   VideoRoom publication ──rtp_forward (vp8)──▶ ├─▶ Streaming mountpoint ──▶ attendees
 *   VideoRoom publication ──rtp_forward (vp8)──▶ ┘      (helper threads)
 *
 * Two pictures: the main one (a screen share, or a camera when nobody shares) and an inset
 * (the camera of whoever presents beside a screen share). The browser composes them.
 *
 * Cascading: a source forwards to any number of RtpTargets; a mountpoint on another Janus node
 * (an edge) is just one more target, reached over SRTP (src/media/cascade.ts, docs/architecture.md).
 */

/** Where a broadcast's RTP goes: a Streaming mountpoint's ports on some Janus node, and its SRTP key. */
export interface RtpTarget {
  host: string;
  /** AES_CM_128_HMAC_SHA1_80 master key and salt (30 bytes, base64): the mountpoint takes nothing else. */
  srtpCrypto: string;
  audioPort: number;
  /** Each picture's port, and the port the mountpoint sends keyframe requests (PLI) from back to its forwarder. */
  video: Record<BroadcastSlot, { port: number; rtcpPort: number }>;
}

/** Which VideoRoom publication each picture shows, or none. */
export type BroadcastPictures = Record<BroadcastSlot, number | null>;

const slots: readonly BroadcastSlot[] = ['main', 'inset'];

/** Sends one sound and up to two chosen videos as RTP to any number of targets. */
export interface BroadcastSource {
  addTarget(target: RtpTarget): Promise<void>;
  /** Stops what goes to one target (an edge's mountpoint that is gone). */
  removeTarget(target: RtpTarget): Promise<void>;
  /** Stops forwarding a publication that is about to end (before its publisher leaves). */
  stopFeed(feed: number): Promise<void>;
  /** Re-points each picture to another VideoRoom publication, or to none. */
  show(pictures: BroadcastPictures): Promise<void>;
  /** Stops what a previous owner left forwarding from the same rooms; answers how many forwarders. */
  stopLeftovers(): Promise<number>;
  close(): Promise<void>;
}

/** Fixed payload types of the mountpoint; forwarders rewrite to them whatever the publisher negotiated. */
export const broadcastPayloadTypes = { opus: 111, vp8: 96 } as const;
/** Helper threads that relay to viewers, so the thread that reads the RTP never waits on them. */
const mountpointThreads = 2;
/** SRTP suite 80 (AES_CM_128_HMAC_SHA1_80) on every forwarder leg: whoever reaches a mountpoint's port cannot inject into the broadcast. */
const srtpSuite = 80;

interface VideoForwarder {
  feed: number;
  stream: number;
}

/** One entry of a `listforwarders` answer, as far as the app reads it. */
interface Forwarder {
  stream_id: number;
  srtp?: boolean;
}

interface TargetForwarders {
  target: RtpTarget;
  mix: number;
  video: Partial<Record<BroadcastSlot, VideoForwarder>>;
}

/** The room's own source: the AudioBridge mix and up to two VideoRoom publications' video. */
export class RoomForwarders implements BroadcastSource {
  private readonly targets: TargetForwarders[] = [];
  private readonly shown: BroadcastPictures = { main: null, inset: null };
  /** Changes run one after another: a switch must not overtake the one before it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly node: JanusNode,
    private readonly rooms: JanusRooms,
    /** The video mid of a live publication, as its publisher negotiated it. */
    private readonly videoMidOf: (feed: number) => string | undefined,
  ) {}

  addTarget(target: RtpTarget): Promise<void> {
    return this.serially(async () => {
      const answer = await this.node.request('audiobridge', {
        request: 'rtp_forward',
        room: this.rooms.audioRoom,
        secret: this.rooms.secret,
        host: target.host,
        port: target.audioPort,
        codec: 'opus',
        ptype: broadcastPayloadTypes.opus,
        always_on: true,
        srtp_suite: srtpSuite,
        srtp_crypto: target.srtpCrypto,
      });
      const entry: TargetForwarders = { target, mix: Number(answer.stream_id), video: {} };
      this.targets.push(entry);
      await this.expectSrtp('audiobridge', entry.mix, (data) => (data.rtp_forwarders ?? []) as Forwarder[]);
      for (const slot of slots) {
        const feed = this.shown[slot];
        if (feed !== null) entry.video[slot] = await this.forwardVideo(feed, slot, target);
      }
    });
  }

  show(pictures: BroadcastPictures): Promise<void> {
    return this.serially(async () => {
      for (const slot of slots) {
        const feed = pictures[slot];
        if (feed === this.shown[slot]) continue;
        // Recorded only once every target gets it, so a failed switch is tried again on the next call.
        this.shown[slot] = null;
        for (const entry of this.targets) {
          const previous = entry.video[slot];
          delete entry.video[slot];
          if (previous) await this.stopVideo(previous);
        }
        if (feed === null) continue;
        for (const entry of this.targets) entry.video[slot] = await this.forwardVideo(feed, slot, entry.target);
        this.shown[slot] = feed;
      }
    });
  }

  removeTarget(target: RtpTarget): Promise<void> {
    return this.serially(async () => {
      const at = this.targets.findIndex((entry) => entry.target === target);
      if (at >= 0) await this.stopTarget(this.targets.splice(at, 1)[0]);
    });
  }

  stopFeed(feed: number): Promise<void> {
    return this.serially(async () => {
      for (const slot of slots) {
        if (this.shown[slot] !== feed) continue;
        this.shown[slot] = null;
        for (const entry of this.targets) {
          const video = entry.video[slot];
          delete entry.video[slot];
          if (video) await this.stopVideo(video);
        }
      }
    });
  }

  close(): Promise<void> {
    return this.serially(async () => {
      for (const entry of this.targets.splice(0)) await this.stopTarget(entry);
    });
  }

  /**
   * Stops every forwarder the rooms hold that this source did not start: a previous owner's,
   * whose targets get forwarders of this source instead. Answers how many it stopped.
   */
  stopLeftovers(): Promise<number> {
    return this.serially(async () => {
      const ours = new Set(this.targets.flatMap((t) => [t.mix, ...Object.values(t.video).map((v) => v.stream)]));
      const { rooms } = this;
      const audio = await this.node.request('audiobridge', { request: 'listforwarders', room: rooms.audioRoom, secret: rooms.secret });
      const video = await this.node.request('videoroom', { request: 'listforwarders', room: rooms.videoRoom, secret: rooms.secret });
      const mixes = ((audio.rtp_forwarders ?? []) as Forwarder[]).filter((f) => !ours.has(f.stream_id));
      const videos = ((video.publishers ?? []) as { publisher_id: number; forwarders: Forwarder[] }[]).flatMap((p) =>
        p.forwarders.filter((f) => !ours.has(f.stream_id)).map((f) => ({ feed: p.publisher_id, stream: f.stream_id })),
      );
      for (const mix of mixes)
        await this.node.request('audiobridge', {
          request: 'stop_rtp_forward',
          room: rooms.audioRoom,
          secret: rooms.secret,
          stream_id: mix.stream_id,
        });
      for (const forwarder of videos) await this.stopVideo(forwarder);
      return mixes.length + videos.length;
    });
  }

  private async stopTarget(entry: TargetForwarders | undefined): Promise<void> {
    if (!entry) return;
    for (const video of Object.values(entry.video)) await this.stopVideo(video);
    await this.node
      .request('audiobridge', { request: 'stop_rtp_forward', room: this.rooms.audioRoom, secret: this.rooms.secret, stream_id: entry.mix })
      .catch(() => undefined);
  }

  /** Reads the forwarder back from Janus' list: SRTP is on (Janus 1.1.2 lists `srtp: true` only then). */
  private async expectSrtp(
    plugin: 'audiobridge' | 'videoroom',
    stream: number,
    forwardersOf: (data: Record<string, unknown>) => Forwarder[],
  ): Promise<void> {
    const room = plugin === 'audiobridge' ? this.rooms.audioRoom : this.rooms.videoRoom;
    const data = await this.node.request(plugin, { request: 'listforwarders', room, secret: this.rooms.secret });
    const forwarder = forwardersOf(data).find((f) => f.stream_id === stream);
    if (forwarder?.srtp !== true) throw new Error(`${plugin}: forwarder ${stream} runs without SRTP (${JSON.stringify(forwarder)})`);
  }

  /**
   * A new forwarder for the publication. Janus asks the publisher for a keyframe when a
   * forwarder starts, so viewers see the new picture at once. Each forwarder sends a new SSRC:
   * the mountpoint (collision check off) then re-bases sequence numbers and timestamps for its
   * viewers, who see one continuous stream.
   */
  private async forwardVideo(feed: number, slot: BroadcastSlot, target: RtpTarget): Promise<VideoForwarder> {
    const mid = this.videoMidOf(feed);
    if (mid === undefined) throw new Error('no such publication');
    const { port, rtcpPort } = target.video[slot];
    const answer = await this.node.request('videoroom', {
      request: 'rtp_forward',
      room: this.rooms.videoRoom,
      secret: this.rooms.secret,
      publisher_id: feed,
      host: target.host,
      srtp_suite: srtpSuite,
      srtp_crypto: target.srtpCrypto,
      streams: [{ mid, port, rtcp_port: rtcpPort, pt: broadcastPayloadTypes.vp8, ssrc: randomInt(1, 2 ** 32 - 1) }],
    });
    const forwarders = (answer.forwarders ?? []) as { stream_id: number; type: string }[];
    const stream = forwarders.find((f) => f.type === 'video')?.stream_id;
    if (stream === undefined) throw new Error('VideoRoom started no video forwarder');
    await this.expectSrtp('videoroom', stream, (data) =>
      ((data.publishers ?? []) as { publisher_id: number; forwarders: Forwarder[] }[]).flatMap((p) =>
        p.publisher_id === feed ? p.forwarders : [],
      ),
    );
    return { feed, stream };
  }

  private async stopVideo(video: VideoForwarder): Promise<void> {
    // The publication may be gone already (its publisher left): then so is its forwarder.
    await this.node
      .request('videoroom', {
        request: 'stop_rtp_forward',
        room: this.rooms.videoRoom,
        secret: this.rooms.secret,
        publisher_id: video.feed,
        stream_id: video.stream,
      })
      .catch(() => undefined);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** A Streaming `info` answer to the mountpoint's secret, as far as the app reads it (janus_streaming.c, 1.1.2). */
interface MountpointInfo {
  srtp?: boolean;
  threads?: number;
  collision?: number;
  media?: { mid: string; type: string; port?: number; rtcpport?: number; age_ms?: number }[];
}

/**
 * A private Streaming mountpoint on one node: opus audio and two VP8 videos (mids in
 * broadcastMids, so the browser tells the pictures apart), behind a secret and a
 * PIN only the app knows. Its RTP ports listen on one address only (loopback on the room's own
 * node; an edge's media address, where the origin's forwarders reach it) and accept only SRTP
 * with the mountpoint's own key.
 */
export class Mountpoint {
  private constructor(
    readonly node: JanusNode,
    readonly id: number,
    private readonly secret: string,
    readonly pin: string,
    readonly target: RtpTarget,
  ) {}

  static async create(node: JanusNode, description: string, host = '127.0.0.1'): Promise<Mountpoint> {
    const secret = randomBytes(24).toString('base64url');
    const pin = randomBytes(24).toString('base64url');
    const srtpCrypto = randomBytes(30).toString('base64');
    const answer = await node.request('streaming', {
      request: 'create',
      type: 'rtp',
      description,
      is_private: true,
      secret,
      pin,
      threads: mountpointThreads,
      // A switch of the video source comes with a new SSRC; take it at once instead of waiting.
      collision: 0,
      srtpsuite: srtpSuite,
      srtpcrypto: srtpCrypto,
      media: [
        { type: 'audio', mid: broadcastMids.audio, codec: 'opus', pt: broadcastPayloadTypes.opus, port: 0, iface: host },
        ...slots.map((slot) => ({
          type: 'video',
          mid: broadcastMids[slot],
          codec: 'vp8',
          pt: broadcastPayloadTypes.vp8,
          port: 0,
          rtcpport: 0,
          iface: host,
        })),
      ],
    });
    const stream = answer.stream as { id: number; ports: { mid: string; port: number; rtcp_port?: number }[] };
    const portsOf = (mid: string) => stream.ports.find((p) => p.mid === mid);
    const audio = portsOf(broadcastMids.audio);
    const main = portsOf(broadcastMids.main);
    const inset = portsOf(broadcastMids.inset);
    if (!audio || !main?.rtcp_port || !inset?.rtcp_port) throw new Error('the mountpoint has no ports');
    const mountpoint = new Mountpoint(node, stream.id, secret, pin, {
      host,
      srtpCrypto,
      audioPort: audio.port,
      video: { main: { port: main.port, rtcpPort: main.rtcp_port }, inset: { port: inset.port, rtcpPort: inset.rtcp_port } },
    });
    await mountpoint.verify().catch(async (error: unknown) => {
      await mountpoint.destroy();
      throw error;
    });
    return mountpoint;
  }

  /**
   * A mountpoint another owner opened (MediaSnapshot): taken over when Janus still holds it with
   * the ports the snapshot names, so forwarders sent there with the kept key reach its viewers.
   * Undefined when it is gone; one that differs is destroyed.
   */
  static async adopt(node: JanusNode, kept: MountpointSnapshot): Promise<Mountpoint | undefined> {
    const mountpoint = new Mountpoint(node, kept.id, kept.secret, kept.pin, kept.target);
    const held = await mountpoint.info().catch(() => undefined);
    if (!held) return undefined;
    return mountpoint.verify(held).then(
      () => mountpoint,
      async () => (await mountpoint.destroy(), undefined),
    );
  }

  /** What another owner needs to take the mountpoint over (`node`: the registry id of its Janus). */
  snapshot(node: string): MountpointSnapshot {
    return { node, id: this.id, secret: this.secret, pin: this.pin, target: this.target };
  }

  /** Milliseconds since the mountpoint last received RTP on each of its media (Janus' `age_ms`), by mid. */
  async ages(): Promise<Map<string, number>> {
    const { media = [] } = await this.info();
    return new Map(media.flatMap((m) => (typeof m.age_ms === 'number' ? [[m.mid, m.age_ms] as const] : [])));
  }

  private async info(): Promise<MountpointInfo> {
    const { info } = (await this.node.request('streaming', { request: 'info', id: this.id, secret: this.secret })) as {
      info?: MountpointInfo;
    };
    if (!info) throw new Error(`streaming: no info on mountpoint ${this.id}`);
    return info;
  }

  /**
   * Reads back what Janus holds: SRTP on, the helper threads, no collision wait (Janus lists
   * only one above 0), the sound and both pictures under the mids the browser goes by, each
   * on the port (and RTCP port) its forwarders are sent to.
   */
  private async verify(held?: MountpointInfo): Promise<void> {
    const info = held ?? (await this.info());
    const { audioPort, video } = this.target;
    const media = (info.media ?? []).map((m) => `${m.type}:${m.mid}:${m.port}/${m.rtcpport ?? '-'}`).join(',');
    const expected = [
      `audio:${broadcastMids.audio}:${audioPort}/-`,
      ...slots.map((slot) => `video:${broadcastMids[slot]}:${video[slot].port}/${video[slot].rtcpPort}`),
    ].join(',');
    if (info.srtp !== true || info.threads !== mountpointThreads || info.collision !== undefined || media !== expected) {
      throw new Error(
        `streaming: the mountpoint holds srtp=${String(info.srtp)} threads=${String(info.threads)} collision=${String(info.collision)} media=${media}`,
      );
    }
  }

  async destroy(): Promise<void> {
    await this.node.request('streaming', { request: 'destroy', id: this.id, secret: this.secret }).catch(() => undefined);
  }
}
