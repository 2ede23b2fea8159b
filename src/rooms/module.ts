import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AuthService } from '../accounts/auth-service.js';
import type { InstanceBus } from '../cluster/instance-bus.js';
import type { PlenumModule } from '../shared/module.js';
import { roomsPrivacy } from './privacy.js';
import { serveRemoteAttendees } from './remote-attendees.js';
import { RemoteSeats } from './remote-seats.js';
import { roomsRoutes } from './routes.js';
import type { RoomsService } from './service.js';
import { createRoomsSubjectData } from './subject-data.js';

/** Meetings and live rooms: joining, the signaling WebSocket, moderation, attendance. */
export const roomsModule: PlenumModule<{ config: Config; auth: AuthService; rooms: RoomsService; bus?: InstanceBus; logger: Logger }> = {
  name: 'rooms',
  declaration: roomsPrivacy,
  subjectData: createRoomsSubjectData,
  create: ({ config, auth, rooms, bus, logger }) => {
    // Cluster mode: webinar attendees stay on whichever instance they reached; the room's owner serves them over the bus.
    const remote = bus && { attendees: serveRemoteAttendees(bus, rooms, logger), seats: new RemoteSeats(bus, rooms, logger) };
    return {
      routes: (app) => app.register(roomsRoutes, { auth, rooms, publicUrl: config.http.publicUrl, seats: remote?.seats }),
      stop: async () => {
        remote?.attendees.stop();
        remote?.seats.stop();
        await rooms.stop();
      },
    };
  },
};
