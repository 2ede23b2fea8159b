import type { Config } from '../config.js';
import type { Logger } from 'pino';
import type { PlenumModule } from '../shared/module.js';
import type { AuthService } from './auth-service.js';
import { accountsPrivacy } from './privacy.js';
import { accountsRoutes } from './routes.js';
import type { StaffService } from './staff-service.js';

const hourMs = 3_600_000;

/** Staff accounts, sessions, API tokens; the authenticator every other module's routes use. */
export const accountsModule: PlenumModule<{ config: Config; logger: Logger; auth: AuthService; staff: StaffService }> = {
  name: 'accounts',
  declaration: accountsPrivacy,
  create: ({ config, auth, staff }) => ({
    routes: (app) => app.register(accountsRoutes, { auth, staff, cookies: { secure: config.http.secureCookies } }),
    jobs: [{ name: 'session sweep', everyMs: hourMs, run: () => auth.sweepSessions() }],
  }),
};
