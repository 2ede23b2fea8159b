import { Store } from '../../ui/store';
import { watchBroadcast } from './broadcast';
import {
  applyParticipants,
  hasPrefix,
  type IntentReply,
  type IntentType,
  type PayloadArgs,
  type PeerConnectionLabel,
  type PushesOf,
  type ServerPush,
} from '@shared/protocol/index.js';
import { candidateOf, finalCloseCodes, replacedCloseCode, Signaling, SignalingError } from './signaling';
import { IceServers, watchConnection } from './connectivity';
import type { DeviceChoice, PublishKind, RoomSnapshot } from './types';

/** One video the server sends on the videos connection: its m-line and whose it is. */
type ShownVideo = IntentReply<'video.show'>['videos'][number];

const reconnectDelaysMs = [300, 1000, 2000, 4000];
/**
 * Refusals of a hello that pass (cluster mode, docs/operations.md): the room is still owned by an
 * instance that died (until its lease lapses), it moved, its owner did not answer in time, or the
 * server lost Redis for a moment.
 * The server closes the socket after them; the reconnect loop tries again.
 */
const passingRefusals = new Set(['ERR_ROOM_ELSEWHERE', 'ERR_ROOM_MOVED', 'ERR_ROOM_NO_ANSWER', 'ERR_CLUSTER_UNAVAILABLE']);
/**
 * Reconnecting stops after this many attempts in a row (about a minute: longer than the 30 s the
 * server keeps one's place, and than a restart takes); the page then says the connection is lost.
 */
export const maxReconnectAttempts = 15;
/**
 * A webinar attendee tries again to watch when the server had no node for them (the edge they
 * watched on died and the next is being placed, or the room's media is moving to another node):
 * five more tries within about 8 s, then the media problem shows.
 */
const watchRetryDelaysMs = [250, 500, 1000, 2000, 4000];
const retryableWatchErrors = new Set(['ERR_MEDIA_UNAVAILABLE', 'ERR_INTERNAL']);

/**
 * The browser side of a room. It holds the user's intent (microphone, camera, screen on or off)
 * across reconnects and Janus restarts, and sets up the media again after each. Privacy by
 * default: nothing is captured until the user switches it on, and switching off stops the
 * track at the source (the camera light goes out), not only the sending.
 */
export class RoomClient extends Store<RoomSnapshot> {
  private signaling?: Signaling;
  private readonly featureListeners = new Set<(push: ServerPush) => void>();
  private audioPc?: RTCPeerConnection;
  /** Webinar attendees: the broadcast they watch instead of the meeting media. */
  private broadcastPc?: RTCPeerConnection;
  /** Set while a webinar attendee's viewer is being negotiated (the media generation it belongs to). */
  private watchingFor?: number;
  /** What the media was set up for: watching the broadcast (webinar attendees) or the meeting media. */
  private mediaMode?: 'broadcast' | 'meeting';
  /** Admitted from the lobby before the room said who we are: the welcome sets the media up. */
  private setUpWhenNamed = false;
  private microphone?: MediaStreamTrack;
  /** Each publication's connection and stream, and the media set-up (generation) it belongs to. */
  private readonly publishers = new Map<PublishKind, { pc: RTCPeerConnection; stream: MediaStream; generation: number }>();
  /**
   * Publishing and unpublishing of one kind run one after another. Two offers in flight at once
   * (the camera switched on while the media is being set up) could reach the server in the other
   * order: Janus would keep the publication whose connection the browser had closed.
   */
  private readonly publishing = new Map<PublishKind, Promise<void>>();
  /** All of others' videos arrive on this one connection (a multistream subscription in Janus). */
  private videosPc?: RTCPeerConnection;
  /** The videos as last agreed with the server: `${participantId}:${kind}:${publication}`, sorted. */
  private agreedVideos = '';
  /** The remote streams by `${mid} ${participantId}:${kind}`, kept so a video element is not re-attached for nothing. */
  private videoStreams = new Map<string, MediaStream>();
  /** The others' videos the stage shows (`${participantId}:${kind}`); only these are received. */
  private shown = new Set<string>();
  private syncing?: Promise<void>;
  private resyncWanted = false;
  private reconnectAttempt = 0;
  private mediaGeneration = 0;
  private closing = false;
  /** The TURN relay's servers and credential (from the welcome, renewed while connected). */
  private readonly ice = new IceServers(() => this.request('ice.servers'));
  private stopConnectionWatch?: () => void;

  constructor(
    private readonly joinToken: string,
    private devices: DeviceChoice,
    /** The room WebSocket's path from the join answer (it names the room for the balancer). */
    private readonly socketPath?: string,
  ) {
    super({
      status: 'connecting',
      title: '',
      participants: [],
      sending: { microphone: false, camera: false, screen: false },
      remoteVideo: new Map(),
      invitations: new Map(),
    });
  }

  /**
   * For room features (chat, Q&A, …): receive the pushes whose type starts with `prefix`
   * (e.g. `chat.`). Returns the function that stops listening.
   */
  listen<Prefix extends string>(prefix: Prefix, handle: (push: PushesOf<Prefix>) => void): () => void {
    const listener = (push: ServerPush) => {
      if (hasPrefix(push, prefix)) handle(push);
    };
    this.featureListeners.add(listener);
    return () => this.featureListeners.delete(listener);
  }

  /** For room features: one intent to the server, answered with its declared reply or a SignalingError. */
  request<K extends IntentType>(type: K, ...payload: PayloadArgs<K>): Promise<IntentReply<K>> {
    if (!this.signaling) return Promise.reject(new SignalingError('ERR_CONNECTION_CLOSED', 'not connected'));
    return this.signaling.request(type, ...payload);
  }

  async connect(): Promise<void> {
    const signaling = new Signaling(
      (push) => void this.onPush(push),
      (code) => void this.onClose(signaling, code),
      this.socketPath,
    );
    this.signaling = signaling;
    try {
      await signaling.opened();
      const entered = await signaling.request('hello', { token: this.joinToken });
      this.reconnectAttempt = 0;
      // In the lobby: no media until the host lets us in (lobby.admitted).
      if (entered?.waiting) return this.update({ status: 'waiting', error: undefined });
      this.update({ status: 'connected', error: undefined });
    } catch (error) {
      if (error instanceof SignalingError && error.code !== 'ERR_CONNECTION_CLOSED' && !passingRefusals.has(error.code)) {
        this.closing = true;
        this.update({ status: error.code === 'ERR_MEETING_ENDED' ? 'ended' : 'failed', error: error.message });
        signaling.close();
      }
      return;
    }
    // Without media one still sees who is there; the server sends media.reset when the media plane is back.
    await this.setUpMedia().catch((mediaProblem: unknown) => this.update({ mediaProblem }));
  }

  private async onPush(push: ServerPush): Promise<void> {
    switch (push.type) {
      case 'welcome':
        if (push.ice) this.ice.set(push.ice);
        this.update({ title: push.title, self: push.self, participants: push.participants, attendees: push.attendees });
        if (this.setUpWhenNamed) {
          this.setUpWhenNamed = false;
          await this.setUpMedia().catch((mediaProblem: unknown) => this.update({ mediaProblem }));
        }
        return;
      case 'participants':
      case 'participants.delta': {
        // A snapshot replaces the list; a delta changes the entries it names.
        const participants = push.type === 'participants' ? push.participants : applyParticipants(this.snapshot.participants, push);
        this.update({
          participants,
          attendees: push.attendees ?? this.snapshot.attendees,
          self: participants.find((p) => p.id === this.snapshot.self?.id) ?? this.snapshot.self,
        });
        if (this.mediaMode && this.mediaMode !== this.wantedMediaMode()) return this.changeWebinarRole();
        await this.syncSubscriptions();
        return;
      }
      case 'talking': {
        const speakerId = push.talking && push.participantId !== this.snapshot.self?.id ? push.participantId : this.snapshot.speakerId;
        this.update({
          speakerId,
          participants: this.snapshot.participants.map((p) => (p.id === push.participantId ? { ...p, talking: push.talking } : p)),
        });
        return;
      }
      case 'media.reset':
        this.tearDownMedia();
        // As on connecting: what could not be set up again shows as the media problem, not as an unhandled rejection.
        await this.setUpMedia().catch((mediaProblem: unknown) => this.update({ mediaProblem }));
        return;
      case 'ended':
        this.closing = true;
        this.tearDownMedia();
        this.releaseLocalTracks();
        this.update({ status: 'ended' });
        return;
      default:
        // Pushes of the room's features (moderation, chat, Q&A, …).
        await this.onModeration(push);
        await this.onWebinar(push);
        for (const listener of this.featureListeners) listener(push);
    }
  }

  /** What the host decides about this user (src/rooms/moderation.ts) changes the room's own state. */
  private async onModeration(push: ServerPush): Promise<void> {
    switch (push.type) {
      case 'lobby.waiting':
        this.update({ title: push.title });
        return;
      case 'lobby.admitted':
        this.update({ status: 'connected' });
        await this.setUpMedia().catch((mediaProblem: unknown) => this.update({ mediaProblem }));
        return;
      case 'lobby.rejected':
      case 'moderation.removed':
        this.closing = true;
        this.tearDownMedia();
        this.releaseLocalTracks();
        if (push.type === 'lobby.rejected') this.update({ status: 'rejected' });
        else this.update({ status: 'removed', removedBecause: push.reason });
        return;
      case 'moderation.muted':
        // The server muted us already; the microphone follows, and the user may switch it on again.
        if (this.snapshot.sending.microphone) await this.setMicrophone(false);
    }
  }

  /** A webinar's own pushes (src/rooms/webinar.ts): its start, the invitation to speak, the hosts' view of invitations. */
  private async onWebinar(push: ServerPush): Promise<void> {
    switch (push.type) {
      case 'webinar.state': {
        const { live, details, shown, inset } = push;
        this.update({ webinar: { live, details, shown, inset } });
        // The host started: an attendee waiting for it starts watching, without asking anyone.
        if (live && this.mediaMode === 'broadcast')
          await this.startWatching().catch((mediaProblem: unknown) => this.update({ mediaProblem }));
        return;
      }
      case 'webinar.invited':
        this.update({ invitedToSpeak: true });
        return;
      case 'webinar.uninvited':
        this.update({ invitedToSpeak: false });
        return;
      case 'webinar.invitation': {
        const invitations = new Map(this.snapshot.invitations);
        invitations.set(push.participantId, { displayName: push.displayName, state: push.state });
        this.update({ invitations });
      }
    }
  }

  /**
   * The attendee's answer to the host's invitation to speak. Accepting comes after their device
   * check (`devices`): they join the panel, and their media is set up with those devices.
   */
  async answerInvitation(accept: boolean, devices?: DeviceChoice): Promise<void> {
    if (devices) this.devices = devices;
    this.update({ invitedToSpeak: false });
    await this.request('webinar.reply', { accept });
  }

  /** A host or co-host has seen what became of an invitation (the notice is closed). */
  forgetInvitation(participantId: string): void {
    const invitations = new Map(this.snapshot.invitations);
    invitations.delete(participantId);
    this.update({ invitations });
  }

  private async onClose(signaling: Signaling, code: number): Promise<void> {
    if (signaling !== this.signaling) return;
    this.tearDownMedia();
    if (this.closing || finalCloseCodes.has(code)) {
      this.ice.stop();
      this.releaseLocalTracks();
      if (this.snapshot.status === 'connected' || this.snapshot.status === 'reconnecting' || this.snapshot.status === 'waiting')
        this.update({ status: code === 4001 ? 'ended' : code === replacedCloseCode ? 'replaced' : 'left' });
      return;
    }
    if (this.reconnectAttempt >= maxReconnectAttempts) {
      this.closing = true;
      this.releaseLocalTracks();
      this.update({ status: 'failed', error: undefined, connectionLost: true });
      return;
    }
    this.update({ status: 'reconnecting' });
    const delay = reconnectDelaysMs[Math.min(this.reconnectAttempt++, reconnectDelaysMs.length - 1)];
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (!this.closing) await this.connect();
  }

  /**
   * Joins the audio mix, subscribes to everyone's video at the same time, and re-publishes what
   * the user had on. Audio and video are set up side by side: the first frame should not wait for the mix.
   */
  private async setUpMedia(): Promise<void> {
    if (!this.snapshot.self) {
      this.setUpWhenNamed = true;
      return;
    }
    const generation = ++this.mediaGeneration;
    if (this.snapshot.mediaProblem) this.update({ mediaProblem: undefined });
    this.mediaMode = this.wantedMediaMode();
    if (this.mediaMode === 'broadcast') return this.startWatching();
    const pc = this.newPeerConnection('audio');
    this.audioPc = pc;
    this.watchJoin(pc, generation);
    pc.addTransceiver('audio', { direction: 'sendrecv' });
    pc.addEventListener('track', (event) => this.update({ remoteAudio: event.streams[0] ?? new MediaStream([event.track]) }));
    await Promise.all([this.joinAudio(pc, generation), this.syncSubscriptions()]);
    if (generation !== this.mediaGeneration) return;
    if (this.snapshot.sending.camera) await this.republish('camera');
    // A screen share needs a fresh user gesture; after a reconnect it stays off until asked again.
    if (this.snapshot.sending.screen) this.stopScreenLocally();
  }

  /**
   * A webinar attendee watches once the host has started (before, the waiting screen shows and
   * nothing is received); called on setting up the media and when the start is pushed.
   */
  private async startWatching(): Promise<void> {
    const generation = this.mediaGeneration;
    if (!this.snapshot.webinar?.live || this.broadcastPc || this.watchingFor === generation) return;
    this.watchingFor = generation;
    try {
      for (const delay of [...watchRetryDelaysMs, undefined]) {
        try {
          const pc = await watchBroadcast(
            (type, ...payload) => this.signaling!.request(type, ...payload),
            ({ main, inset }) => generation === this.mediaGeneration && this.update({ broadcast: main, broadcastInset: inset }),
            this.ice.rtcConfiguration(),
            (created) => this.watchJoin(created, generation),
          );
          if (generation === this.mediaGeneration) this.broadcastPc = pc;
          else pc.close();
          return;
        } catch (error) {
          const retryable = error instanceof SignalingError && retryableWatchErrors.has(error.code);
          if (delay === undefined || !retryable || generation !== this.mediaGeneration) throw error;
          await new Promise((resolve) => setTimeout(resolve, delay));
          if (generation !== this.mediaGeneration) return;
        }
      }
    } finally {
      if (this.watchingFor === generation) this.watchingFor = undefined;
    }
  }

  private wantedMediaMode(): 'broadcast' | 'meeting' {
    return this.snapshot.self?.role === 'attendee' ? 'broadcast' : 'meeting';
  }

  /**
   * The host moved this user onto the webinar's panel (meeting media: microphone and camera may
   * go on) or back into the audience (whatever they sent stops, and they watch the broadcast).
   */
  private async changeWebinarRole(): Promise<void> {
    if (this.snapshot.status !== 'connected') return;
    this.tearDownMedia();
    if (this.snapshot.self?.role === 'attendee') this.releaseLocalTracks();
    await this.setUpMedia().catch((mediaProblem: unknown) => this.update({ mediaProblem }));
  }

  private async joinAudio(pc: RTCPeerConnection, generation: number): Promise<void> {
    if (this.snapshot.sending.microphone) await this.captureMicrophone();
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const { answer } = await this.signaling!.request('audio.join', {
      offer: { type: 'offer', sdp: offer.sdp ?? '' },
      muted: !this.snapshot.sending.microphone,
    });
    if (generation === this.mediaGeneration) await pc.setRemoteDescription(answer);
  }

  /**
   * The first connection of a join: while it is slow and goes through the relay the user is told
   * so; when no path works within the join budget they get a clear message instead of a wait.
   */
  private watchJoin(pc: RTCPeerConnection, generation: number): void {
    this.stopConnectionWatch?.();
    const current = () => generation === this.mediaGeneration;
    this.stopConnectionWatch = watchConnection(pc, this.ice.hasRelay(), {
      relaying: () => current() && this.update({ connectingViaRelay: true }),
      connected: () => current() && this.update({ connectingViaRelay: false }),
      failed: () => current() && this.update({ connectingViaRelay: false, mediaProblem: new SignalingError('ERR_MEDIA_PATH', '') }),
    });
  }

  private newPeerConnection(label: PeerConnectionLabel): RTCPeerConnection {
    const pc = new RTCPeerConnection(this.ice.rtcConfiguration());
    pc.addEventListener('icecandidate', (event) => {
      void this.signaling?.request('trickle', { pc: label, candidate: candidateOf(event.candidate) }).catch(() => undefined);
    });
    return pc;
  }

  /** Captures the microphone, or reuses the live track after a reconnect. */
  private async captureMicrophone(): Promise<void> {
    if (this.microphone?.readyState !== 'live') {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: this.devices.microphoneId ? { deviceId: { exact: this.devices.microphoneId } } : true,
      });
      this.microphone = stream.getAudioTracks()[0];
    }
    await this.audioPc?.getTransceivers()[0]?.sender.replaceTrack(this.microphone ?? null);
  }

  async setMicrophone(on: boolean): Promise<void> {
    if (on) {
      await this.captureMicrophone();
      this.update({ sending: { ...this.snapshot.sending, microphone: true } });
      await this.signaling?.request('audio.mute', { muted: false });
    } else {
      this.update({ sending: { ...this.snapshot.sending, microphone: false } });
      await this.signaling?.request('audio.mute', { muted: true }).catch(() => undefined);
      this.microphone?.stop();
      this.microphone = undefined;
      await this.audioPc?.getTransceivers()[0]?.sender.replaceTrack(null);
    }
  }

  async setCamera(on: boolean): Promise<void> {
    if (on) {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: this.devices.cameraId ? { deviceId: { exact: this.devices.cameraId } } : true,
      });
      this.update({ sending: { ...this.snapshot.sending, camera: true }, localCamera: stream });
      await this.publish('camera', stream);
    } else {
      this.update({ sending: { ...this.snapshot.sending, camera: false }, localCamera: undefined });
      await this.unpublish('camera');
    }
  }

  async setScreen(on: boolean): Promise<void> {
    if (!on) {
      this.update({ sending: { ...this.snapshot.sending, screen: false }, localScreen: undefined });
      await this.unpublish('screen');
      return;
    }
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    // The browser's own "stop sharing" button ends the track; follow it.
    stream.getVideoTracks()[0]?.addEventListener('ended', () => void this.setScreen(false));
    this.update({ sending: { ...this.snapshot.sending, screen: true }, localScreen: stream });
    await this.publish('screen', stream);
  }

  /** Runs `step` after every earlier publish or unpublish of `kind` has settled. */
  private inTurn(kind: PublishKind, step: () => Promise<void>): Promise<void> {
    const next = (this.publishing.get(kind) ?? Promise.resolve()).catch(() => undefined).then(step);
    this.publishing.set(kind, next);
    return next;
  }

  private publish(kind: PublishKind, stream: MediaStream): Promise<void> {
    return this.inTurn(kind, () => this.publishNow(kind, stream));
  }

  /** After a media set-up: publishes `kind` again unless it was published since (the user switched it on meanwhile). */
  private republish(kind: PublishKind): Promise<void> {
    return this.inTurn(kind, async () => {
      const publisher = this.publishers.get(kind);
      if (this.snapshot.sending[kind] && publisher && publisher.generation !== this.mediaGeneration)
        await this.publishNow(kind, publisher.stream);
    });
  }

  private async publishNow(kind: PublishKind, stream: MediaStream): Promise<void> {
    this.publishers.get(kind)?.pc.close();
    const pc = this.newPeerConnection(kind);
    this.publishers.set(kind, { pc, stream, generation: this.mediaGeneration });
    for (const track of stream.getVideoTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const { answer } = await this.signaling!.request('publish', { kind, offer: { type: 'offer', sdp: offer.sdp ?? '' } });
    await pc.setRemoteDescription(answer);
  }

  private unpublish(kind: PublishKind): Promise<void> {
    return this.inTurn(kind, async () => {
      const publisher = this.publishers.get(kind);
      this.publishers.delete(kind);
      publisher?.stream.getTracks().forEach((track) => track.stop());
      publisher?.pc.close();
      await this.signaling?.request('unpublish', { kind }).catch(() => undefined);
    });
  }

  private stopScreenLocally(): void {
    const screen = this.publishers.get('screen');
    screen?.stream.getTracks().forEach((track) => track.stop());
    this.publishers.delete('screen');
    this.update({ sending: { ...this.snapshot.sending, screen: false }, localScreen: undefined });
  }

  /** The stage tells which videos it shows; the server's subscription follows (a page switch switches the streams). */
  showVideos(keys: readonly string[]): void {
    this.shown = new Set(keys);
    void this.syncSubscriptions();
  }

  /**
   * Tells the server which of the others' videos to send: those the stage shows that are published
   * now. Runs one pass at a time: room updates that arrive meanwhile trigger one more pass, never a
   * parallel one (Janus renegotiates one offer at a time).
   */
  private syncSubscriptions(): Promise<void> {
    if (this.syncing) {
      this.resyncWanted = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.resyncWanted = false;
          // A failed pass is retried with the next room update.
          await this.syncSubscriptionsOnce().catch((error: unknown) => console.warn('video subscription failed', error));
        } while (this.resyncWanted);
      } finally {
        // Cleared in the same step as the last check, so no request falls between the two.
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async syncSubscriptionsOnce(): Promise<void> {
    if (!this.audioPc || this.snapshot.status !== 'connected') return;
    const generation = this.mediaGeneration;
    const wanted: { participantId: string; kind: PublishKind; publication: string }[] = [];
    for (const p of this.snapshot.participants) {
      if (p.id === this.snapshot.self?.id) continue;
      for (const kind of ['camera', 'screen'] as const) {
        const publication = p[kind];
        if (publication && this.shown.has(`${p.id}:${kind}`)) wanted.push({ participantId: p.id, kind, publication });
      }
    }
    const agreement = wanted
      .map((v) => `${v.participantId}:${v.kind}:${v.publication}`)
      .sort()
      .join(' ');
    if (agreement === this.agreedVideos) return;
    const { offer, videos } = await this.signaling!.request('video.show', {
      videos: wanted.map(({ participantId, kind }) => ({ participantId, kind })),
    });
    if (generation !== this.mediaGeneration) return;
    if (offer) {
      this.videosPc ??= this.newPeerConnection('videos');
      await this.videosPc.setRemoteDescription(offer);
      const answer = await this.videosPc.createAnswer();
      await this.videosPc.setLocalDescription(answer);
      await this.signaling!.request('video.answer', { answer: { type: 'answer', sdp: answer.sdp ?? '' } });
    }
    this.agreedVideos = agreement;
    this.showRemoteVideos(videos);
  }

  /** Each video's stream from the track of its m-line (an m-line Janus reuses shows someone else then). */
  private showRemoteVideos(videos: readonly ShownVideo[]): void {
    const tracks = new Map((this.videosPc?.getTransceivers() ?? []).map((t) => [t.mid, t.receiver.track]));
    const streams = new Map<string, MediaStream>();
    const remoteVideo = new Map<string, MediaStream>();
    for (const { mid, participantId, kind } of videos) {
      const track = tracks.get(mid);
      if (!track) continue;
      const id = `${mid} ${participantId}:${kind}`;
      const stream = this.videoStreams.get(id) ?? new MediaStream([track]);
      streams.set(id, stream);
      remoteVideo.set(`${participantId}:${kind}`, stream);
    }
    this.videoStreams = streams;
    this.update({ remoteVideo });
  }

  /** Closes every peer connection; local camera and microphone stay as the user set them. */
  private tearDownMedia(): void {
    this.mediaGeneration++;
    this.stopConnectionWatch?.();
    this.stopConnectionWatch = undefined;
    if (this.snapshot.connectingViaRelay) this.update({ connectingViaRelay: false });
    this.mediaMode = undefined;
    this.audioPc?.close();
    this.audioPc = undefined;
    this.broadcastPc?.close();
    this.broadcastPc = undefined;
    for (const { pc } of this.publishers.values()) pc.close();
    this.videosPc?.close();
    this.videosPc = undefined;
    this.agreedVideos = '';
    this.videoStreams.clear();
    this.update({ remoteVideo: new Map(), remoteAudio: undefined, broadcast: undefined, broadcastInset: undefined });
  }

  private releaseLocalTracks(): void {
    this.microphone?.stop();
    this.microphone = undefined;
    for (const { stream } of this.publishers.values()) stream.getTracks().forEach((track) => track.stop());
    this.publishers.clear();
    this.update({ sending: { microphone: false, camera: false, screen: false }, localCamera: undefined, localScreen: undefined });
  }

  async leave(): Promise<void> {
    this.closing = true;
    this.ice.stop();
    await this.signaling?.request('leave').catch(() => undefined);
    this.tearDownMedia();
    this.releaseLocalTracks();
    this.signaling?.close();
    this.update({ status: 'left' });
  }

  /** The host ends the meeting for everyone. */
  async endForAll(): Promise<void> {
    await this.signaling?.request('end');
  }

  /** The last host leaves and names who hosts after them (src/rooms/moderation.ts moderation.handOver). */
  async handOverAndLeave(participantId: string): Promise<void> {
    await this.request('moderation.handOver', { participantId });
    await this.leave();
  }

  /** The user closed the message about a failed media set-up. */
  dismissMediaProblem(): void {
    this.update({ mediaProblem: undefined });
  }
}
