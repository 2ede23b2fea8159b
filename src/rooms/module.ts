import type { Config } from '../config.js';
import type { AuthService } from '../accounts/auth-service.js';
import type { PlenumModule } from '../shared/module.js';
import { roomsPrivacy } from './privacy.js';
import { roomsRoutes } from './routes.js';
import type { RoomsService } from './service.js';
import { createRoomsSubjectData } from './subject-data.js';

/** Meetings and live rooms: joining, the signaling WebSocket, moderation, attendance. */
export const roomsModule: PlenumModule<{ config: Config; auth: AuthService; rooms: RoomsService }> = {
  name: 'rooms',
  declaration: roomsPrivacy,
  subjectData: createRoomsSubjectData,
  create: ({ config, auth, rooms }) => ({
    routes: (app) => app.register(roomsRoutes, { auth, rooms, publicUrl: config.http.publicUrl }),
    stop: () => rooms.stop(),
  }),
};
