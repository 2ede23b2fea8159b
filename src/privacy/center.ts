import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { CaptchaCheck } from '../http/failure-gate.js';
import type { Authenticator } from '../http/auth.js';
import type { Mailer } from '../shared/mailer.js';
import type { Job } from '../shared/module.js';
import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';
import type { Executor, Store } from '../store/store.js';
import { createDpoService } from './dpo-service.js';
import { noticeChecklist } from './checklist.js';
import type { ControllerSource, PrivacyNoticeSource } from './notice.js';
import { createPortalService } from './portal-service.js';
import { portalRoutes } from './portal-routes.js';
import { createProcessorService } from './processor-service.js';
import { createRetention } from './retention.js';
import { enforcedFacts } from './record.js';
import { privacyRoutes, type PrivacyAction } from './routes.js';
import type { SubjectDataSources } from '../shared/subject-data.js';
import { createPrivacySubjectData } from './subject-data.js';
import { createSubjectService } from './subject-service.js';

export interface PrivacyCenterDeps {
  store: Store;
  mail: Mailer;
  auth: Authenticator<PrivacyAction>;
  /** The self-hosted captcha the portal asks for once an address has been asked about often. */
  captcha: CaptchaCheck;
  notice: PrivacyNoticeSource;
  config: Config;
  logger: Logger;
  /** Every module's declaration (src/plenum.ts lists the modules). */
  declarations: readonly PrivacyDeclaration[];
  /** Every module's contribution (see shared/subject-data.ts). */
  contributions: SubjectDataSources;
  /** The organisation settings (src/settings): a change to the controller makes a new notice version, stored in the same transaction. */
  settings: { subscribe(listener: (db: Executor, settings: ControllerSource) => Promise<void>): void };
  /** Runs the retention job (in cluster mode once across instances: src/cluster/jobs.ts); by default simply runs it. */
  runJob?: (job: Job) => Promise<unknown>;
}

/** The privacy center's services, its HTTP routes and its scheduled retention run, in one place for the wiring. */
export async function createPrivacyCenter({
  store,
  mail,
  auth,
  captcha,
  notice,
  config,
  logger,
  declarations,
  contributions,
  settings,
  runJob = (job) => job.run(),
}: PrivacyCenterDeps) {
  const subjects = createSubjectService(store, declarations, [...contributions.sources, createPrivacySubjectData()]);
  const retention = createRetention(store, declarations, contributions.retentionTasks, config.retention);
  const portal = createPortalService(store, mail, subjects, config.http.publicUrl, captcha);
  const dpo = createDpoService(store, declarations);
  const processors = createProcessorService(store, notice);
  await processors.load();
  settings.subscribe(async (db) => {
    await processors.refreshNotice(db);
  });
  const checklist = () =>
    noticeChecklist(notice.controllerSource(), notice.processors(), {
      smtp: config.mail.kind === 'smtp',
      telephony: Boolean(config.telephony),
    });
  let first: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  return {
    subjects,
    retention,
    portal,
    dpo,
    processors,
    checklist,

    async register(app: FastifyInstance) {
      await app.register(portalRoutes, {
        prefix: '/api',
        portal,
        subjects,
        notice,
        processors,
        cookies: { secure: config.http.secureCookies },
        periods: config.retention,
        onLinkError: (err) => logger.error({ err }, 'privacy link mail failed'),
      });
      await app.register(privacyRoutes, {
        prefix: '/api',
        auth,
        dpo,
        subjects,
        retention,
        processors,
        notice,
        checklist,
        declarations,
        periods: config.retention,
        facts: enforcedFacts(config),
      });
    },

    /**
     * Runs retention a minute after the start (so that frequent restarts cannot starve it) and then
     * every RETENTION_INTERVAL_MINUTES, one run at a time.
     */
    start() {
      const run = () => {
        const job: Job = { name: 'retention', everyMs: config.retention.intervalMs, run: () => retention.run({ dryRun: false }) };
        running ??= runJob(job)
          .catch((err: unknown) => logger.error({ err }, 'retention run failed'))
          .finally(() => (running = undefined));
      };
      first = setTimeout(run, 60_000);
      first.unref();
      timer = setInterval(run, config.retention.intervalMs);
      timer.unref();
    },

    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
