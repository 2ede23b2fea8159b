import { randomBytes, randomInt } from 'node:crypto';
import Janode, { type Connection, type Handle, type Session } from 'janode';
import AudioBridge, { type AudioBridgeHandle } from 'janode/plugins/audiobridge';
import Streaming, { type StreamingHandle } from 'janode/plugins/streaming';
import VideoRoom, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import { checkRequest, type ControlPlugin } from './janus-requests.js';
import type { JanusEndpoint } from './supervisor.js';

export type { ControlPlugin };

export interface RoomSettings {
  /** Publications (cameras and screens together) the VideoRoom carries at once. */
  maxPublishers: number;
}

/** The Janus rooms behind one Plenum room: an AudioBridge mix and a VideoRoom SFU. */
export interface JanusRooms extends RoomSettings {
  audioRoom: number;
  videoRoom: number;
  secret: string;
}

const audioRoomSettings = {
  sampling_rate: 48000,
  // Phone callers join the mix as plain-RTP participants.
  allow_rtp_participants: true,
  // Active speaker: Janus says "talking" once 50 packets (1 s) average louder than -40 dBov.
  audiolevel_event: true,
  audio_active_packets: 50,
  audio_level_average: 40,
};
const videoRoomSettings = { bitrate: 1_000_000, videocodec: 'vp8', audiocodec: 'opus', notify_joining: false };

/** An error Janus answered with: its numeric code (e.g. 432, a VideoRoom full of publishers) and its words. */
export class JanusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** A plugin's answer, or its error as a JanusError: janode rejects some errors and resolves others. */
export async function pluginData(response: Promise<unknown>): Promise<Record<string, unknown>> {
  const answer = (await response.catch((error: unknown) => {
    const code = (error as { _code?: unknown })._code;
    throw typeof code === 'number' ? new JanusError(code, (error as Error).message.replace(/^\d+ /, '')) : error;
  })) as { plugindata?: { data?: Record<string, unknown> } };
  const data = answer.plugindata?.data ?? {};
  if (data.error) throw new JanusError(Number(data.error_code), String(data.error));
  return data;
}

function expectSettings(what: string, actual: Record<string, unknown>, expected: Record<string, unknown>): void {
  const wrong = Object.entries(expected).filter(([key, value]) => actual[key] !== value);
  if (wrong.length)
    throw new Error(
      `${what}: Janus holds ${wrong.map(([key, value]) => `${key}=${JSON.stringify(actual[key])} (asked for ${JSON.stringify(value)})`).join(', ')}`,
    );
}

const participantPlugins = [AudioBridge.id, VideoRoom.id];
/** Webinar attendees only ever watch a Streaming mountpoint. */
export const viewerPlugins = [Streaming.id];
const controlPlugins = [...participantPlugins, ...viewerPlugins];

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
    void this.closed.then(() => (this.isClosed = true));
  }

  /** The control connection is gone: nothing new goes to this node. */
  isClosed = false;

  static async connect(endpoint: JanusEndpoint): Promise<JanusNode> {
    const admin = await Janode.connect({
      is_admin: true,
      address: { url: endpoint.adminUrl, apisecret: endpoint.adminSecret },
      max_retries: 1,
      retry_time_secs: 1,
    });
    const controlToken = randomBytes(24).toString('base64url');
    await admin.sendRequest({ janus: 'add_token', token: controlToken, plugins: controlPlugins });
    const control = await Janode.connect({ address: { url: endpoint.url, token: controlToken }, max_retries: 1, retry_time_secs: 1 });
    const session = await control.create(25);
    const audio = await session.attach(AudioBridge);
    const video = await session.attach(VideoRoom);
    const streaming = await session.attach(Streaming);
    return new JanusNode(endpoint, admin, control, session, audio, video, streaming);
  }

  /**
   * Private rooms behind a fresh secret, admitting only tokens added with `admit`, built with
   * Janus' own parameter names (janode's `create` drops `allowed`, `publishers` and the talking
   * settings). Janus is asked afterwards what it really holds; a difference throws.
   */
  async createRooms(description: string, settings: RoomSettings): Promise<JanusRooms> {
    const rooms: JanusRooms = {
      audioRoom: randomInt(1, 2 ** 47),
      videoRoom: randomInt(1, 2 ** 47),
      secret: randomBytes(24).toString('base64url'),
      ...settings,
    };
    // `allowed` at create is what switches Janus' token check on; an empty list admits nobody yet.
    const common = { description, is_private: true, secret: rooms.secret, allowed: [] };
    await this.request('audiobridge', { request: 'create', room: rooms.audioRoom, ...common, ...audioRoomSettings });
    try {
      await this.request('videoroom', {
        request: 'create',
        room: rooms.videoRoom,
        ...common,
        ...videoRoomSettings,
        publishers: settings.maxPublishers,
      });
      await this.verifyRooms(rooms);
    } catch (error) {
      await this.destroyRooms(rooms);
      throw error;
    }
    return rooms;
  }

  /**
   * Reads back what Janus holds for the rooms: the settings it lists to the admin key, and the
   * token check, which Janus lists nowhere, by a join with a token the rooms never admitted.
   */
  private async verifyRooms(rooms: JanusRooms): Promise<void> {
    const video = await this.listed('videoroom', rooms.videoRoom);
    expectSettings('VideoRoom', video, {
      is_private: true,
      max_publishers: rooms.maxPublishers,
      bitrate: videoRoomSettings.bitrate,
      videocodec: videoRoomSettings.videocodec,
      audiocodec: videoRoomSettings.audiocodec,
      notify_joining: false,
    });
    const audio = await this.listed('audiobridge', rooms.audioRoom);
    expectSettings('AudioBridge', audio, { sampling_rate: audioRoomSettings.sampling_rate, record: false });
    const stranger = randomBytes(24).toString('base64url');
    // Janus checks plain RTP before the token: this answer also proves plain-RTP participants are allowed.
    await this.expectRefused('audiobridge', {
      request: 'join',
      room: rooms.audioRoom,
      token: stranger,
      codec: 'pcma',
      rtp: { ip: '127.0.0.1', port: 9, payload_type: 8 },
    });
    await this.expectRefused('videoroom', { request: 'join', ptype: 'publisher', room: rooms.videoRoom, token: stranger });
  }

  private async listed(plugin: 'audiobridge' | 'videoroom', room: number): Promise<Record<string, unknown>> {
    const { list } = (await this.request(plugin, { request: 'list' })) as { list?: Record<string, unknown>[] };
    const entry = list?.find((r) => r.room === room);
    if (!entry) throw new Error(`${plugin}: room ${room} is not listed after create`);
    return entry;
  }

  /** Sends a join on a handle of its own, so that a join Janus wrongly admits leaves with it. */
  private async expectRefused(plugin: 'audiobridge' | 'videoroom', body: Record<string, unknown>): Promise<void> {
    checkRequest(plugin, body);
    const probe: Handle = plugin === 'audiobridge' ? await this.session.attach(AudioBridge) : await this.session.attach(VideoRoom);
    try {
      const outcome = await pluginData(probe.message(body)).then(
        () => 'admitted',
        (error: unknown) => (error instanceof JanusError ? error.message : String(error)),
      );
      if (!/not in the allowed list/.test(outcome))
        throw new Error(`${plugin}: a token the room never admitted got "${outcome}" instead of a refusal`);
    } finally {
      await probe.detach().catch(() => undefined);
    }
  }

  /** Whether Janus still holds both rooms, as created (a previous owner's, kept in a MediaSnapshot). */
  async holdsRooms(rooms: JanusRooms): Promise<boolean> {
    try {
      const video = await this.listed('videoroom', rooms.videoRoom);
      await this.listed('audiobridge', rooms.audioRoom);
      return video.max_publishers === rooms.maxPublishers;
    } catch {
      return false;
    }
  }

  async destroyRooms(rooms: JanusRooms): Promise<void> {
    await Promise.allSettled([
      this.request('audiobridge', { request: 'destroy', room: rooms.audioRoom, secret: rooms.secret }),
      this.request('videoroom', { request: 'destroy', room: rooms.videoRoom, secret: rooms.secret }),
    ]);
  }

  /** Issues a Janus token for one participant and lets it into exactly these rooms. */
  async admit(rooms: JanusRooms): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.admin.sendRequest({ janus: 'add_token', token, plugins: participantPlugins });
    await this.request('audiobridge', { request: 'allowed', room: rooms.audioRoom, secret: rooms.secret, action: 'add', allowed: [token] });
    await this.request('videoroom', { request: 'allowed', room: rooms.videoRoom, secret: rooms.secret, action: 'add', allowed: [token] });
    return token;
  }

  async revoke(rooms: JanusRooms, token: string): Promise<void> {
    await Promise.allSettled([
      this.request('audiobridge', { request: 'allowed', room: rooms.audioRoom, secret: rooms.secret, action: 'remove', allowed: [token] }),
      this.request('videoroom', { request: 'allowed', room: rooms.videoRoom, secret: rooms.secret, action: 'remove', allowed: [token] }),
      this.admin.sendRequest({ janus: 'remove_token', token }),
    ]);
  }

  /**
   * A request of the app's own to a plugin (rooms, forwarders, mountpoints), in Janus' own
   * names, each of which Janus 1.1.2 reads; answers with the plugin's data, rejects on its error.
   */
  async request(plugin: ControlPlugin, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const handle = { audiobridge: this.audio, videoroom: this.video, streaming: this.streaming }[plugin];
    const request = { ...body, admin_key: this.endpoint.adminSecret };
    checkRequest(plugin, request);
    return pluginData(handle.message(request)).catch((error: unknown) => {
      if (error instanceof JanusError) throw new JanusError(error.code, `${plugin}: ${error.message}`);
      throw error;
    });
  }

  /**
   * The files Janus writes for one VideoRoom publisher now, by name without folder: what the
   * admin API's `handle_info` lists as each stream's `recording` (janus_videoroom.c, query_session).
   */
  async recordingFiles(sessionId: number, handleId: number): Promise<string[]> {
    const answer = (await this.admin.sendRequest({ janus: 'handle_info', session_id: sessionId, handle_id: handleId })) as {
      info?: { plugin_specific?: { streams?: { recording?: string }[] } };
    };
    return (answer.info?.plugin_specific?.streams ?? []).flatMap((stream) => (stream.recording ? [stream.recording] : []));
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
