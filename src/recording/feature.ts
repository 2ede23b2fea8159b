import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { RateLimit } from '../shared/text.js';
import type { JoinSession } from '../rooms/join-sessions.js';
import type { LiveRoom } from '../rooms/live-room.js';
import { defineIntent, type IntentContext, type RoomFeature } from '../rooms/room-features.js';
import type { RecordingTrackKind } from '../store/schema.js';
import { noticeShown, recordingNoticeFor, type RecordingNotice } from './notice.js';
import type { RecordingService } from './service.js';

type Decision = 'consent' | 'decline';

/** A phone caller's answer to the spoken notice (src/telephony/recording-consent.ts), with that notice. */
export type RecordingDecisionByPhone = (
  room: LiveRoom,
  participantId: string,
  decision: Decision | 'withdraw',
  notice: { version: string; language: string; hash: string; scope: readonly string[] },
) => Promise<void>;

/** A room's recording while the room is live; gone with the room. */
interface RoomRecording {
  active?: { id: string };
  /** Each participant's decision on the current recording; no entry: not decided, not recorded. */
  decisions: Map<string, Decision>;
  /** The open track of each participant by kind, and for a camera or screen the publication (feed) it writes. */
  tracks: Map<string, Map<RecordingTrackKind, { id: string; publication?: number }>>;
  /** Numbers the track files of a recording in the order they start. */
  sequence: number;
  /** Hosts see the Record button only when recording is allowed. */
  allowed: boolean;
  /** The notice people read, naming the retention period of this room's recordings. */
  notice?: RecordingNotice;
  /** Decisions per person: each is a stored proof, starts or stops their tracks and goes to everyone. */
  decisionLimit: RateLimit;
  /** Cluster mode: the previous owner of the room went away while recording, and that recording was finished here. */
  interrupted: boolean;
  /** Cluster mode: finishing what the previous owner left recording; a new recording starts after it. */
  takeover: Promise<void>;
}

/** A person changes their mind about a recording at most this often. */
const decisionChanges = { max: 10, windowMs: 60_000 };

const kinds: readonly RecordingTrackKind[] = ['audio', 'camera', 'screen'];

/**
 * Recording as a room feature. Nothing is written of anyone until they consent; then only their
 * own tracks, each on their own Janus handle: their voice before it enters the mix, their
 * camera and screen as published. Withdrawal closes their tracks at once.
 */
export function createRecordingFeature(service: RecordingService, log: Logger): RoomFeature & { decideByPhone: RecordingDecisionByPhone } {
  const rooms = new WeakMap<LiveRoom, RoomRecording>();

  function stateOf(room: LiveRoom): RoomRecording {
    let state = rooms.get(room);
    if (!state) {
      state = {
        decisions: new Map(),
        tracks: new Map(),
        sequence: 0,
        allowed: false,
        decisionLimit: new RateLimit(decisionChanges.max, decisionChanges.windowMs),
        interrupted: false,
        takeover: Promise.resolve(),
      };
      rooms.set(room, state);
    }
    return state;
  }

  /**
   * Who is recorded: everyone present who consented and sends media now (a webinar attendee is
   * never asked; one taken off the panel is not recorded any more), a caller by their masked number.
   */
  const recordedIn = (room: LiveRoom, state: RoomRecording) =>
    room.views().filter((p) => {
      const session = room.sessionOf(p.id);
      return state.decisions.get(p.id) === 'consent' && session !== undefined && (p.phone === true || room.presents(session));
    });

  /**
   * What one participant sees: whether recording runs, whose tracks are recorded (through the
   * room's lens: no attendee learns another attendee's name here), whether they are asked, their own decision.
   */
  function viewFor(room: LiveRoom, state: RoomRecording, participantId: string, recorded = recordedIn(room, state)) {
    const session = room.sessionOf(participantId);
    const shown = session ? room.seenBy(session, recorded) : [];
    return {
      type: 'recording.state' as const,
      active: state.active !== undefined,
      mayStart: session?.role === 'host' && state.allowed,
      asked: session !== undefined && asked(room, session),
      decision: state.decisions.get(participantId) ?? null,
      recorded: shown.map((p) => ({ participantId: p.id, displayName: p.displayName, ...(p.phone ? { phone: true as const } : {}) })),
      notice: state.active ? (state.notice ?? null) : null,
      interrupted: state.interrupted && !state.active,
    };
  }

  /** Sends each participant (or those `to` selects) their view; only on changes, since webinars have many. */
  function pushState(room: LiveRoom, state: RoomRecording, to: (participantId: string) => boolean = () => true): void {
    const recorded = recordedIn(room, state);
    for (const participant of room.views())
      if (to(participant.id)) room.sendTo(participant.id, viewFor(room, state, participant.id, recorded));
  }

  /**
   * Starts writing one of a consenting participant's tracks (a new file for each new publication).
   * Asked on consent and again when a publication goes live ('published'), whichever comes last starts
   * a camera or screen: one that is not live yet waits for its 'published', one written already stays in its file.
   */
  async function record(room: LiveRoom, state: RoomRecording, participantId: string, kind: RecordingTrackKind): Promise<void> {
    await room.withMedia(participantId, async (media) => {
      const active = state.active;
      const session = room.sessionOf(participantId);
      if (!active || !session || state.decisions.get(participantId) !== 'consent') return;
      const publication = kind === 'audio' ? undefined : media.livePublication(kind);
      if (kind !== 'audio' && (publication === undefined || state.tracks.get(participantId)?.get(kind)?.publication === publication))
        return;
      await closeTrack(state, participantId, kind);
      const track = await service.openTrack(active.id, session, kind, ++state.sequence);
      const started = await (
        kind === 'audio' ? media.setAudioRecording(track.path) : media.setPublicationRecording(kind, track.path)
      ).catch(async (error: unknown) => {
        await service.discardTrack(active.id, track.id);
        throw error;
      });
      if (!started) return service.discardTrack(active.id, track.id);
      const own = state.tracks.get(participantId) ?? new Map<RecordingTrackKind, { id: string; publication?: number }>();
      own.set(kind, { id: track.id, publication });
      state.tracks.set(participantId, own);
    });
  }

  async function closeTrack(state: RoomRecording, participantId: string, kind: RecordingTrackKind): Promise<void> {
    const track = state.tracks.get(participantId)?.get(kind);
    if (!track) return;
    state.tracks.get(participantId)?.delete(kind);
    await service.closeTrack(track.id);
  }

  const openKinds = (state: RoomRecording, participantId: string) => [...(state.tracks.get(participantId)?.keys() ?? [])];

  /**
   * Stops writing everything of one participant, on their own handles, queued behind their other
   * intents: a track that was being started when this was asked is stopped too.
   */
  async function stopRecordingOf(room: LiveRoom, state: RoomRecording, participantId: string): Promise<void> {
    await room.withMedia(participantId, async (media) => {
      for (const kind of openKinds(state, participantId)) {
        await (kind === 'audio' ? media.setAudioRecording(null) : media.setPublicationRecording(kind, null)).catch(() => false);
        await closeTrack(state, participantId, kind);
      }
    });
    // Without media (left, reconnecting) Janus closed the files with the handles.
    for (const kind of openKinds(state, participantId)) await closeTrack(state, participantId, kind);
  }

  async function stop(room: LiveRoom, state: RoomRecording): Promise<void> {
    const active = state.active;
    if (!active) return;
    state.active = undefined;
    // Everyone, not only those with open tracks: one may be starting a track right now.
    const participants = new Set([...state.tracks.keys(), ...room.views().map((p) => p.id)]);
    await Promise.all([...participants].map((id) => stopRecordingOf(room, state, id).catch(() => undefined)));
    state.tracks.clear();
    state.decisions.clear();
    await service.stop(active.id);
    pushState(room, state);
  }

  /** Only who sends media is asked for consent: a webinar attendee has nothing that could be recorded. */
  const asked = (room: LiveRoom, session: JoinSession) => room.presents(session);

  const hostOnly = ({ session }: IntentContext) => {
    if (session.role !== 'host') throw new AppError('ERR_FORBIDDEN');
  };

  const activeOf = (room: LiveRoom) => {
    const active = stateOf(room).active;
    if (!active) throw new AppError('ERR_RECORDING_NOT_ACTIVE');
    return active;
  };

  /**
   * A phone caller answered the spoken notice with a key (src/telephony): stored as proof with
   * that notice's version and hash, and acted on like the web dialog's buttons (their audio only).
   */
  const decideByPhone: RecordingDecisionByPhone = async (room, participantId, decision, notice) => {
    const state = stateOf(room);
    const session = room.sessionOf(participantId);
    const active = state.active;
    if (!session || !active) return;
    if (decision === 'consent') {
      await service.decide(active.id, session, decision, notice);
      state.decisions.set(participantId, 'consent');
      await record(room, state, participantId, 'audio');
    } else {
      state.decisions.set(participantId, 'decline');
      await stopRecordingOf(room, state, participantId);
      await service.decide(active.id, session, decision, notice);
    }
    pushState(room, state);
  };

  return {
    decideByPhone,
    intents: [
      // The page asks once its recording view is mounted: a push sent before that would be missed.
      defineIntent('recording.status', async ({ room, participantId }) => viewFor(room, stateOf(room), participantId)),

      defineIntent('recording.start', async (context) => {
        hostOnly(context);
        const state = stateOf(context.room);
        await state.takeover;
        if (state.active) throw new AppError('ERR_RECORDING_ACTIVE');
        const recording = await service.start(context.room.roomId, context.session);
        state.active = { id: recording.id };
        state.interrupted = false;
        state.decisions.clear();
        state.sequence = 0;
        pushState(context.room, state);
        return {};
      }),

      defineIntent('recording.stop', async (context) => {
        hostOnly(context);
        activeOf(context.room);
        await stop(context.room, stateOf(context.room));
        return {};
      }),

      // Closing or ignoring the dialog is a decline; only an explicit consent starts anything.
      defineIntent('recording.decide', async (context, message) => {
        const { room, session, participantId } = context;
        const active = activeOf(room);
        if (!asked(room, session)) throw new AppError('ERR_RECORDING_NOT_ASKED');
        const state = stateOf(room);
        const notice = state.notice && noticeShown(state.notice, message.noticeHash);
        if (!notice) throw new AppError('ERR_RECORDING_NOTICE_UNKNOWN');
        state.decisionLimit.take(participantId);
        await service.decide(active.id, session, message.decision, notice);
        if (message.decision === 'decline') {
          state.decisions.set(participantId, 'decline');
          await stopRecordingOf(room, state, participantId);
        } else {
          state.decisions.set(participantId, 'consent');
          for (const kind of kinds) await record(room, state, participantId, kind);
        }
        pushState(room, state);
        return {};
      }),

      defineIntent('recording.withdraw', async (context, message) => {
        const { room, session, participantId } = context;
        const active = activeOf(room);
        const state = stateOf(room);
        const notice = state.notice && noticeShown(state.notice, message.noticeHash);
        if (!notice) throw new AppError('ERR_RECORDING_NOTICE_UNKNOWN');
        state.decisionLimit.take(participantId);
        state.decisions.set(participantId, 'decline');
        await stopRecordingOf(room, state, participantId);
        await service.decide(active.id, session, 'withdraw', notice);
        const erased = message.erase ? await service.eraseParticipant(active.id, participantId) : 0;
        pushState(room, state);
        return { erased };
      }),
    ],

    open(room) {
      const state = stateOf(room);
      const guard = (what: string) => (error: unknown) => log.error({ err: error }, `recording: ${what} failed`);
      // Cluster mode: an owner that went away (crash, restart) while recording left its recording
      // running in the database. Its Janus sessions, and so the writing of every track, ended
      // with it, and the decisions it held in memory are gone: the recording is finished here
      // (made into a file of what was recorded) and the room shows that it stopped; a new one
      // asks everyone again. Not continued: nobody is recorded on a consent this owner never saw.
      if (room.shared)
        state.takeover = service
          .finishLeftIn(room.roomId)
          .then((finished) => {
            if (!finished) return;
            state.interrupted = true;
            pushState(room, state);
          })
          .catch(guard('finishing the recording the previous owner left'));
      void service
        .policy(room.roomId)
        .then((policy) => {
          state.allowed = policy?.allowed ?? false;
          if (policy) state.notice = recordingNoticeFor(policy.retentionDays);
          pushState(room, state, (id) => room.sessionOf(id)?.role === 'host');
        })
        .catch(guard('reading the room policy'));
      // A late joiner sees the dialog before anything of theirs can be recorded: they have no decision yet.
      room.on('connected', (participantId) => {
        // A reconnect dropped their media, and with it the open tracks.
        for (const kind of openKinds(state, participantId)) void closeTrack(state, participantId, kind).catch(guard('closing a track'));
        room.sendTo(participantId, viewFor(room, state, participantId));
      });
      room.on('audio.joined', (participantId) => void record(room, state, participantId, 'audio').catch(guard('recording audio')));
      room.on('published', (participantId, kind) => void record(room, state, participantId, kind).catch(guard('recording a publication')));
      room.on('unpublished', (participantId, kind) => void closeTrack(state, participantId, kind).catch(guard('closing a track')));
      room.on('left', (participantId) => {
        const wasNamed = state.decisions.get(participantId) === 'consent';
        state.decisions.delete(participantId);
        for (const kind of openKinds(state, participantId)) void closeTrack(state, participantId, kind).catch(guard('closing a track'));
        state.tracks.delete(participantId);
        if (room.participantCount === 0) void stop(room, state).catch(guard('stopping'));
        else if (wasNamed) pushState(room, state);
      });
      // Onto a webinar's panel (or made host): asked now. Off the panel: nothing of theirs is recorded any more, and they are asked again if they come back.
      const roleChanged = (participantId: string) => {
        const session = room.sessionOf(participantId);
        if (session && !asked(room, session) && state.decisions.delete(participantId)) {
          void stopRecordingOf(room, state, participantId)
            .catch(guard('stopping someone taken off the panel'))
            .finally(() => pushState(room, state));
        } else room.sendTo(participantId, viewFor(room, state, participantId));
      };
      room.on('panel', roleChanged);
      room.on('role', roleChanged);
      room.on('ended', () => void stop(room, state).catch(guard('stopping')));
    },
  };
}
