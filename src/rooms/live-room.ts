import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { readMediaSnapshot } from '../media/media-plane.js';
import type {
  IceCandidate,
  IceServers,
  Jsep,
  MediaPlane,
  MediaRoom,
  MediaSnapshot,
  ParticipantMedia,
  PeerConnectionId,
  PlainRtpAddress,
  PublishKind,
} from '../media/media-plane.js';
import type { JoinSession, RoomRole } from './join-sessions.js';
import type { SharedRoom } from '../cluster/shared-room.js';
import type { RoomKind } from '../store/schema.js';
import type { BroadcastSlot, ParticipantView, ServerMessage, ServerPush } from '../shared/protocol/index.js';
import { ParticipantUpdates, type ParticipantLens, type Scope } from './participant-updates.js';

export interface Peer {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** What happens in a live room, for the features that watch it (chat, Q&A, recording). */
export interface LiveRoomEvents {
  /** Someone entered for the first time (not a reconnect). */
  joined: [participantId: string];
  /** A browser connected, first time or again, and has its welcome: send it the feature's state. */
  connected: [participantId: string];
  left: [participantId: string];
  /** The participant's audio is in the mix. */
  'audio.joined': [participantId: string];
  /** A camera or screen publication of the participant carries media now. */
  published: [participantId: string, kind: PublishKind];
  unpublished: [participantId: string, kind: PublishKind];
  /** The host ended the room; everyone is being let go. */
  ended: [];
  /** The mix heard the participant start or stop talking. */
  talking: [participantId: string, talking: boolean];
  /** A host gave the participant another role (co-host, host, participant). */
  role: [participantId: string, role: RoomRole];
  /** A webinar attendee was brought onto the panel (may send media now) or taken off it again. */
  panel: [participantId: string, onPanel: boolean];
}

export type { ParticipantView };

/** A participant's publication of one kind, as the webinar broadcast names what it shows. */
export interface ShownPublication {
  participantId: string;
  kind: PublishKind;
}

interface LiveParticipant {
  session: JoinSession;
  peer?: Peer;
  media?: ParticipantMedia;
  /** Runs this participant's intents one after another, in the order they arrived. */
  queue: Promise<unknown>;
  muted: boolean;
  feeds: Map<PublishKind, number>;
  talking: boolean;
  attendanceId?: string;
  /** Until the attendance is recorded and 'joined' emitted for a new participant. */
  arrival?: Promise<void>;
  graceTimer?: NodeJS.Timeout;
  phone?: true;
  /** What the last list snapshot they got showed them (participant-updates.ts). */
  seen?: Scope;
}

export interface AttendanceRecorder {
  joined(session: JoinSession): Promise<string>;
  left(attendanceId: string): Promise<void>;
}

const publicationId = (feed: number | undefined) => (feed === undefined ? null : feed.toString(36));

/** Closes a connection whose participant connected again elsewhere (another tab or device, or a reconnect). */
export const replacedClose = { code: 4000, reason: 'replaced by a newer connection' } as const;

/** How long a participant whose connection dropped stays in the room, waiting for the reconnect. */
export const reconnectGraceMs = 30_000;

/**
 * One meeting while it is live: who is in it, what each sends, and their media in Janus.
 * The browser states intents; this class checks them and drives the media plane.
 */
export class LiveRoom extends EventEmitter<LiveRoomEvents> {
  private readonly participants = new Map<string, LiveParticipant>();
  private mediaRoom?: Promise<MediaRoom>;
  /** What the room's media opens with next: the media of a node that died, or (cluster mode) the previous owner's. */
  private resume?: MediaSnapshot;
  private inherited = false;
  private ended = false;
  /** The participant list: one snapshot per recipient, then deltas. */
  private readonly updates = new ParticipantUpdates(
    () => this.views(),
    () => this.participants.values(),
    (error) => this.log.error({ err: error, roomId: this.roomId }, 'participant list not sent'),
  );
  /** Throws for whom may not use the meeting media (audio mix, publishing, subscribing); `phone`: a caller's plain-RTP audio. */
  private mediaGate?: (session: JoinSession, phone: boolean) => void;
  /** Cluster mode: this instance's ownership of the room and its shared state (cluster/shared-room.ts); undefined on a single instance. */
  shared?: SharedRoom;

  constructor(
    readonly roomId: string,
    readonly kind: RoomKind,
    readonly title: string,
    private readonly media: MediaPlane,
    private readonly attendance: AttendanceRecorder,
    private readonly log: Logger,
    /** Called when the last participant has gone (the registry, live-rooms.ts, decides whether the room closes). */
    private readonly onEmpty: () => void,
    private readonly graceMs = reconnectGraceMs,
  ) {
    super();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get participantCount(): number {
    return this.participants.size;
  }

  /** A browser presented a valid join session: enter, or come back after a dropped connection. */
  async connect(session: JoinSession, peer: Peer): Promise<void> {
    if (this.ended) throw new AppError('ERR_MEETING_ENDED');
    let participant = this.participants.get(session.participantId);
    if (participant) {
      // A use of the same session that is still arriving goes first (its 'joined' before our 'connected').
      await participant.arrival;
      clearTimeout(participant.graceTimer);
      // The new connection takes the place first, so the old one's close event finds it taken.
      const previous = participant.peer;
      participant.peer = peer;
      participant.seen = undefined; // no deltas before the new connection's welcome
      previous?.close(replacedClose.code, replacedClose.reason);
      await this.dropMedia(participant);
    } else {
      // The peer is set before the first await, so a second hello of this session racing us replaces (closes) it.
      const arriving: LiveParticipant = { session, peer, queue: Promise.resolve(), muted: true, feeds: new Map(), talking: false };
      participant = arriving;
      this.participants.set(session.participantId, arriving);
      arriving.arrival = this.attendance.joined(session).then(
        (attendanceId) => {
          arriving.attendanceId = attendanceId;
        },
        (error: unknown) => this.log.error({ err: error }, 'attendance not recorded'),
      );
      await arriving.arrival;
      this.emit('joined', session.participantId);
    }
    // Another use of this session took the place while we waited: it is the one in the room.
    if (participant.peer !== peer) return;
    const list = this.updates.snapshotFor(participant);
    peer.send({
      type: 'welcome',
      self: list.participants.find((v) => v.id === session.participantId) ?? this.view(participant),
      title: this.title,
      ...list,
      // The TURN relay with a credential of this connection's own, valid for minutes.
      ice: this.media.iceServers(),
    });
    this.emit('connected', session.participantId);
    this.broadcastParticipants();
  }

  /**
   * Gives someone another role (host, co-host, participant). The join session is the one the
   * session store holds, so the role holds across their reconnects; everyone sees the new list.
   */
  setRole(participantId: string, role: RoomRole): void {
    const participant = this.participants.get(participantId);
    if (!participant) throw new AppError('ERR_NOT_FOUND');
    participant.session.role = role;
    this.emit('role', participantId, role);
    this.broadcastParticipants();
  }

  /** ICE servers with a fresh TURN credential, for a peer connection made after the welcome's expired. */
  iceServers(): IceServers {
    return this.media.iceServers();
  }

  /** The join session of someone in the room: who they are, as the server decided. */
  sessionOf(participantId: string): JoinSession | undefined {
    return this.participants.get(participantId)?.session;
  }

  /** Everyone in the room now, as the participant list shows them. */
  views(): ParticipantView[] {
    return [...this.participants.values()].map((p) => this.view(p));
  }

  sendTo(participantId: string, message: ServerPush): void {
    this.participants.get(participantId)?.peer?.send(message);
  }

  /** Sends to everyone, or to those `to` selects. */
  broadcast(message: ServerMessage, to?: (session: JoinSession) => boolean): void {
    for (const participant of this.participants.values()) if (!to || to(participant.session)) participant.peer?.send(message);
  }

  /**
   * One pass over everyone, each getting what `pick` chooses for them (or nothing): for a push in
   * a few versions (chat: by name, by pseudonym). Hand out the same few objects, so each is encoded once.
   */
  broadcastEach(pick: (session: JoinSession) => ServerMessage | undefined): void {
    for (const participant of this.participants.values()) {
      if (!participant.peer) continue;
      const message = pick(participant.session);
      if (message) participant.peer.send(message);
    }
  }

  /**
   * Runs `action` with the participant's media, in order with their other intents; not at all
   * when they have no media (yet). For features that act on a participant's Janus handles.
   */
  withMedia(participantId: string, action: (media: ParticipantMedia) => Promise<void>): Promise<void> {
    return this.perform(participantId, async (p) => {
      if (p.media) await action(p.media);
    });
  }

  /** Runs one intent of a participant, in order with the participant's other intents. */
  perform<T>(participantId: string, intent: (participant: LiveParticipant) => Promise<T>): Promise<T> {
    const participant = this.participants.get(participantId);
    if (!participant) return Promise.reject(new AppError('ERR_JOIN_SESSION_INVALID'));
    const result = participant.queue.then(() => intent(participant));
    participant.queue = result.catch(() => undefined);
    return result;
  }

  joinAudio(participantId: string, offer: Jsep, muted: boolean): Promise<Jsep> {
    return this.perform(participantId, async (p) => {
      const media = await this.mediaOf(p);
      const answer = await media.joinAudio(offer, muted);
      p.muted = muted;
      this.broadcastParticipants();
      this.emit('audio.joined', participantId);
      return answer;
    });
  }

  /**
   * A phone caller's audio: the call's RTP relay (`rtp`) becomes a plain-RTP participant of the
   * mix (unmuted unless `muted`); returns where Janus receives the caller's audio.
   */
  joinPhoneAudio(
    participantId: string,
    rtp: PlainRtpAddress & { codec: 'pcma' | 'pcmu'; payloadType: number },
    muted = false,
  ): Promise<PlainRtpAddress> {
    const participant = this.participants.get(participantId);
    if (participant) participant.phone = true;
    return this.perform(participantId, async (p) => {
      const media = await this.mediaOf(p);
      const janus = await media.joinPlainRtp(rtp, muted);
      p.muted = muted;
      this.broadcastParticipants();
      this.emit('audio.joined', participantId);
      return janus;
    });
  }

  setMuted(participantId: string, muted: boolean): Promise<void> {
    return this.perform(participantId, async (p) => {
      await p.media?.setMuted(muted);
      p.muted = muted;
      if (muted) p.talking = false;
      this.broadcastParticipants();
    });
  }

  /** Others learn of a publication once its media flows, and only if it is still the current one. */
  publish(participantId: string, kind: PublishKind, offer: Jsep): Promise<Jsep> {
    return this.perform(participantId, async (p) => {
      const media = await this.mediaOf(p);
      const { answer, feed, live } = await media.publish(kind, offer);
      if (p.feeds.delete(kind)) this.broadcastParticipants();
      void live.then((current) => {
        if (!current || p.media !== media || !this.participants.has(participantId)) return;
        p.feeds.set(kind, feed);
        this.broadcastParticipants();
        this.emit('published', participantId, kind);
      });
      return answer;
    });
  }

  unpublish(participantId: string, kind: PublishKind): Promise<void> {
    return this.perform(participantId, async (p) => {
      p.feeds.delete(kind);
      await p.media?.unpublish(kind);
      this.broadcastParticipants();
      this.emit('unpublished', participantId, kind);
    });
  }

  /**
   * The videos a participant's stage shows (named by participant and kind, never by Janus id):
   * their subscription follows, and they receive these and no others. Answers Janus' offer when
   * anything changed (the browser answers with `answerVideos`) and which m-line shows whom.
   * Their own videos and publications that ended are left out.
   */
  showVideos(
    participantId: string,
    videos: readonly { participantId: string; kind: PublishKind }[],
  ): Promise<{ offer?: Jsep; videos: { mid: string; participantId: string; kind: PublishKind }[] }> {
    return this.perform(participantId, async (p) => {
      const wanted = videos.flatMap(({ participantId: id, kind }) => {
        const feed = id === participantId ? undefined : this.participants.get(id)?.feeds.get(kind);
        return feed === undefined ? [] : [{ key: `${kind}:${id}`, feed }];
      });
      const media = await this.mediaOf(p);
      const { offer, shown } = await media.showVideos(wanted);
      return {
        ...(offer ? { offer } : {}),
        videos: shown.map(({ key, mid }) => {
          const colon = key.indexOf(':');
          return { mid, participantId: key.slice(colon + 1), kind: key.slice(0, colon) as PublishKind };
        }),
      };
    });
  }

  answerVideos(participantId: string, answer: Jsep): Promise<void> {
    return this.perform(participantId, async (p) => (await this.mediaOf(p)).answerVideos(answer));
  }

  trickle(participantId: string, pc: PeerConnectionId, candidate: IceCandidate | null): Promise<void> {
    return this.perform(participantId, async (p) => p.media?.trickle(pc, candidate));
  }

  /** The connection dropped: keep the place for a while, release the media now. */
  disconnected(participantId: string, peer: Peer): void {
    const participant = this.participants.get(participantId);
    if (!participant || participant.peer !== peer) return;
    participant.peer = undefined;
    void this.perform(participantId, (p) => this.dropMedia(p));
    participant.graceTimer = setTimeout(() => void this.remove(participantId), this.graceMs);
    participant.graceTimer.unref();
    this.broadcastParticipants();
  }

  async leave(participantId: string): Promise<void> {
    await this.remove(participantId);
  }

  /** The host ended the meeting: everyone is told and let go, and the Janus rooms are destroyed. */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.updates.stop();
    this.emit('ended');
    for (const participant of this.participants.values()) {
      participant.peer?.send({ type: 'ended' });
      participant.peer?.close(4001, 'meeting ended');
    }
    await Promise.all([...this.participants.keys()].map((id) => this.remove(id)));
    await this.closeMediaRoom();
  }

  /**
   * The server is stopping (or the room moved): browsers are asked to reconnect (1012); the meeting
   * itself goes on. In cluster mode the Janus rooms and mountpoints stay for the next owner, who
   * takes them over from the snapshot (webinar viewers on the edges keep their mountpoints).
   */
  async closeForRestart(reason = 'server restarting'): Promise<void> {
    const departures: Promise<void>[] = [];
    for (const participant of this.participants.values()) {
      clearTimeout(participant.graceTimer);
      participant.peer?.close(1012, reason);
      await this.dropMedia(participant);
      // Together, not one after another: the attendance writes of a window share a commit (attendance.ts).
      if (participant.attendanceId) departures.push(this.attendance.left(participant.attendanceId).catch(() => undefined));
    }
    await Promise.all(departures);
    this.participants.clear();
    this.updates.stop();
    if (!this.shared) return this.closeMediaRoom();
    const room = this.mediaRoom;
    this.mediaRoom = undefined;
    (await room?.catch(() => undefined))?.abandon();
  }

  /**
   * Janus died (`node`: in registry mode the meeting node that was lost; rooms on other nodes go
   * on untouched): the room's media opens again (on a node that lives), taking over what it can
   * of the old one (the webinar's mountpoints on the edges, fed again on the same ports). Those
   * who send media set theirs up again, keeping their state; webinar attendees watch on (their
   * viewers tell them to watch again if their own node went too).
   */
  async resetMedia(node?: string): Promise<void> {
    const previous = this.mediaRoom;
    const room = await previous?.catch(() => undefined);
    if ((node !== undefined && room?.node !== node) || this.mediaRoom !== previous) return;
    this.mediaRoom = undefined;
    room?.abandon();
    if (room) this.resume = room.snapshot();
    for (const participant of this.participants.values()) {
      participant.media = undefined;
      participant.feeds.clear();
      participant.talking = false;
      participant.queue = Promise.resolve();
      if (this.presents(participant.session) || participant.phone) participant.peer?.send({ type: 'media.reset' });
    }
    this.broadcastParticipants();
    // The broadcast goes on for its viewers without waiting for a presenter to come back.
    if (room && this.kind === 'webinar')
      void this.openMedia().catch((error: unknown) => this.log.warn({ err: error }, 'the webinar’s media did not open again'));
  }

  private async remove(participantId: string): Promise<void> {
    const participant = this.participants.get(participantId);
    if (!participant) return;
    this.participants.delete(participantId);
    clearTimeout(participant.graceTimer);
    await this.dropMedia(participant);
    if (participant.attendanceId) await this.attendance.left(participant.attendanceId).catch(() => undefined);
    this.emit('left', participantId);
    this.broadcastParticipants();
    if (this.participants.size === 0) {
      await this.closeMediaRoom();
      this.onEmpty();
    }
  }

  /** Narrows the participant list per recipient; see ParticipantLens. */
  setParticipantLens(lens: ParticipantLens): void {
    this.updates.setLens(lens);
  }

  /** Refuses the meeting media to whom `gate` throws for (webinar attendees). */
  setMediaGate(gate: (session: JoinSession, phone: boolean) => void): void {
    this.mediaGate = gate;
  }

  /**
   * Whether someone presents, i.e. passes the media gate (webinars: the host and the panelists;
   * meetings: everyone). Added for the Q&A feature, whose answering is the panel's.
   */
  presents(session: JoinSession): boolean {
    try {
      this.mediaGate?.(session, false);
      return true;
    } catch {
      return false;
    }
  }

  /** The room's media in Janus, opened on first use; a webinar's comes with its broadcast. */
  openMedia(): Promise<MediaRoom> {
    this.mediaRoom ??= this.openMediaRoom();
    const opening = this.mediaRoom;
    return opening.catch((error: unknown) => {
      if (this.mediaRoom === opening) this.mediaRoom = undefined;
      throw error;
    });
  }

  /** Opens the media with what the last one left, if anything; in cluster mode its snapshot goes to the shared state. */
  private async openMediaRoom(): Promise<MediaRoom> {
    if (!this.inherited) this.resume ??= readMediaSnapshot(this.shared?.inherited.media);
    this.inherited = true;
    const room = await this.media.openRoom(this.roomId, { broadcast: this.kind === 'webinar', resume: this.resume });
    this.resume = undefined;
    const save = () =>
      void this.shared
        ?.save([{ field: 'media', value: JSON.stringify(room.snapshot()) }])
        .catch((error: unknown) => this.log.warn({ err: error }, 'the room’s media snapshot was not saved'));
    room.onChange(save);
    save();
    return room;
  }

  /** Which publications the webinar broadcast shows (named by participant and kind): its main picture and its inset, or none. */
  async showOnBroadcast(shown: Record<BroadcastSlot, ShownPublication | null>): Promise<void> {
    const feedOf = (publication: ShownPublication | null) =>
      (publication && this.participants.get(publication.participantId)?.feeds.get(publication.kind)) ?? null;
    if (!this.mediaRoom) return;
    await (await this.openMedia()).showOnBroadcast({ main: feedOf(shown.main), inset: feedOf(shown.inset) });
  }

  /** Takes someone out of the meeting media (a panelist back to the audience): their tracks and their Janus token go. */
  releaseMedia(participantId: string): Promise<void> {
    return this.perform(participantId, async (p) => {
      const kinds = [...p.feeds.keys()];
      await this.dropMedia(p);
      p.muted = true;
      this.broadcastParticipants();
      for (const kind of kinds) this.emit('unpublished', participantId, kind);
    });
  }

  private async mediaOf(participant: LiveParticipant): Promise<ParticipantMedia> {
    if (participant.media) return participant.media;
    this.mediaGate?.(participant.session, participant.phone === true);
    const room = await this.openMedia();
    const media = await room.join(participant.session.displayName);
    media.on('talking', (talking: boolean) => {
      participant.talking = talking && !participant.muted;
      this.broadcast({ type: 'talking', participantId: participant.session.participantId, talking: participant.talking });
      this.emit('talking', participant.session.participantId, participant.talking);
    });
    participant.media = media;
    return media;
  }

  private async dropMedia(participant: LiveParticipant): Promise<void> {
    const media = participant.media;
    participant.media = undefined;
    participant.feeds.clear();
    participant.talking = false;
    await media?.close();
  }

  private async closeMediaRoom(): Promise<void> {
    const room = this.mediaRoom;
    this.mediaRoom = undefined;
    await room?.then((r) => r.close()).catch(() => undefined);
  }

  private view(p: LiveParticipant): ParticipantView {
    return {
      id: p.session.participantId,
      displayName: p.session.displayName,
      role: p.session.role,
      muted: p.muted,
      camera: publicationId(p.feeds.get('camera')),
      screen: publicationId(p.feeds.get('screen')),
      talking: p.talking,
      connected: p.peer !== undefined,
      ...(p.phone ? { phone: true as const } : {}),
    };
  }

  /**
   * The one lens for every push that names participants (the list, the recording indicator, …):
   * who of `views` the recipient may see, as the participant list shows them. Webinars: an
   * attendee sees the panel and themselves, never another attendee. Pass the same array for
   * every recipient of one push, so the lens labels it once.
   */
  seenBy(recipient: JoinSession, views: ParticipantView[]): ParticipantView[] {
    return this.updates.seenBy(recipient, views);
  }

  /** The list changed: everyone learns what changed (each through the lens, if one is set), after the current turn. */
  broadcastParticipants(): void {
    if (!this.ended) this.updates.changed();
  }
}
