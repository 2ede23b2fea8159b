import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAuthService } from './accounts/auth-service.js';
import { accountsRoutes } from './accounts/routes.js';
import { createStaffService } from './accounts/staff-service.js';
import { createChatFeature } from './chat/feature.js';
import { chatRoutes } from './chat/routes.js';
import { createChatService } from './chat/service.js';
import { chatRetentionTasks, createChatSubjectData } from './chat/subject-data.js';
import type { Config } from './config.js';
import { defaultCaptchaDifficulty, createCaptcha, type CaptchaDifficulty } from './shared/captcha.js';
import { createEventsService } from './events/events-service.js';
import { createPrivacyNotice } from './privacy/notice.js';
import { publicRegistrationRoutes } from './events/public-routes.js';
import { createRegistrationService } from './events/registration-service.js';
import { eventsRoutes } from './events/routes.js';
import { createSeats, type Seats } from './events/seats.js';
import { callbackRoutes } from './callback/routes.js';
import { createCallbackService } from './callback/service.js';
import { createCallbackSubjectData } from './callback/subject-data.js';
import { createEventsSubjectData, eventsRetentionTasks } from './events/subject-data.js';
import { createMailSubjectData } from './mail/subject-data.js';
import { createPrivacyCenter } from './privacy/center.js';
import type { SubjectDataSources } from './privacy/subject.js';
import { createRoomsSubjectData } from './rooms/subject-data.js';
import { createHttpServer } from './http/app.js';
import { healthRoutes } from './http/health.js';
import { createLogger } from './http/logging.js';
import { mailRoutes } from './mail/routes.js';
import { createMailService, type MailService } from './mail/service.js';
import { createMediaPlane } from './media/media-plane.js';
import { createQaFeature } from './qa/feature.js';
import { createPollsFeature } from './qa/polls.js';
import { qaRoutes } from './qa/routes.js';
import { createQaService } from './qa/service.js';
import { createQaSubjectData, qaRetentionTasks } from './qa/subject-data.js';
import { createRecordingFeature } from './recording/feature.js';
import { RecordingFiles } from './recording/files.js';
import { debianTools } from './recording/render.js';
import { recordingRoutes } from './recording/routes.js';
import { coreIntentTypes } from './rooms/protocol.js';
import { createRecordingService } from './recording/service.js';
import { createRecordingSubjectData, recordingRetentionTask } from './recording/subject-data.js';
import { roomsRoutes } from './rooms/routes.js';
import { createRoomsService } from './rooms/service.js';
import { privateDir } from './store/private-files.js';
import { openStore, type Store, type StoreOptions } from './store/store.js';
import { personalDialIn } from './telephony/personal-pins.js';
import { telephonyRoutes } from './telephony/routes.js';
import { createTelephonySubjectData } from './telephony/subject-data.js';
import { createTelephony } from './telephony/service.js';

export interface Plenum {
  app: FastifyInstance;
  store: Store;
  /** Tests read the mails as sent (links included) through it; the store never holds the links. */
  mail: MailService;
  logger: Logger;
  /** Printed once when the store has no account yet; creates the first admin. */
  setupLink: string | undefined;
  /** Every intent type the room WebSocket accepts besides hello (the intent matrix test checks each has a row). */
  roomIntentTypes: readonly string[];
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface PlenumOptions {
  logger?: Logger;
  store?: StoreOptions;
  /** Tests and benchmarks make the registration captcha cheaper to solve; verifying costs the same. */
  captchaDifficulty?: CaptchaDifficulty;
}

const hourMs = 3_600_000;

/** The repository root, whether running from src/ (tsx) or dist/src/ (built). */
function appRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.split(path.sep).includes('dist') ? path.resolve(here, '../..') : path.resolve(here, '..');
}

/** Where recordings are written: DATA_DIR/recordings (an external Janus must write to the same directory). */
const recordingFiles = (config: Config) => new RecordingFiles(path.join(config.dataDir, 'recordings'));

/**
 * What each domain contributes to the privacy center: its data subject's items (export, erasure)
 * and retention the declarations alone cannot enforce. A domain with personal data adds its own.
 * Also used by `npm run purge` (scripts/purge.ts).
 */
export function privacyContributions(config: Config, seats?: Seats): SubjectDataSources {
  return {
    sources: [
      createEventsSubjectData(seats),
      createRoomsSubjectData(),
      createMailSubjectData(),
      createCallbackSubjectData(),
      createRecordingSubjectData(recordingFiles(config)),
      createTelephonySubjectData(),
      createChatSubjectData(),
      createQaSubjectData(),
    ],
    retentionTasks: [
      ...eventsRetentionTasks(config.retention.registrationDays),
      recordingRetentionTask(recordingFiles(config), config.retention.recordingDays),
      ...chatRetentionTasks(),
      ...qaRetentionTasks(),
    ],
  };
}

/** Wiring only: config → store → media → services → HTTP → jobs. */
export async function createPlenum(config: Config, options: PlenumOptions = {}): Promise<Plenum> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // DATA_DIR holds the SQLite file, recordings and Janus' config: the service account's only.
  privateDir(config.dataDir);
  privateDir(recordingFiles(config).root);
  const store = openStore(config.database, {
    ...options.store,
    onVacuumFailure: (err) => logger.warn({ err }, 'vacuum after deleting personal data failed; autovacuum reclaims the rows later'),
  });
  await store.migrate();

  const media = createMediaPlane(config, logger.child({ domain: 'media' }));
  const mail = createMailService(config.mail, store, logger.child({ domain: 'mail' }));
  const captcha = createCaptcha(options.captchaDifficulty ?? defaultCaptchaDifficulty);
  const auth = createAuthService(store, config, captcha);
  const staff = createStaffService(store, mail, auth, config);
  const notice = createPrivacyNotice(config.organisation, config.retention);
  const seats = createSeats(
    mail,
    config.http.publicUrl,
    config.telephony?.dialInNumber ? personalDialIn(config.telephony.dialInNumber) : undefined,
  );
  // Rooms admit registrants through their join links; the registration service is created below.
  // Chat checks room ownership through the rooms service, created next with chat plugged in.
  const chat = createChatService(store, (actor, roomId) => rooms.getMeeting(actor, roomId));
  const qa = createQaService(store, (actor, roomId) => rooms.getMeeting(actor, roomId));
  // Recording writes into DATA_DIR/recordings, where the embedded Janus runs too (external Janus nodes must share it).
  const recordings = createRecordingService(
    store,
    recordingFiles(config),
    debianTools,
    logger.child({ domain: 'recording' }),
    config.retention.recordingDays,
  );
  const recordingFeature = createRecordingFeature(recordings, logger.child({ domain: 'recording' }));
  const roomFeatures = [
    createChatFeature(chat, logger.child({ domain: 'chat' })),
    createQaFeature(qa, logger.child({ domain: 'qa' })),
    createPollsFeature(),
    recordingFeature,
  ];
  const rooms = createRoomsService(
    store,
    media,
    auth,
    (token) => registrations.resolveJoinToken(token),
    config.http.publicUrl,
    logger.child({ domain: 'rooms' }),
    {
      features: roomFeatures,
      dialInNumber: config.telephony?.dialInNumber,
      captcha,
    },
  );
  const telephony = createTelephony(config.telephony, store, rooms, logger.child({ domain: 'telephony' }), recordingFeature.decideByPhone);
  const events = createEventsService(store, mail, notice, config, seats, rooms);
  const registrations = createRegistrationService(store, mail, captcha, notice, events, seats, config.retention.unconfirmedHours);

  const app = await createHttpServer({
    logger,
    trustProxy: config.http.trustProxy,
    defaultLanguage: config.defaultLanguage,
    publicUrl: config.http.publicUrl,
    requestsPerMinute: config.http.requestsPerMinute,
    webRoot: path.join(appRoot(), 'dist', 'web'),
  });
  const cookies = { secure: config.http.secureCookies };
  const privacy = await createPrivacyCenter({
    store,
    mail,
    auth,
    captcha,
    notice,
    config,
    logger: logger.child({ domain: 'privacy' }),
    contributions: privacyContributions(config, seats),
  });
  await app.register(healthRoutes, { store: () => store.ping(), media: () => media.status() });
  await app.register(accountsRoutes, { prefix: '/api', auth, staff, cookies });
  await app.register(mailRoutes, { prefix: '/api', auth, mail });
  await privacy.register(app);
  await app.register(callbackRoutes, { prefix: '/api', auth, callbacks: createCallbackService(store, captcha, notice) });
  await app.register(eventsRoutes, { prefix: '/api', auth, events, registrations });
  await app.register(publicRegistrationRoutes, { prefix: '/api', events, registrations, captcha });
  await app.register(roomsRoutes, { prefix: '/api', auth, rooms, publicUrl: config.http.publicUrl });
  await app.register(telephonyRoutes, { prefix: '/api', auth, telephony });
  await app.register(chatRoutes, { prefix: '/api', auth, chat });
  await app.register(qaRoutes, { prefix: '/api', auth, qa });
  await app.register(recordingRoutes, { prefix: '/api', auth, recordings, ownRoom: (actor, roomId) => rooms.getMeeting(actor, roomId) });
  await app.ready();

  const setupToken = await auth.prepareSetup();
  const setupLink = setupToken ? new URL(`/setup#${setupToken}`, config.http.publicUrl).toString() : undefined;

  const sessionSweep = setInterval(
    () => void auth.sweepSessions().catch((err: unknown) => logger.error({ err }, 'session sweep failed')),
    hourMs,
  );
  sessionSweep.unref();
  // Unconfirmed registrations are deleted 24 h after registering; checked every 10 minutes.
  const registrationSweep = setInterval(
    () => void registrations.sweep().catch((err: unknown) => logger.error({ err }, 'registration sweep failed')),
    10 * 60_000,
  );
  registrationSweep.unref();
  privacy.start();
  // Recordings whose file must be made again (a participant's tracks were erased through the portal); their retention runs with the privacy center's.
  const recordingSweep = setInterval(
    () => void recordings.renderPending().catch((err: unknown) => logger.error({ err }, 'recording jobs failed')),
    60_000,
  );
  recordingSweep.unref();
  await recordings.finishInterrupted();
  mail.start();
  media.start();
  await telephony.start();

  return {
    app,
    store,
    mail,
    logger,
    setupLink,
    roomIntentTypes: [...coreIntentTypes, ...rooms.featureIntents.keys()].filter((type) => type !== 'hello'),
    listen: () => app.listen({ host: config.http.host, port: config.http.port }),
    async close() {
      await privacy.stop();
      clearInterval(sessionSweep);
      clearInterval(registrationSweep);
      clearInterval(recordingSweep);
      await telephony.stop();
      await rooms.stop();
      await app.close();
      await Promise.all([mail.stop(), media.stop()]);
      await store.close();
    },
  };
}
