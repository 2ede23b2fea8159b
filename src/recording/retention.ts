import { recordAudit } from '../privacy/audit.js';
import type { Executor } from '../store/store.js';
import type { RecordingFiles } from './files.js';
import { recordingRepo } from './repo.js';

export interface RecordingSweep {
  now: Date;
  /** True for a recording under a legal hold: it stays. */
  held(recordingId: string): boolean;
  dryRun: boolean;
}

/** Deletes recordings past their deadline: the rows, the file and the raw tracks. Returns how many (would) go. */
export async function sweepRecordings(db: Executor, files: RecordingFiles, { now, held, dryRun }: RecordingSweep): Promise<number> {
  const expired = (await recordingRepo.listExpired(db, now.toISOString())).filter((r) => r.status !== 'recording' && !held(r.id));
  if (dryRun) return expired.length;
  for (const recording of expired) {
    await recordingRepo.deleteRecording(db, recording.id);
    await files.removeAll(recording.id);
    await recordAudit(db, { kind: 'system' }, { action: 'recording.expired', subject: { type: 'recording', id: recording.id } });
  }
  return expired.length;
}
