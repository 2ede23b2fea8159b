import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import { ownerScope, permitted, type Actor } from '../accounts/policy.js';
import type { ExclusiveRunner } from '../cluster/jobs.js';
import { AppError } from '../errors.js';
import { recordAudit } from '../privacy/audit.js';
import type { JoinSession } from '../rooms/join-sessions.js';
import type { RecordingDecision, RecordingTable, RecordingTrackKind, RecordingTrackTable } from '../store/schema.js';
import type { Executor, Store } from '../store/store.js';
import type { RecordingFiles } from './files.js';
import { consentScope, recordingNoticeVersion, recordingRetentionDays } from './notice.js';
import { probeDuration, renderRecording, type RenderTools } from './render.js';
import { recordingRepo } from './repo.js';
import { sweepRecordings } from './retention.js';

const dayMs = 86_400_000;

export interface OpenTrack {
  id: string;
  /** Absolute path without Janus' suffix. */
  path: string;
}

/** Cluster mode: what the recording service needs to know of the other instances. */
export interface RecordingCluster {
  /** Runs a recording's rendering on one instance at a time (src/cluster/jobs.ts). */
  exclusive: ExclusiveRunner;
  /** Whether no instance owns the room any more, its last owner fenced off (rooms service `abandoned`). */
  abandoned(roomId: string): Promise<boolean>;
}

/**
 * The rules of recording: whether a room may be recorded, the consent proofs, the tracks Janus
 * writes of consenting participants, the job that turns them into one file, and access to it.
 *
 * `retentionDays`: recordings are deleted this long after they stopped unless their event's host
 * set another period (RETENTION_RECORDING_DAYS). `cluster`: several instances share the database;
 * a recording is being recorded by its room's owner, whichever instance that is, and each file is
 * made by one instance.
 */
export function createRecordingService(
  store: Store,
  files: RecordingFiles,
  tools: RenderTools,
  log: Logger,
  retentionDays = recordingRetentionDays,
  cluster?: RecordingCluster,
) {
  const { db } = store;
  /** Rendering runs one recording at a time: ffmpeg would otherwise take every core of the machine. */
  let jobs: Promise<void> = Promise.resolve();
  const queued = new Set<string>();

  const exclusive: ExclusiveRunner = cluster?.exclusive ?? ((_name, work) => work(db));

  async function owned(actor: Actor, id: string): Promise<RecordingTable> {
    // Who may see, download and delete a recording: whoever may manage its room.
    return permitted(actor, 'rooms.manage', await recordingRepo.findRecording(db, id));
  }

  /** Makes the file of a recording waiting for it, on one instance at a time; one that is made already (by another instance) is left. */
  async function render(id: string): Promise<void> {
    await exclusive(`recording render ${id}`, async (tx) => {
      if ((await recordingRepo.findRecording(tx, id))?.status !== 'processing') return;
      await make(id).catch(async (error: unknown) => {
        log.error({ err: error }, 'rendering a recording failed');
        await recordingRepo.setStatus(db, id, 'failed').catch(() => undefined);
      });
    });
  }

  async function make(id: string): Promise<void> {
    const tracks = await recordingRepo.listTracks(db, id);
    const first = Math.min(...tracks.map((t) => Date.parse(t.started_at)));
    const raw = await Promise.all(
      tracks.map(async (t) => ({
        kind: t.kind,
        files: await files.rawFiles(id, t.file_base),
        offsetMs: Math.max(0, Date.parse(t.started_at) - first),
      })),
    );
    await files.removeFinal(id);
    const written = raw.some((t) => t.files.length) && (await renderRecording(tools, raw, files.finalFile(id)));
    if (!written) {
      // Nobody consented, or nothing carried media: no file, and no directory either.
      await files.removeAll(id);
      await recordingRepo.updateRecording(db, id, { status: 'empty', file_size: null, duration_seconds: null });
      return;
    }
    const size = (await stat(files.finalFile(id))).size;
    const duration = await probeDuration(tools, files.finalFile(id)).catch(() => null);
    await recordingRepo.updateRecording(db, id, { status: 'ready', file_size: size, duration_seconds: duration });
  }

  function enqueueRender(id: string): Promise<void> {
    queued.add(id);
    const job = jobs.then(() =>
      render(id)
        .catch((error: unknown) => log.error({ err: error }, 'a recording could not be rendered; the recording job tries again'))
        .finally(() => queued.delete(id)),
    );
    jobs = job;
    return job;
  }

  async function deleteEverything(tx: Executor, id: string): Promise<void> {
    await recordingRepo.deleteRecording(tx, id);
    await files.removeAll(id);
  }

  function present(r: RecordingTable) {
    return {
      id: r.id,
      roomId: r.room_id,
      title: r.title,
      status: r.status,
      startedAt: r.started_at,
      stoppedAt: r.stopped_at,
      fileSize: r.file_size,
      durationSeconds: r.duration_seconds,
      deleteAfter: r.delete_after,
    };
  }

  return {
    /** Whether the room may be recorded (event rooms: the event's flag; plain meetings: their own), and by whom. */
    async policy(roomId: string) {
      const row = await recordingRepo.roomPolicy(db, roomId);
      if (!row) return undefined;
      const allowed = row.event_id ? row.event_allowed === 1 : row.meeting_allowed === 1;
      return {
        allowed,
        hostAccountId: row.host_account_id,
        title: row.title,
        eventId: row.event_id,
        retentionDays: row.retention_recording_days ?? retentionDays,
      };
    },

    /** A plain meeting's host allows or forbids recording (event rooms follow their event's setting). */
    async setMeetingAllowed(actor: Actor, roomId: string, allowed: boolean): Promise<void> {
      await store.transaction(async (tx) => {
        await recordingRepo.setMeetingAllowed(tx, roomId, allowed);
        await recordAudit(tx, actor, {
          action: allowed ? 'recording.allowed' : 'recording.forbidden',
          subject: { type: 'room', id: roomId },
        });
      });
    },

    /** The host asked to record: a recording exists from now on, but nothing is written before someone consents. */
    async start(roomId: string, host: JoinSession): Promise<RecordingTable> {
      const policy = await this.policy(roomId);
      if (!policy?.allowed) throw new AppError('ERR_RECORDING_NOT_ALLOWED');
      const now = new Date();
      const row: RecordingTable = {
        id: randomBytes(32).toString('base64url'),
        room_id: roomId,
        host_account_id: policy.hostAccountId,
        title: policy.title,
        status: 'recording',
        started_at: now.toISOString(),
        stopped_at: null,
        file_size: null,
        duration_seconds: null,
        delete_after: new Date(now.getTime() + policy.retentionDays * dayMs).toISOString(),
      };
      await store.transaction(async (tx) => {
        await recordingRepo.insertRecording(tx, row);
        await recordAudit(
          tx,
          { kind: 'staff', accountId: host.accountId ?? policy.hostAccountId },
          { action: 'recording.started', subject: { type: 'room', id: roomId } },
        );
      });
      return row;
    },

    /** Stores a decision as proof: who, when, which notice text (version and hash), for which tracks. */
    async decide(
      recordingId: string,
      session: JoinSession,
      decision: RecordingDecision,
      notice: { language: string; hash: string; version?: string; scope?: readonly string[] },
    ): Promise<void> {
      await recordingRepo.insertConsent(db, {
        id: randomUUID(),
        recording_id: recordingId,
        participant_id: session.participantId,
        registration_id: session.registrationId,
        account_id: session.accountId,
        display_name: session.displayName,
        decision,
        decided_at: new Date().toISOString(),
        // A caller's proof names the spoken notice's own version (src/telephony/recording-consent.ts).
        notice_version: notice.version ?? recordingNoticeVersion,
        notice_hash: notice.hash,
        notice_language: notice.language,
        scope: (notice.scope ?? consentScope).join(','),
      });
    },

    /** A consenting participant's track is about to be written: its row, and the directory on first use. */
    async openTrack(recordingId: string, session: JoinSession, kind: RecordingTrackKind, sequence: number): Promise<OpenTrack> {
      const track: RecordingTrackTable = {
        id: randomUUID(),
        recording_id: recordingId,
        participant_id: session.participantId,
        registration_id: session.registrationId,
        display_name: session.displayName,
        kind,
        file_base: `${String(sequence).padStart(3, '0')}-${session.participantId}-${kind}`,
        started_at: new Date().toISOString(),
        stopped_at: null,
      };
      await files.prepare(recordingId);
      await recordingRepo.insertTrack(db, track);
      return { id: track.id, path: files.trackPath(recordingId, track.file_base) };
    },

    /** Janus did not start the track (no such handle): forget it, and the directory if it is still empty. */
    async discardTrack(recordingId: string, trackId: string): Promise<void> {
      await recordingRepo.deleteTracks(db, [trackId]);
      await files.dropIfEmpty(recordingId);
    },

    closeTrack: (trackId: string) => recordingRepo.stopTrack(db, trackId, new Date().toISOString()).then(() => undefined),

    /** A participant asked for what was recorded of them to be deleted: their raw tracks go now. */
    async eraseParticipant(recordingId: string, participantId: string): Promise<number> {
      const tracks = (await recordingRepo.listTracks(db, recordingId)).filter((t) => t.participant_id === participantId);
      for (const track of tracks) await files.removeTrack(recordingId, track.file_base);
      await store.transaction(async (tx) => {
        await recordingRepo.deleteTracks(
          tx,
          tracks.map((t) => t.id),
        );
        await recordAudit(
          tx,
          { kind: 'public' },
          { action: 'recording.participant_erased', subject: { type: 'recording', id: recordingId }, detail: { tracks: tracks.length } },
        );
      });
      const recording = await recordingRepo.findRecording(db, recordingId);
      // A finished file contains them too: make it again from the others' tracks.
      if (recording && recording.status !== 'recording') {
        await recordingRepo.updateRecording(db, recordingId, { status: 'processing', file_size: null, duration_seconds: null });
        await enqueueRender(recordingId);
      } else await files.dropIfEmpty(recordingId);
      return tracks.length;
    },

    /**
     * Recording stopped: every track is closed, and the job makes the file. Resolves when the job
     * is queued; `stopped` is false when the recording had been stopped already (by another instance).
     */
    async stop(recordingId: string): Promise<{ stopped: boolean; done: Promise<void> }> {
      const now = new Date();
      const stopped = await store.transaction(async (tx) => {
        const change = { stopped_at: now.toISOString(), delete_after: new Date(now.getTime() + retentionDays * dayMs).toISOString() };
        if (!(await recordingRepo.markStopped(tx, recordingId, change))) return false;
        await recordingRepo.stopAllTracks(tx, recordingId, now.toISOString());
        return true;
      });
      return { stopped, done: stopped ? enqueueRender(recordingId) : Promise.resolve() };
    },

    /**
     * After a restart: recordings the previous process did not finish are made into files now.
     * Cluster mode: only those of rooms no instance owns any more (`finishAbandoned`); another
     * instance's live recording is left to it.
     */
    async finishInterrupted(): Promise<void> {
      if (cluster) await this.finishAbandoned();
      else for (const recording of await recordingRepo.listRecordingNow(db)) await this.stop(recording.id);
      await this.renderPending();
    },

    /**
     * Cluster mode: a recording whose room no instance owns (its owner died or restarted and
     * nobody opened the room again) is stopped and made into a file of what was recorded. A room
     * an instance owns is left alone: its owner records it, or finished it on taking the room over.
     */
    async finishAbandoned(): Promise<void> {
      if (!cluster) return;
      for (const recording of await recordingRepo.listRecordingNow(db)) {
        // Redis out of reach: nobody can tell whether the room is owned; the recording job asks again.
        const abandoned = await cluster.abandoned(recording.room_id).catch(() => false);
        if (abandoned) await this.stop(recording.id);
      }
    },

    /**
     * Cluster mode: this instance took the room over from an owner that went away while it was
     * recording. Janus stopped writing with that owner's sessions; the recording is finished
     * (made into a file of what was recorded) rather than continued: a new one asks everyone again.
     * Returns how many recordings this call finished.
     */
    async finishLeftIn(roomId: string): Promise<number> {
      let finished = 0;
      for (const recording of await recordingRepo.listRecordingNow(db, roomId)) if ((await this.stop(recording.id)).stopped) finished++;
      return finished;
    },

    async list(actor: Actor, roomId?: string) {
      const rows = await recordingRepo.list(db, { roomId, ownerId: ownerScope(actor, 'rooms.manage') });
      return rows.map(present);
    },

    async get(actor: Actor, id: string) {
      const recording = await owned(actor, id);
      const [tracks, consents] = await Promise.all([recordingRepo.listTracks(db, id), recordingRepo.listConsents(db, id)]);
      return {
        ...present(recording),
        tracks: tracks.map((t) => ({
          participantId: t.participant_id,
          displayName: t.display_name,
          kind: t.kind,
          fileBase: t.file_base,
          startedAt: t.started_at,
          stoppedAt: t.stopped_at,
        })),
        consents: consents.map((c) => ({
          participantId: c.participant_id,
          displayName: c.display_name,
          decision: c.decision,
          decidedAt: c.decided_at,
          noticeVersion: c.notice_version,
          noticeHash: c.notice_hash,
          noticeLanguage: c.notice_language,
          scope: c.scope.split(','),
        })),
      };
    },

    /** The file to download; the download is audited. */
    async download(actor: Actor, id: string) {
      const recording = await owned(actor, id);
      if (recording.status !== 'ready') throw new AppError('ERR_RECORDING_NOT_READY');
      const file = files.finalFile(id);
      const size = (await stat(file)).size;
      await recordAudit(db, actor, { action: 'recording.downloaded', subject: { type: 'recording', id } });
      return { title: recording.title, size, stream: createReadStream(file) };
    },

    /** The host deletes a recording: the file, the raw tracks and the rows, at once. */
    async delete(actor: Actor, id: string): Promise<void> {
      const recording = await owned(actor, id);
      if (recording.status === 'recording') throw new AppError('ERR_RECORDING_ACTIVE');
      await store.transaction(async (tx) => {
        await deleteEverything(tx, id);
        await recordAudit(tx, actor, { action: 'recording.deleted', subject: { type: 'recording', id } });
      });
    },

    /** Retention: recordings past their deadline go with their raw tracks. Returns how many. */
    sweep: (now = new Date(), held: (id: string) => boolean = () => false, dryRun = false) =>
      store.transaction((tx) => sweepRecordings(tx, files, { now, held, dryRun, days: retentionDays })),

    /** Recordings waiting for their file (e.g. after an erasure through the privacy portal) are made now. */
    async renderPending(): Promise<void> {
      for (const recording of await recordingRepo.listProcessing(db)) if (!queued.has(recording.id)) void enqueueRender(recording.id);
    },

    /** Waits for the rendering jobs queued so far (tests, shutdown). */
    idle: () => jobs,
  };
}

export type RecordingService = ReturnType<typeof createRecordingService>;
