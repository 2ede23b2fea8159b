import type { Logger } from 'pino';
import type { AuthService } from '../accounts/auth-service.js';
import type { Actor } from '../accounts/policy.js';
import type { Config } from '../config.js';
import type { RoomFeature } from '../rooms/room-features.js';
import type { PlenumModule } from '../shared/module.js';
import { privateDir } from '../store/private-files.js';
import type { Store } from '../store/store.js';
import { createRecordingFeature, type RecordingDecisionByPhone } from './feature.js';
import { recordingFilesOf } from './files.js';
import { recordingPrivacy } from './privacy.js';
import { debianTools } from './render.js';
import { recordingRoutes } from './routes.js';
import { createRecordingService } from './service.js';
import { createRecordingSubjectData, recordingRetentionTask } from './subject-data.js';

interface RecordingPlatform {
  config: Config;
  store: Store;
  logger: Logger;
  auth: AuthService;
  /** Throws ERR_NOT_FOUND unless the actor may manage the room. */
  ownRoom: (actor: Actor, roomId: string) => Promise<unknown>;
  /** Provided to the telephony module: a caller's consent by key press. */
  recordingByPhone?: RecordingDecisionByPhone;
}

/** Consent, per-participant recording, the rendering job and downloads. */
export const recordingModule: PlenumModule<RecordingPlatform, RoomFeature> = {
  name: 'recording',
  declaration: recordingPrivacy,
  subjectData: ({ config }) => createRecordingSubjectData(recordingFilesOf(config)),
  retentionTasks: (config) => [recordingRetentionTask(recordingFilesOf(config))],
  create: ({ config, store, logger, auth, ownRoom }) => {
    // DATA_DIR/recordings is written by the embedded Janus too (external Janus nodes must share it): the service account's only.
    const files = recordingFilesOf(config);
    privateDir(files.root);
    const recordings = createRecordingService(store, files, debianTools, logger, config.retention.recordingDays);
    const feature = createRecordingFeature(recordings, logger);
    return {
      roomFeature: feature,
      routes: (app) => app.register(recordingRoutes, { auth, recordings, ownRoom }),
      // Recordings whose file must be made again (a participant's tracks were erased through the portal).
      jobs: [{ name: 'recording jobs', everyMs: 60_000, run: () => recordings.renderPending() }],
      start: () => recordings.finishInterrupted(),
      provides: { recordingByPhone: feature.decideByPhone },
    };
  },
};
