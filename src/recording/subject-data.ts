import type { RetentionTask, SubjectDataSource } from '../shared/subject-data.js';
import type { RecordingFiles } from './files.js';
import { recordingRepo } from './repo.js';
import { sweepRecordings } from './retention.js';

/**
 * What the recording domain contributes to the privacy center. People are matched through their
 * registrations (someone who joined with a meeting ID and passcode asks in the room instead:
 * withdraw and delete). Erasure deletes their raw tracks and the finished file that contained
 * them once it committed; the recording service makes the file again from the others' tracks
 * (`renderPending`). The consent proofs stay as long as the recording: consent must be demonstrable.
 */

const tracks = 'recording.tracks';
const consents = 'recording.consents';

export function createRecordingSubjectData(files: RecordingFiles): SubjectDataSource {
  return {
    domain: 'recording',

    async collect(subject, db) {
      const [ownTracks, decisions] = await Promise.all([
        recordingRepo.tracksOfRegistrations(db, subject.registrationIds),
        recordingRepo.consentsOfRegistrations(db, subject.registrationIds),
      ]);
      return [
        ...ownTracks.map((t) => ({
          category: tracks,
          id: t.id,
          registrationId: t.registration_id ?? undefined,
          context: t.title,
          deletesAt: t.delete_after,
          data: { kind: t.kind, displayName: t.display_name, startedAt: t.started_at, stoppedAt: t.stopped_at },
        })),
        ...decisions.map((c) => ({
          category: consents,
          id: c.id,
          registrationId: c.registration_id ?? undefined,
          context: c.title,
          deletesAt: c.delete_after,
          data: {
            decision: c.decision,
            displayName: c.display_name,
            decidedAt: c.decided_at,
            noticeVersion: c.notice_version,
            noticeHash: c.notice_hash,
            scope: c.scope,
          },
        })),
      ];
    },

    async erase(subject, keep, db) {
      const ownTracks = await recordingRepo.tracksOfRegistrations(db, subject.registrationIds);
      const gone = ownTracks.filter((t) => !keep({ category: tracks, id: t.id }));
      const kept = [
        ...ownTracks.filter((t) => !gone.includes(t)).map((t) => ({ category: tracks, id: t.id })),
        ...(await recordingRepo.consentsOfRegistrations(db, subject.registrationIds)).map((c) => ({
          category: consents,
          id: c.id,
          reason: {
            en: 'Proof of consent (Art. 7(1) GDPR); deleted with the recording.',
            de: 'Nachweis der Einwilligung (Art. 7 Abs. 1 DSGVO); gelöscht mit der Aufzeichnung.',
          },
          // The recording's deadline as last computed (the retention run moves it when the host changes the period).
          until: c.delete_after,
        })),
      ];
      await recordingRepo.deleteTracks(
        db,
        gone.map((t) => t.id),
      );
      const remade: string[] = [];
      for (const recordingId of new Set(gone.map((t) => t.recording_id))) {
        const recording = await recordingRepo.findRecording(db, recordingId);
        if (!recording || recording.status === 'recording') continue;
        // The finished file contained them: it goes and is made again without them.
        remade.push(recordingId);
        await recordingRepo.updateRecording(db, recordingId, { status: 'processing', file_size: null, duration_seconds: null });
      }
      const afterCommit = async () => {
        for (const recordingId of remade) await files.removeFinal(recordingId);
        for (const track of gone) await files.removeTrack(track.recording_id, track.file_base);
      };
      return { erased: gone.length, kept, afterCommit };
    },
  };
}

/** The retention engine's task: recordings past their deadline go, file and raw tracks, unless held. */
export function recordingRetentionTask(files: RecordingFiles): RetentionTask {
  return {
    category: tracks,
    // The recording's row (its host) and its consents go with it.
    alsoEnforces: [consents, 'recording.host'],
    rule: "{{days}} days after each recording stopped (RETENTION_RECORDING_DAYS), or the event's retention_recording_days",
    run: (context, db) =>
      sweepRecordings(db, files, { now: context.now, held: (id) => context.held(id), dryRun: context.dryRun, days: context.days }),
  };
}
