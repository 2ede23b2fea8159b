import { EventEmitter } from 'node:events';
import path from 'node:path';
import Janode, { type Connection, type Handle, type Jsep, type Session } from 'janode';
import AudioBridge, { type AudioBridgeHandle } from 'janode/plugins/audiobridge';
import VideoRoom, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import { AppError } from '../errors.js';
import type { JanusNode, JanusRooms } from './janus-node.js';
import { Publications } from './publications.js';

export type PublishKind = 'camera' | 'screen';

/** How long a browser has to bring a publication's connection up. */
const publishTimeoutMs = 20_000;
/** JANUS_VIDEOROOM_ERROR_PUBLISHERS_FULL: the room carries as many publications as it may. */
const publishersFull = 432;
/** Where a plain-RTP participant's audio goes to, or comes from. */
export interface PlainRtpAddress {
  ip: string;
  port: number;
}
/** Which peer connection of the browser a message is about: the audio mix, a publisher, or the videos it receives. */
export type PeerConnectionId = 'audio' | PublishKind | 'videos';

/** A video to receive, named by the caller (`key`), and the publication (feed) it comes from. */
export interface ShownVideo {
  key: string;
  feed: number;
}
export type { Jsep };

interface Publication {
  handle: VideoRoomHandle;
  feed?: number;
  live: boolean;
}

export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

/**
 * One participant's media in Janus, driven by the app on the participant's behalf: the
 * browser never speaks the Janus API, it only exchanges SDP and ICE candidates with the app.
 * Everything runs on a Janus connection that carries this participant's own token.
 *
 * Emits 'talking' (boolean) from the audio mix.
 */
export class ParticipantMedia extends EventEmitter {
  private audio?: AudioBridgeHandle;
  /** Each publication's handle, its feed once Janus answered, and whether its connection is up (media flows). */
  private readonly publishers = new Map<PublishKind, Publication>();
  /**
   * Everything the participant receives of others' videos: one VideoRoom subscriber (multistream),
   * one m-line per video, by caller's key. Janus offers each change, the browser answers.
   */
  private videos?: { handle: VideoRoomHandle; shown: Map<string, { feed: number; mid: string }> };

  private constructor(
    private readonly node: JanusNode,
    private readonly connection: Connection,
    private readonly session: Session,
    private readonly rooms: JanusRooms,
    private readonly token: string,
    private readonly display: string,
    /** The room's live publications (a broadcast forwards a publication by its video mid). */
    private readonly publications: Publications,
    private readonly released: () => void,
  ) {
    super();
  }

  /** Issues the participant's token, admits it to the rooms and opens the participant's own connection. */
  static async open(
    node: JanusNode,
    rooms: JanusRooms,
    display: string,
    publications = new Publications(),
    /** Called once when the participant's media is closed (the node's load count). */
    released: () => void = () => undefined,
  ): Promise<ParticipantMedia> {
    const token = await node.admit(rooms);
    try {
      const connection = await node.connectAs(token);
      const session = await connection.create(25);
      return new ParticipantMedia(node, connection, session, rooms, token, display, publications, released);
    } catch (error) {
      await node.revoke(rooms, token);
      throw error;
    }
  }

  /** Joins the audio mix (muted) with the browser's offer and returns Janus' answer. */
  async joinAudio(offer: Jsep, muted: boolean): Promise<Jsep> {
    const handle = await this.session.attach(AudioBridge);
    this.audio = handle;
    // Janus tells every participant who talks; each participant's own event is enough for the room.
    handle.on(AudioBridge.EVENT.AUDIOBRIDGE_TALKING!, (event: { talking: boolean }) => this.emit('talking', event.talking));
    await handle.join({ room: this.rooms.audioRoom, display: this.display, muted, token: this.token });
    const { jsep } = await handle.configure({ muted, jsep: offer });
    if (!jsep) throw new Error('AudioBridge gave no answer');
    return jsep;
  }

  /**
   * Joins the audio mix as a plain-RTP participant (a phone caller, G.711): Janus sends the
   * participant's mix to `rtp` and answers where it receives the participant's audio.
   */
  async joinPlainRtp(rtp: PlainRtpAddress & { codec: 'pcma' | 'pcmu'; payloadType: number }, muted: boolean): Promise<PlainRtpAddress> {
    const handle = await this.session.attach(AudioBridge);
    this.audio = handle;
    handle.on(AudioBridge.EVENT.AUDIOBRIDGE_TALKING!, (event: { talking: boolean }) => this.emit('talking', event.talking));
    const joined = await handle.join({
      room: this.rooms.audioRoom,
      display: this.display,
      muted,
      token: this.token,
      codec: rtp.codec,
      rtp_participant: { ip: rtp.ip, port: rtp.port, payload_type: rtp.payloadType },
    });
    const janus = joined.rtp_participant;
    if (!janus?.ip || !janus.port) throw new Error('AudioBridge gave no RTP address');
    return { ip: janus.ip, port: janus.port };
  }

  async setMuted(muted: boolean): Promise<void> {
    await this.audio?.configure({ muted });
  }

  /**
   * Publishes a camera or screen track into the SFU; returns the answer, the feed id, and
   * `live`, which resolves once media flows: Janus refuses subscriptions to a feed before that.
   */
  async publish(kind: PublishKind, offer: Jsep): Promise<{ answer: Jsep; feed: number; live: Promise<boolean> }> {
    await this.unpublish(kind);
    const handle = await this.session.attach(VideoRoom);
    const publisher: Publication = { handle, live: false };
    this.publishers.set(kind, publisher);
    const live = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), publishTimeoutMs);
      handle.once(Janode.EVENT.HANDLE_WEBRTCUP!, () => {
        clearTimeout(timer);
        publisher.live = true;
        resolve(this.publishers.get(kind) === publisher);
      });
    });
    const joined = await handle
      .joinConfigurePublisher({ room: this.rooms.videoRoom, display: `${kind}`, token: this.token, audio: false, video: true, jsep: offer })
      .catch(async (error: unknown) => {
        await this.unpublish(kind);
        throw (error as { _code?: unknown })._code === publishersFull
          ? new AppError('ERR_ROOM_PUBLISHERS_FULL', { max: this.rooms.maxPublishers })
          : error;
      });
    if (!joined.jsep) throw new Error('VideoRoom gave no answer');
    publisher.feed = joined.feed;
    this.publications.set(joined.feed, /^a=mid:(\S+)/m.exec(joined.jsep.sdp)?.[1] ?? '0');
    return { answer: joined.jsep, feed: joined.feed, live };
  }

  async unpublish(kind: PublishKind): Promise<void> {
    const publisher = this.publishers.get(kind);
    if (!publisher) return;
    this.publishers.delete(kind);
    if (publisher.feed !== undefined) await this.publications.end(publisher.feed);
    await publisher.handle.detach().catch(() => undefined);
  }

  /**
   * Receives exactly these videos from now on: new ones are subscribed, the others unsubscribed,
   * in one renegotiation on the same connection. Answers Janus' offer (when anything changed)
   * and which m-line (mid) carries which video. A publication that ended since is simply left out.
   */
  async showVideos(wanted: readonly ShownVideo[]): Promise<{ offer?: Jsep; shown: { key: string; mid: string }[] }> {
    const feeds = new Map(wanted.map(({ key, feed }) => [feed, key]));
    if (!this.videos) {
      if (wanted.length === 0) return { shown: [] };
      const handle = await this.session.attach(VideoRoom);
      this.videos = { handle, shown: new Map() };
      // autoupdate off: when a publication ends Janus waits for our next update instead of sending an offer nobody asked for.
      const joined = await handle.joinSubscriber({
        room: this.rooms.videoRoom,
        streams: [...feeds.keys()].map((feed) => ({ feed })),
        autoupdate: false,
        token: this.token,
      });
      if (!joined.jsep) throw new Error('VideoRoom gave no offer');
      return { offer: joined.jsep, shown: this.takeStreams(joined.streams, feeds) };
    }
    const { handle, shown } = this.videos;
    const unsubscribe = [...shown].filter(([key, { feed }]) => feeds.get(feed) !== key).map(([, { mid }]) => ({ sub_mid: mid }));
    const subscribe = wanted.filter(({ key, feed }) => shown.get(key)?.feed !== feed).map(({ feed }) => ({ feed }));
    if (unsubscribe.length === 0 && subscribe.length === 0) return { shown: this.shownList() };
    const updated = await handle.update({ ...(subscribe.length ? { subscribe } : {}), ...(unsubscribe.length ? { unsubscribe } : {}) });
    return { offer: updated.jsep, shown: updated.streams ? this.takeStreams(updated.streams, feeds) : this.shownList() };
  }

  /** The browser's answer to the last offer of `showVideos`. */
  async answerVideos(answer: Jsep): Promise<void> {
    if (!this.videos) throw new Error('no videos offered');
    await this.videos.handle.start({ jsep: answer });
  }

  /** Which of Janus' subscriber streams carries which wanted video (inactive m-lines carry none). */
  private takeStreams(
    streams: { mid: string; feed_id?: number; active?: boolean }[] | undefined,
    feeds: Map<number, string>,
  ): { key: string; mid: string }[] {
    const shown = this.videos!.shown;
    shown.clear();
    for (const stream of streams ?? []) {
      const key = stream.feed_id === undefined ? undefined : feeds.get(stream.feed_id);
      if (key && stream.active !== false) shown.set(key, { feed: stream.feed_id!, mid: stream.mid });
    }
    return this.shownList();
  }

  private shownList(): { key: string; mid: string }[] {
    return [...(this.videos?.shown ?? [])].map(([key, { mid }]) => ({ key, mid }));
  }

  async trickle(pc: PeerConnectionId, candidate: IceCandidate | null): Promise<void> {
    const handle = this.handleFor(pc);
    if (!handle) return;
    await (candidate ? handle.trickle(candidate) : handle.trickleComplete());
  }

  /**
   * Recording of this participant's own voice only (never the mix): Janus writes it to
   * `<file>-audio.mjr` (`file`: absolute path without extension) until called with null.
   * Answers false when the participant has no audio in the room.
   */
  async setAudioRecording(file: string | null): Promise<boolean> {
    if (!this.audio) return false;
    await this.audio.configure(file ? { record: true, filename: file } : { record: false });
    return true;
  }

  /** The feed of this participant's publication of `kind` once its media flows; undefined before, and without one. */
  livePublication(kind: PublishKind): number | undefined {
    const publisher = this.publishers.get(kind);
    return publisher?.live ? publisher.feed : undefined;
  }

  /**
   * Recording of one of this participant's own publications (camera or screen) into `<file>-video-0.mjr`,
   * until null. Answers false when the publication is not live: recording starts when it is.
   * Janus 1.1.2 acts on `configure {record, filename}` only when `record` changes (janus_videoroom.c):
   * asked for a new file while it records, it keeps writing the old one and still answers "ok". So a
   * new file starts with recording off and on again, and Janus is asked which file it writes; any
   * other file, or none, throws.
   */
  async setPublicationRecording(kind: PublishKind, file: string | null): Promise<boolean> {
    const publisher = this.publishers.get(kind);
    if (!file) {
      if (!publisher) return false;
      await publisher.handle.configure({ record: false });
      return true;
    }
    if (!publisher?.live) return false;
    await publisher.handle.configure({ record: false });
    await publisher.handle.configure({ record: true, filename: file });
    const expected = `${path.basename(file)}-video-0.mjr`;
    const written = await this.node.recordingFiles(this.session.id, publisher.handle.id);
    if (!written.includes(expected)) throw new Error(`Janus writes ${written.join(', ') || 'nothing'} instead of ${expected}`);
    return true;
  }

  private handleFor(pc: PeerConnectionId): Handle | undefined {
    if (pc === 'audio') return this.audio;
    if (pc === 'camera' || pc === 'screen') return this.publishers.get(pc)?.handle;
    return this.videos?.handle;
  }

  /** Leaves everything, closes the participant's own connection and revokes its token. */
  async close(): Promise<void> {
    for (const { feed } of this.publishers.values()) if (feed !== undefined) await this.publications.end(feed);
    await this.session.destroy().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
    await this.node.revoke(this.rooms, this.token);
    this.released();
  }
}
