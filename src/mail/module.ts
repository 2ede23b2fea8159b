import type { Authenticator } from '../http/auth.js';
import type { PlenumModule } from '../shared/module.js';
import { mailPrivacy } from './privacy.js';
import { mailRoutes } from './routes.js';
import type { MailService } from './service.js';
import { createMailSubjectData } from './subject-data.js';

/** The outbox and its dispatcher (SMTP or the local outbox page). */
export const mailModule: PlenumModule<{ auth: Authenticator<'outbox.read'>; mail: MailService }> = {
  name: 'mail',
  declaration: mailPrivacy,
  subjectData: createMailSubjectData,
  create: ({ auth, mail }) => ({
    // The dispatcher is started and stopped by plenum.ts: it stops after the HTTP server, whose
    // last requests may still queue mail.
    routes: (app) => app.register(mailRoutes, { auth, mail }),
  }),
};
