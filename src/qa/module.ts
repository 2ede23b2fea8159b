import type { Logger } from 'pino';
import type { AuthService } from '../accounts/auth-service.js';
import type { OwnedRoomLookup } from '../chat/service.js';
import type { RoomFeature } from '../rooms/room-features.js';
import type { PlenumModule } from '../shared/module.js';
import type { Store } from '../store/store.js';
import { createQaFeature } from './feature.js';
import { qaPrivacy } from './privacy.js';
import { qaRoutes } from './routes.js';
import { createQaService } from './service.js';
import { createQaSubjectData, qaRetentionTasks } from './subject-data.js';

/** Webinar questions: anonymity toward attendees, votes, answers, export for follow-up. */
export const qaModule: PlenumModule<{ store: Store; logger: Logger; auth: AuthService; ownRoom: OwnedRoomLookup }, RoomFeature> = {
  name: 'qa',
  declaration: qaPrivacy,
  subjectData: createQaSubjectData,
  retentionTasks: () => qaRetentionTasks(),
  create: ({ store, logger, auth, ownRoom }) => {
    const qa = createQaService(store, ownRoom);
    return {
      roomFeature: createQaFeature(qa, logger),
      routes: (app) => app.register(qaRoutes, { auth, qa }),
    };
  },
};
