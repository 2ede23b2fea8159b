import type { Logger } from 'pino';
import type { AuthService } from '../accounts/auth-service.js';
import type { RoomFeature } from '../rooms/room-features.js';
import type { PlenumModule } from '../shared/module.js';
import type { Store } from '../store/store.js';
import { createChatFeature } from './feature.js';
import { chatPrivacy } from './privacy.js';
import { chatRoutes } from './routes.js';
import { createChatService, type OwnedRoomLookup } from './service.js';
import { chatRetentionTasks, createChatSubjectData } from './subject-data.js';

/** Room chat (memory only) and minutes logging while the host has it on. */
export const chatModule: PlenumModule<{ store: Store; logger: Logger; auth: AuthService; ownRoom: OwnedRoomLookup }, RoomFeature> = {
  name: 'chat',
  declaration: chatPrivacy,
  subjectData: createChatSubjectData,
  retentionTasks: () => chatRetentionTasks(),
  create: ({ store, logger, auth, ownRoom }) => {
    const chat = createChatService(store, ownRoom);
    return {
      roomFeature: createChatFeature(chat, logger),
      routes: (app) => app.register(chatRoutes, { auth, chat }),
    };
  },
};
