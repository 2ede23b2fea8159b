import { recordAudit } from '../privacy/audit.js';
import type { Executor } from '../store/store.js';
import type { RecordingFiles } from './files.js';
import { recordingRepo } from './repo.js';

export interface RecordingSweep {
  now: Date;
  /** True for a recording under a legal hold: it stays. */
  held(recordingId: string): boolean;
  dryRun: boolean;
  /** Days after it stopped a recording is kept unless its event's host set another period (RETENTION_RECORDING_DAYS). */
  days: number;
}

const dayMs = 86_400_000;

/**
 * Deletes recordings past their deadline: the rows, the file and the raw tracks. Returns how many
 * (would) go. The deadline is computed now from the event's period (it may have changed since the
 * recording stopped) and written to delete_after, which the host sees.
 */
export async function sweepRecordings(db: Executor, files: RecordingFiles, { now, held, dryRun, days }: RecordingSweep): Promise<number> {
  const finished = (await recordingRepo.listFinishedWithRetention(db)).map((r) => ({
    ...r,
    deadline: r.stopped_at
      ? new Date(Date.parse(r.stopped_at) + (r.retention_recording_days ?? days) * dayMs).toISOString()
      : r.delete_after,
  }));
  const expired = finished.filter((r) => r.deadline < now.toISOString() && !held(r.id));
  if (dryRun) return expired.length;
  for (const r of finished)
    if (r.deadline !== r.delete_after && !expired.includes(r)) await recordingRepo.updateRecording(db, r.id, { delete_after: r.deadline });
  for (const recording of expired) {
    await recordingRepo.deleteRecording(db, recording.id);
    await files.removeAll(recording.id);
    await recordAudit(db, { kind: 'system' }, { action: 'recording.expired', subject: { type: 'recording', id: recording.id } });
  }
  return expired.length;
}
