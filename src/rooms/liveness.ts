import type { Logger } from 'pino';
import type { RoomOwnership } from '../cluster/shared-room.js';
import type { RoomTable } from '../store/schema.js';
import type { LiveRoom } from './live-room.js';
import type { RoomFeature } from './room-features.js';

/** Whether a meeting is live now, and how many people are in it (the dashboard's badge). */
export interface Liveness {
  live: boolean;
  participants: number;
}

export const notLive: Liveness = { live: false, participants: 0 };

/** The shared state's field (cluster/shared-room.ts) in which a room's owner keeps how many are in the room. */
const participantsField = 'participants';

/**
 * Cluster mode: the owner writes how many people are in the room (everyone its LiveRoom holds:
 * webinar attendees seated from other instances and phone callers too) at every arrival and
 * departure. A count, not the `p:` presence fields: after a takeover those keep everyone the
 * previous owner had until the room closes, while the new owner's count is of those who came back.
 */
export const sharedParticipantCount: RoomFeature = {
  intents: [],
  open(room) {
    const { shared } = room;
    if (!shared) return;
    // Written in the event's turn: the last departure's write reaches Redis before the lease's release.
    const save = () => void shared.save([{ field: participantsField, value: String(room.participantCount) }]).catch(() => undefined);
    room.on('joined', save);
    room.on('left', save);
  },
};

/**
 * Whether meetings are live and how many are in each. A room open on this instance answers for
 * itself. In cluster mode another instance may own it: live while a lease on it is held, with
 * the count its owner wrote — read for all of a list's rooms in one round trip to Redis.
 */
export function createLiveness(localRoom: (roomId: string) => LiveRoom | undefined, log: Logger, ownership?: RoomOwnership) {
  return async function livenessOf(rows: readonly RoomTable[]): Promise<Map<string, Liveness>> {
    const found = new Map<string, Liveness>();
    const elsewhere: string[] = [];
    for (const row of rows) {
      const room = localRoom(row.id);
      if (room) found.set(row.id, room.isEnded ? notLive : { live: true, participants: room.participantCount });
      else if (ownership && !row.ended_at) elsewhere.push(row.id);
    }
    if (!ownership || elsewhere.length === 0) return found;
    let owned: Awaited<ReturnType<RoomOwnership['glance']>>;
    try {
      owned = await ownership.glance(elsewhere, participantsField);
    } catch (error) {
      // Redis out of reach: the list still shows, with what this instance knows.
      log.warn({ err: error }, 'live rooms on other instances not looked up');
      return found;
    }
    for (const [roomId, { value }] of owned) found.set(roomId, { live: true, participants: Number(value ?? 0) || 0 });
    return found;
  };
}
