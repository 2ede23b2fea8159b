import type { Authenticator } from '../http/auth.js';
import type { PlenumModule } from '../shared/module.js';
import { settingsPrivacy } from './privacy.js';
import { settingsRoutes } from './routes.js';
import type { SettingsService } from './service.js';

/**
 * The organisation's settings page and the branding public pages show. The service itself is part
 * of the platform (src/plenum.ts creates it first): mails, the notice and other modules read it.
 */
export const settingsModule: PlenumModule<{ auth: Authenticator<'settings.manage'>; settings: SettingsService }> = {
  name: 'settings',
  declaration: settingsPrivacy,
  create: ({ auth, settings }) => ({
    routes: (app) => app.register(settingsRoutes, { auth, settings }),
  }),
};
