import type { Config } from '../config.js';
import type { AuthService } from '../accounts/auth-service.js';
import type { PrivacyNoticeSource } from '../privacy/notice.js';
import type { Captcha } from '../shared/captcha.js';
import type { PlenumModule } from '../shared/module.js';
import type { Store } from '../store/store.js';
import { callbackPrivacy } from './privacy.js';
import { callbackRoutes } from './routes.js';
import { createCallbackService } from './service.js';
import { createCallbackSubjectData } from './subject-data.js';

/** Callback requests: the public form with its captcha, and the staff queue. */
export const callbackModule: PlenumModule<{
  config: Config;
  store: Store;
  auth: AuthService;
  captcha: Captcha;
  notice: PrivacyNoticeSource;
}> = {
  name: 'callback',
  declaration: callbackPrivacy,
  subjectData: createCallbackSubjectData,
  create: ({ config, store, auth, captcha, notice }) => ({
    routes: (app) =>
      app.register(callbackRoutes, {
        auth,
        callbacks: createCallbackService(store, captcha, notice),
        retentionDays: config.retention.callbackDays,
      }),
  }),
};
