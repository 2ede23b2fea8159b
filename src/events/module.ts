import type { Logger } from 'pino';
import type { MailService } from '../mail/service.js';
import type { Store } from '../store/store.js';
import type { Captcha } from '../shared/captcha.js';
import type { PlenumModule } from '../shared/module.js';
import type { AuthService } from '../accounts/auth-service.js';
import type { SettingsService } from '../settings/service.js';
import type { EventsService } from './events-service.js';
import { eventsPrivacy } from './privacy.js';
import { publicRegistrationRoutes } from './public-routes.js';
import type { RegistrationService } from './registration-service.js';
import type { Panelists } from './panelists.js';
import { eventsRoutes } from './routes.js';
import { landingPageRoutes } from './landing-page.js';
import { createReminders } from './reminders.js';
import type { Seats } from './seats.js';
import { createEventsSubjectData, eventsRetentionTasks } from './subject-data.js';

interface EventsPlatform {
  logger: Logger;
  store: Store;
  mail: MailService;
  auth: AuthService;
  captcha: Captcha;
  seats: Seats;
  events: EventsService;
  registrations: RegistrationService;
  panelists: Panelists;
  settings: SettingsService;
}

/** Events, public registration, seats and join links. */
export const eventsModule: PlenumModule<EventsPlatform> = {
  name: 'events',
  declaration: eventsPrivacy,
  subjectData: ({ seats, events }) => createEventsSubjectData(seats, (id) => events.endJoinSessions(id)),
  retentionTasks: () => eventsRetentionTasks(),
  create: ({ auth, captcha, events, registrations, panelists, store, mail, seats, settings }) => {
    const reminders = createReminders(store, mail, seats);
    return {
      routes: async (app) => {
        await app.register(eventsRoutes, { auth, events, registrations, panelists });
        await app.register(publicRegistrationRoutes, { events, registrations, captcha });
      },
      pages: (app) => app.register(landingPageRoutes, { events, settings }),
      jobs: [
        // Unconfirmed registrations are deleted 24 h after registering; checked every 10 minutes.
        { name: 'registration sweep', everyMs: 10 * 60_000, run: () => registrations.sweep() },
        { name: 'reminder mails', everyMs: 60_000, run: () => reminders.sendDue() },
      ],
    };
  },
};
