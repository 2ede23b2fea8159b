import type { RoomFeature } from '../rooms/room-features.js';
import type { PlenumModule } from '../shared/module.js';
import { createPollsFeature } from './feature.js';

/** Quick anonymous polls in any room, in the room's memory only: nothing stored, so no declaration. */
export const pollsModule: PlenumModule<unknown, RoomFeature> = {
  name: 'polls',
  create: () => ({ roomFeature: createPollsFeature() }),
};
