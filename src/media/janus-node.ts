import { randomBytes, randomInt } from 'node:crypto';
import Janode, { type Connection, type Session } from 'janode';
import AudioBridge, { type AudioBridgeHandle } from 'janode/plugins/audiobridge';
import Streaming, { type StreamingHandle } from 'janode/plugins/streaming';
import VideoRoom, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { JanusEndpoint } from './supervisor.js';

/** The Janus rooms behind one Plenum room: an AudioBridge mix and a VideoRoom SFU. */
export interface JanusRooms {
  audioRoom: number;
  videoRoom: number;
  secret: string;
}

const participantPlugins = [AudioBridge.id, VideoRoom.id];
/** Webinar attendees only ever watch a Streaming mountpoint. */
export const viewerPlugins = [Streaming.id];
const controlPlugins = [...participantPlugins, ...viewerPlugins];
export type ControlPlugin = 'audiobridge' | 'videoroom' | 'streaming';

/**
 * The app's control link to one Janus node: an admin connection (tokens) and a control
 * session (rooms), both authenticated with secrets only the app knows.
 */
export class JanusNode {
  /** Resolves when the control connection to this Janus is gone (Janus died, or the network). */
  readonly closed: Promise<void>;

  private constructor(
    readonly endpoint: JanusEndpoint,
    private readonly admin: Connection,
    private readonly control: Connection,
    private readonly session: Session,
    private readonly audio: AudioBridgeHandle,
    private readonly video: VideoRoomHandle,
    private readonly streaming: StreamingHandle,
  ) {
    // janode says CONNECTION_CLOSED when we close it and CONNECTION_ERROR when it is lost.
    this.closed = new Promise((resolve) => {
      control.once(Janode.EVENT.CONNECTION_CLOSED!, () => resolve());
      control.once(Janode.EVENT.CONNECTION_ERROR!, () => resolve());
    });
  }

  static async connect(endpoint: JanusEndpoint): Promise<JanusNode> {
    const admin = await Janode.connect({ is_admin: true, address: { url: endpoint.adminUrl, apisecret: endpoint.adminSecret }, max_retries: 1, retry_time_secs: 1 });
    const controlToken = randomBytes(24).toString('base64url');
    await admin.sendRequest({ janus: 'add_token', token: controlToken, plugins: controlPlugins });
    const control = await Janode.connect({ address: { url: endpoint.url, token: controlToken }, max_retries: 1, retry_time_secs: 1 });
    const session = await control.create(25);
    const audio = await session.attach(AudioBridge);
    const video = await session.attach(VideoRoom);
    const streaming = await session.attach(Streaming);
    return new JanusNode(endpoint, admin, control, session, audio, video, streaming);
  }

  /** Private rooms behind a fresh secret, admitting only tokens added with `admit`. */
  async createRooms(description: string): Promise<JanusRooms> {
    const secret = randomBytes(24).toString('base64url');
    const common = { description, is_private: true, secret, admin_key: this.endpoint.adminSecret, allowed: [] };
    const audio = await this.audio.create({ ...common, room: randomInt(1, 2 ** 47), sampling_rate: 48000, allow_rtp: true, audiolevel_event: true, audio_active_packets: 50, audio_level_average: 40 });
    const video = await this.video.create({ ...common, room: randomInt(1, 2 ** 47), publishers: 50, bitrate: 1_000_000, videocodec: 'vp8', audiocodec: 'opus', notify_joining: false });
    return { audioRoom: audio.room, videoRoom: video.room, secret };
  }

  async destroyRooms(rooms: JanusRooms): Promise<void> {
    await Promise.allSettled([
      this.audio.destroy({ room: rooms.audioRoom, secret: rooms.secret }),
      this.video.destroy({ room: rooms.videoRoom, secret: rooms.secret }),
    ]);
  }

  /** Issues a Janus token for one participant and lets it into exactly these rooms. */
  async admit(rooms: JanusRooms): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.admin.sendRequest({ janus: 'add_token', token, plugins: participantPlugins });
    await this.audio.message({ request: 'allowed', room: rooms.audioRoom, secret: rooms.secret, action: 'add', allowed: [token] });
    await this.video.message({ request: 'allowed', room: rooms.videoRoom, secret: rooms.secret, action: 'add', allowed: [token] });
    return token;
  }

  async revoke(rooms: JanusRooms, token: string): Promise<void> {
    await Promise.allSettled([
      this.audio.message({ request: 'allowed', room: rooms.audioRoom, secret: rooms.secret, action: 'remove', allowed: [token] }),
      this.video.message({ request: 'allowed', room: rooms.videoRoom, secret: rooms.secret, action: 'remove', allowed: [token] }),
      this.admin.sendRequest({ janus: 'remove_token', token }),
    ]);
  }

  /** A request of the app's own to a plugin (forwarders, mountpoints); answers with the plugin's data, rejects on its error. */
  async request(plugin: ControlPlugin, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const handle = { audiobridge: this.audio, videoroom: this.video, streaming: this.streaming }[plugin];
    const response = (await handle.message({ ...body, admin_key: this.endpoint.adminSecret })) as { plugindata?: { data?: Record<string, unknown> } };
    const data = response.plugindata?.data ?? {};
    if (data.error) throw new Error(`${plugin}: ${String(data.error)}`);
    return data;
  }

  /** A Janus token for one participant's connection that opens only these plugins. */
  async issueToken(plugins: readonly string[]): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.admin.sendRequest({ janus: 'add_token', token, plugins });
    return token;
  }

  async revokeToken(token: string): Promise<void> {
    await this.admin.sendRequest({ janus: 'remove_token', token }).catch(() => undefined);
  }

  /** A connection to Janus of one participant's own, carrying only that participant's token. */
  connectAs(token: string): Promise<Connection> {
    return Janode.connect({ address: { url: this.endpoint.url, token }, max_retries: 1, retry_time_secs: 1 });
  }

  async close(): Promise<void> {
    await this.session.destroy().catch(() => undefined);
    await Promise.allSettled([this.control.close(), this.admin.close()]);
  }
}
