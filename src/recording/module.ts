import type { Logger } from 'pino';
import type { AuthService } from '../accounts/auth-service.js';
import type { Actor } from '../accounts/policy.js';
import type { ExclusiveRunner } from '../cluster/jobs.js';
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
  /** Cluster mode: whether no instance owns a room any more (src/rooms/service.ts `abandoned`). */
  rooms: { abandoned(roomId: string): Promise<boolean | undefined> };
  /** Work that runs on one instance at a time across the cluster (src/cluster/jobs.ts). */
  exclusive: ExclusiveRunner;
  /** Provided to the telephony module: a caller's consent by key press. */
  recordingByPhone?: RecordingDecisionByPhone;
}

/** Consent, per-participant recording, the rendering job and downloads. */
export const recordingModule: PlenumModule<RecordingPlatform, RoomFeature> = {
  name: 'recording',
  declaration: recordingPrivacy,
  subjectData: ({ config }) => createRecordingSubjectData(recordingFilesOf(config)),
  retentionTasks: (config) => [recordingRetentionTask(recordingFilesOf(config))],
  create: ({ config, store, logger, auth, ownRoom, rooms, exclusive }) => {
    // DATA_DIR/recordings is written by the embedded Janus too (external Janus nodes must share it): the service account's only.
    const files = recordingFilesOf(config);
    privateDir(files.root);
    // Cluster mode: live recordings are their room owner's; a room nobody owns any more has its recording finished.
    const cluster = config.cluster.redisUrl
      ? { exclusive, abandoned: async (roomId: string) => (await rooms.abandoned(roomId)) === true }
      : undefined;
    const recordings = createRecordingService(store, files, debianTools, logger, config.retention.recordingDays, cluster);
    const feature = createRecordingFeature(recordings, logger);
    return {
      roomFeature: feature,
      routes: (app) => app.register(recordingRoutes, { auth, recordings, ownRoom }),
      // Recordings whose file must be made again (a participant's tracks were erased through the portal); in
      // cluster mode also recordings whose room's owner went away and nobody took the room over.
      jobs: [
        {
          name: 'recording jobs',
          everyMs: 60_000,
          run: async () => {
            await recordings.finishAbandoned();
            await recordings.renderPending();
          },
        },
      ],
      start: () => recordings.finishInterrupted(),
      provides: { recordingByPhone: feature.decideByPhone },
    };
  },
};
