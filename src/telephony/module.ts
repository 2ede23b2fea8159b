import type { Logger } from 'pino';
import type { AuthService } from '../accounts/auth-service.js';
import type { Config } from '../config.js';
import type { RecordingDecisionByPhone } from '../recording/feature.js';
import type { RoomsService } from '../rooms/service.js';
import type { PlenumModule } from '../shared/module.js';
import type { Store } from '../store/store.js';
import { telephonyPrivacy } from './privacy.js';
import { telephonyRoutes } from './routes.js';
import { createTelephony } from './service.js';
import { createTelephonySubjectData } from './subject-data.js';

interface TelephonyPlatform {
  config: Config;
  store: Store;
  logger: Logger;
  auth: AuthService;
  rooms: RoomsService;
  /** From the recording module (listed before this one): a caller's consent by key press. */
  recordingByPhone?: RecordingDecisionByPhone;
}

/** Phone dial-in: SIP endpoint, IVR, RTP relay into the AudioBridge, call records. */
export const telephonyModule: PlenumModule<TelephonyPlatform> = {
  name: 'telephony',
  declaration: telephonyPrivacy,
  subjectData: createTelephonySubjectData,
  create: ({ config, store, logger, auth, rooms, recordingByPhone }) => {
    const telephony = createTelephony(config.telephony, store, rooms, logger, recordingByPhone);
    return {
      routes: (app) => app.register(telephonyRoutes, { auth, telephony }),
      start: () => telephony.start(),
      stop: () => telephony.stop(),
    };
  },
};
