import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { RoomOwnership, SharedRoom } from './shared-room.js';
import type { RoomLease, RoomLeases } from './room-lease.js';

/**
 * Live rooms' owners through Redis leases (room-lease.ts): claiming a room takes its lease and
 * reads what the previous owner left; the lease is renewed every third of its ttl while the room
 * is open here. A refused renewal or write means another instance owns the room now: the
 * listeners close the room on this instance (its browsers reconnect and reach the new owner).
 */
export function redisRoomOwnership(leases: RoomLeases, log: Logger): RoomOwnership {
  return {
    async claim(roomId) {
      const { lease, holder } = await leases.acquire(roomId).catch(unavailable);
      // The owner's instance id: the socket is relayed there (rooms/signaling.ts).
      if (!lease) throw new AppError('ERR_ROOM_ELSEWHERE', { owner: holder.instanceId, room: roomId });
      const inherited = await leases.state(roomId).catch(async (error: unknown) => {
        await lease.release(false).catch(() => undefined);
        return unavailable(error);
      });
      return ownedRoom(lease, inherited, leases.options.ttlMs, log);
    },
    owner: (roomId) => leases.holder(roomId).catch(unavailable),
    glance: (roomIds, field) => leases.glance(roomIds, field).catch(unavailable),
    state: (roomId) => leases.state(roomId).catch(unavailable),
    evict: (roomId) => leases.evict(roomId).catch(unavailable),
    fenceIfVacant: (roomId) => leases.fenceIfVacant(roomId).catch(unavailable),
  };
}

const unavailable = (error: unknown): never => {
  if (error instanceof AppError) throw error;
  throw new AppError('ERR_CLUSTER_UNAVAILABLE');
};

function ownedRoom(lease: RoomLease, inherited: Record<string, string>, ttlMs: number, log: Logger): SharedRoom {
  const listeners: (() => void)[] = [];
  let lostFired = false;
  const lost = () => {
    clearInterval(timer);
    if (lostFired) return;
    lostFired = true;
    log.warn({ roomId: lease.roomId, epoch: lease.epoch }, 'another instance owns the room now; it closes here');
    for (const listener of listeners) listener();
  };
  const timer = setInterval(() => {
    lease.renew().then(
      (renewed) => renewed || lost(),
      (error: unknown) => log.warn({ err: error, roomId: lease.roomId }, 'room lease not renewed; Redis is out of reach'),
    );
  }, ttlMs / 3);
  timer.unref();
  return {
    epoch: lease.epoch,
    inherited,
    async save(changes) {
      if (!(await lease.write(changes).catch(unavailable))) {
        lost();
        throw new AppError('ERR_ROOM_MOVED');
      }
    },
    assertOwner() {
      if (lease.isLost) throw new AppError('ERR_ROOM_MOVED');
      if (!lease.valid()) throw new AppError('ERR_CLUSTER_UNAVAILABLE');
    },
    onLost: (listener) => void listeners.push(listener),
    async close(how) {
      clearInterval(timer);
      await lease.release(how === 'closed').catch((error: unknown) => log.warn({ err: error }, 'room lease not released; it lapses'));
    },
  };
}
