import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAuthService } from './accounts/auth-service.js';
import { connectCluster, createCluster } from './cluster/cluster.js';
import { createExclusiveRunner, createJobRunner, type ExclusiveRunner } from './cluster/jobs.js';
import { redisFailureCounts } from './cluster/failure-counts.js';
import { RoomLeases } from './cluster/room-lease.js';
import { InstanceBus } from './cluster/instance-bus.js';
import { InstanceDirectory } from './cluster/instance-directory.js';
import { joinSessionLifetimeMs } from './rooms/join-sessions.js';
import { redisRoomOwnership } from './cluster/room-ownership.js';
import { accountsModule } from './accounts/module.js';
import { createStaffService } from './accounts/staff-service.js';
import { callbackModule } from './callback/module.js';
import { chatModule } from './chat/module.js';
import type { Config } from './config.js';
import { createEventsService } from './events/events-service.js';
import { eventsModule } from './events/module.js';
import { createRegistrationService } from './events/registration-service.js';
import { createPanelists } from './events/panelists.js';
import { createSeats } from './events/seats.js';
import { createHttpServer } from './http/app.js';
import { healthRoutes } from './http/health.js';
import { createLogger } from './http/logging.js';
import { mailModule } from './mail/module.js';
import { createMailService, type MailService } from './mail/service.js';
import { createMediaPlane } from './media/media-plane.js';
import { turnRelayPrivacy } from './media/privacy.js';
import { pollsModule } from './polls/module.js';
import { createPrivacyCenter } from './privacy/center.js';
import { privacyModule } from './privacy/module.js';
import { createPrivacyNotice } from './privacy/notice.js';
import { qaModule } from './qa/module.js';
import type { RecordingDecisionByPhone } from './recording/feature.js';
import { recordingModule } from './recording/module.js';
import { roomsModule } from './rooms/module.js';
import { settingsModule } from './settings/module.js';
import { createSettingsService, type SettingsService } from './settings/service.js';
import { createRoomsService } from './rooms/service.js';
import { redisJoinSessions } from './rooms/redis-join-sessions.js';
import { createCaptcha, defaultCaptchaDifficulty, type CaptchaDifficulty } from './shared/captcha.js';
import type { Job } from './shared/module.js';
import { coreIntentTypes } from './shared/protocol/index.js';
import type { PrivacyDeclaration } from './shared/privacy-declaration.js';
import type { SubjectDataSources } from './shared/subject-data.js';
import { privateDir } from './store/private-files.js';
import { openStore, type Store, type StoreOptions } from './store/store.js';
import { personalDialIn } from './telephony/personal-pins.js';
import { telephonyModule } from './telephony/module.js';

/**
 * Plenum's domains. A domain is its folder and its `module.ts` (src/shared/module.ts); listing it
 * here wires it: its declaration reaches the privacy center, its room feature the live rooms,
 * its routes `/api`, its jobs the scheduler. The order is the privacy notice's and inventory's
 * order, and the order modules start in (they stop in reverse); a module that uses what another
 * provides comes after it (telephony after recording).
 */
export const modules = [
  accountsModule,
  mailModule,
  privacyModule,
  eventsModule,
  roomsModule,
  callbackModule,
  chatModule,
  qaModule,
  pollsModule,
  recordingModule,
  telephonyModule,
  settingsModule,
] as const;

/**
 * Every module's declaration and the TURN relay's (the media plane is no module): the privacy
 * center, the notice, the inventory and the registry test read these.
 */
export const privacyDeclarations: readonly PrivacyDeclaration[] = [
  ...modules.flatMap((m) => (m.declaration ? [m.declaration] : [])),
  turnRelayPrivacy,
];

/** The declarations a running Plenum tells people about: the TURN relay's only where one is configured. */
export function declarationsInForce(config: Config): readonly PrivacyDeclaration[] {
  return config.turn ? privacyDeclarations : privacyDeclarations.filter((d) => d !== turnRelayPrivacy);
}

export interface Plenum {
  app: FastifyInstance;
  store: Store;
  /** Tests read the mails as sent (links included) through it; the store never holds the links. */
  mail: MailService;
  logger: Logger;
  /** Names this instance (INSTANCE_ID or generated) in logs and /healthz. */
  instanceId: string;
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

/** The repository root, whether running from src/ (tsx) or dist/src/ (built). */
function appRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.split(path.sep).includes('dist') ? path.resolve(here, '../..') : path.resolve(here, '..');
}

/**
 * What the modules contribute to the privacy center beyond their declarations: their data
 * subject's items (export, erasure) and retention the declarations alone cannot enforce.
 * Also used by `npm run purge` (scripts/purge.ts), which has no platform: retention only.
 */
export function retentionTasks(config: Config) {
  return modules.flatMap((m) => m.retentionTasks?.(config) ?? []);
}

/** Wiring only: config → store → media → platform services → modules → HTTP → jobs. */
export async function createPlenum(config: Config, options: PlenumOptions = {}): Promise<Plenum> {
  // Cluster mode (REDIS_URL): several instances share PostgreSQL and Redis; every log line names its instance.
  const logger = (options.logger ?? createLogger(config.logLevel)).child({ instance: config.cluster.instanceId });
  const cluster = createCluster(config.cluster, logger.child({ domain: 'cluster' }));
  await connectCluster(cluster).catch(async (error: unknown) => {
    await cluster.close();
    throw error;
  });
  const shared = cluster.redis ? { instanceId: cluster.instanceId } : undefined;
  // Cluster mode: messages between instances (webinar attendees of a room owned elsewhere, revoked links).
  const bus =
    cluster.redis &&
    new InstanceBus(
      () => cluster.ready(),
      cluster.redis.duplicate({ enableOfflineQueue: true, connectionName: `plenum:${cluster.instanceId}:bus` }),
      cluster.keyPrefix,
      cluster.instanceId,
      logger.child({ domain: 'cluster' }),
    );
  await bus?.start();
  // Cluster mode: where each instance is reached, so a room socket that reached another instance is relayed to the owner.
  const directory = cluster.redis && new InstanceDirectory(() => cluster.ready(), cluster.keyPrefix, cluster.instanceId, logger);
  // DATA_DIR holds the SQLite file, recordings and Janus' config: the service account's only.
  privateDir(config.dataDir);
  const store = openStore(config.database, {
    ...options.store,
    onVacuumFailure: (err) => logger.warn({ err }, 'vacuum after deleting personal data failed; autovacuum reclaims the rows later'),
  });
  await store.migrate();

  // The platform: the services every module may use, in the order they need each other.
  const media = createMediaPlane(config, logger.child({ domain: 'media' }), { store, cluster });
  const mail = createMailService(config.mail, store, logger.child({ domain: 'mail' }), { cluster: shared });
  const captcha = createCaptcha(options.captchaDifficulty ?? defaultCaptchaDifficulty);
  // The organisation settings page overrides ORG_NAME & co.; mails, pages and the notice read them when they are made.
  const settings = createSettingsService(store, config);
  await settings.load();
  const organisationView = {
    ...config,
    get organisation() {
      const { name, address, privacyEmail, dpo } = settings.current();
      return { name, address, privacyEmail, dpo: dpo && { name: dpo.name, email: dpo.email } };
    },
  };
  // Cluster mode: wrong passcodes and logins count across instances (alternating between them gains no guesses).
  const failureCounts = cluster.redis && redisFailureCounts(() => cluster.ready(), cluster.keyPrefix, logger.child({ domain: 'cluster' }));
  const auth = createAuthService(store, organisationView, captcha, { sharedStore: shared !== undefined, failureCounts });
  const staff = createStaffService(store, mail, auth, organisationView);
  const declarations = declarationsInForce(config);
  const notice = createPrivacyNotice(settings.current, config.retention, declarations);
  const seats = createSeats(
    mail,
    config.http.publicUrl,
    config.telephony?.dialInNumber ? personalDialIn(config.telephony.dialInNumber) : undefined,
  );
  // Rooms admit registrants through their join links; the registration service is created below.
  const rooms = createRoomsService(
    store,
    media,
    auth,
    // A registrant's link, else an invited panelist's (which says why when it no longer admits).
    async (token) => (await registrations.resolveJoinToken(token)) ?? panelists.resolve(token),
    config.http.publicUrl,
    logger.child({ domain: 'rooms' }),
    {
      dialInNumber: config.telephony?.dialInNumber,
      captcha,
      organiser: config.organisation.name,
      eventDetails: (eventId) => events.webinarDetails(eventId),
      failureCounts,
      joinSessions: cluster.redis && redisJoinSessions(() => cluster.ready(), cluster.keyPrefix, logger.child({ domain: 'rooms' })),
      // Cluster mode: one owner instance per live room, through a Redis lease with fencing (src/cluster/room-ownership.ts).
      ownership:
        cluster.redis &&
        redisRoomOwnership(
          new RoomLeases(() => cluster.ready(), cluster.keyPrefix, cluster.instanceId, {
            ttlMs: config.cluster.roomLeaseMs,
            stateTtlMs: joinSessionLifetimeMs,
          }),
          logger.child({ domain: 'cluster' }),
        ),
      instanceUrl: directory && ((instanceId) => directory.urlOf(instanceId)),
      bus,
    },
  );
  const events = createEventsService(store, mail, notice, config, seats, rooms);
  const registrations = createRegistrationService(store, mail, captcha, notice, events, seats, config.retention.unconfirmedHours);
  const panelists = createPanelists(store, mail, config.http.publicUrl, {
    events,
    inviterName: async (actor) => {
      const profile = await auth.profile(actor);
      return profile.kind === 'staff' ? profile.displayName : settings.current().name;
    },
  });
  const platform: {
    config: Config;
    store: Store;
    mail: MailService;
    captcha: typeof captcha;
    settings: SettingsService;
    auth: typeof auth;
    staff: typeof staff;
    notice: typeof notice;
    seats: typeof seats;
    rooms: typeof rooms;
    events: typeof events;
    registrations: typeof registrations;
    panelists: typeof panelists;
    bus?: InstanceBus;
    exclusive: ExclusiveRunner;
    ownRoom: typeof rooms.getMeeting;
    recordingByPhone?: RecordingDecisionByPhone;
  } = {
    config,
    store,
    mail,
    captcha,
    settings,
    auth,
    staff,
    notice,
    seats,
    rooms,
    events,
    registrations,
    panelists,
    bus,
    // Work that must not run on two instances at once (a recording's rendering).
    exclusive: createExclusiveRunner(store, cluster),
    ownRoom: (actor, roomId) => rooms.getMeeting(actor, roomId),
  };

  // The modules, wired alike: each built with its own logger; its room feature plugged into every room.
  const parts = modules.map((m) => {
    const built = m.create?.({ ...platform, logger: logger.child({ domain: m.name }) }) ?? {};
    if (built.provides) Object.assign(platform, built.provides);
    if (built.roomFeature) rooms.plug(built.roomFeature);
    return { name: m.name, ...built };
  });

  const app = await createHttpServer({
    logger,
    trustProxy: config.http.trustProxy,
    defaultLanguage: config.defaultLanguage,
    publicUrl: config.http.publicUrl,
    requestsPerMinute: config.http.requestsPerMinute,
    webRoot: path.join(appRoot(), 'dist', 'web'),
    rateLimitStore: cluster.redis && { redis: cluster.redis, nameSpace: `${cluster.keyPrefix}rl:` },
  });
  // Jobs run once across instances (cluster mode: an advisory lock and a claimed period, src/cluster/jobs.ts).
  const runJob = createJobRunner(store, cluster);
  const contributions: SubjectDataSources = {
    sources: modules.flatMap((m) => (m.subjectData ? [m.subjectData({ ...platform, logger })] : [])),
    retentionTasks: retentionTasks(config),
  };
  const privacy = await createPrivacyCenter({
    store,
    mail,
    auth,
    captcha,
    notice,
    config,
    logger: logger.child({ domain: 'privacy' }),
    declarations,
    contributions,
    settings,
    runJob,
  });
  await app.register(healthRoutes, {
    instance: cluster.instanceId,
    store: () => store.ping(),
    cluster: () => cluster.status(),
    media: () => media.status(),
    turn: () => media.relayStatus(),
  });
  for (const part of parts) {
    const { routes } = part;
    if (routes) await app.register(async (api) => void (await routes(api)), { prefix: '/api' });
    if (part.pages) await app.register(async (root) => void (await part.pages?.(root)));
    // The privacy center's routes come at the privacy module's place in the list.
    if (part.name === privacyModule.name) await privacy.register(app);
  }
  await app.ready();
  const reloadShared = async () => {
    await settings.load();
    await privacy.processors.load();
  };

  const setupToken = await auth.prepareSetup();
  const setupLink = setupToken ? new URL(`/setup#${setupToken}`, config.http.publicUrl).toString() : undefined;

  const timers = parts.flatMap((part) => (part.jobs ?? []).map((job) => schedule(job, part.name, runJob, logger)));
  // Cluster mode: another instance may have changed the organisation settings or the processor
  // registry; every instance reads them again from the database, so all show the same notice.
  if (cluster.redis)
    timers.push(
      schedule({ name: 'shared settings reload', everyMs: sharedReloadMs, run: reloadShared }, 'privacy', (job) => job.run(), logger),
    );
  privacy.start();
  // Media first, as before modules: the SIP endpoint (telephony's start) admits callers into rooms on Janus.
  media.start();
  mail.start();
  for (const part of parts) await part.start?.();

  let closing: Promise<void> | undefined;
  return {
    app,
    store,
    mail,
    logger,
    instanceId: cluster.instanceId,
    setupLink,
    roomIntentTypes: [...coreIntentTypes, ...rooms.featureIntents.keys()].filter((type) => type !== 'hello'),
    async listen() {
      const address = await app.listen({ host: config.http.host, port: config.http.port });
      await directory?.register(config.cluster.internalUrl ?? address);
      return address;
    },
    close() {
      // Once: a second call (a test's clean-up after a test stopped the instance) waits for the first.
      closing ??= closeAll();
      return closing;
    },
  };
  async function closeAll(): Promise<void> {
    await directory?.stop();
    await privacy.stop();
    for (const timer of timers) clearInterval(timer);
    for (const part of parts.toReversed()) await part.stop?.();
    await app.close();
    // After the HTTP server: requests that were still running may have queued mail whose links
    // are held in memory only; the dispatcher delivers them before it stops.
    await Promise.all([mail.stop(), media.stop()]);
    await bus?.stop();
    await store.close();
    await cluster.close();
  }
}

/** How soon a change to the settings or processors made on one instance is in force on the others. */
const sharedReloadMs = 15_000;

/** Runs a module's job every `everyMs` (once across instances); a failed run is logged, the next comes on time. */
function schedule(job: Job, domain: string, runJob: (job: Job) => Promise<unknown>, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(
    () => void runJob(job).catch((err: unknown) => logger.error({ err, domain }, `${job.name} failed`)),
    job.everyMs,
  );
  timer.unref();
  return timer;
}
