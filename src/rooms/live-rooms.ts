import { AppError } from '../errors.js';
import type { RoomTable } from '../store/schema.js';
import type { JoinSession } from './join-sessions.js';
import type { LiveRoom, Peer } from './live-room.js';
import type { RoomFeature } from './room-features.js';
import type { RoomOwnership, SharedRoom } from '../cluster/shared-room.js';

/** The waiting room in front of every live room (moderation.ts): people waiting there keep a room open. */
export interface LobbyOfRooms {
  /** Someone's connection is gone: out of the lobby, if they waited there. */
  departed(room: LiveRoom, session: JoinSession, peer: Peer): void;
  isWaiting(room: LiveRoom): boolean;
  /** The room closes here without ending (restart, or another instance owns it now): those waiting reconnect. */
  release(room: LiveRoom): void;
}

/**
 * How someone goes. `left`: for good (the leave intent, a phone caller's BYE). `dropped`: a
 * browser's connection closed; the place is kept for the reconnect grace (live-room.ts), after
 * which they leave the same way.
 */
export type Departure = 'left' | 'dropped';

/**
 * The one owner of live rooms. A room is live from the first entry until the host ends it or
 * nobody is in it or waiting in its lobby any more; then it is dropped here, and with it the
 * state features keep per room (moderation, webinar, recording, chat: keyed by the LiveRoom).
 * Every transport's departure (WebSocket close, leave intent, phone BYE) runs `depart`.
 *
 * In cluster mode (`ownership`) a room opens only on the instance that owns it (cluster/shared-room.ts):
 * opening claims it, with what a previous owner left; when the ownership is lost the room closes
 * here and its browsers reconnect to the new owner.
 */
export class LiveRooms {
  private readonly rooms = new Map<string, LiveRoom>();
  /** Claims in progress, so two hellos for one room claim it once. */
  private readonly opening = new Map<string, Promise<LiveRoom>>();
  /** Shutting down: no room opens here any more (a hello meanwhile is told to reconnect, and reaches another instance). */
  private stopping = false;

  constructor(
    /** Makes the room object; `onEmpty` is to be called when its last participant has gone. */
    private readonly create: (row: RoomTable, onEmpty: () => void) => LiveRoom,
    private readonly features: readonly RoomFeature[],
    private readonly lobby: LobbyOfRooms,
    private readonly ownership?: RoomOwnership,
    /** Cluster mode: whether the stored meeting ended (an instance that loses a room ends it then, rather than sending its browsers over). */
    private readonly hasEnded: (roomId: string) => Promise<boolean> = async () => false,
  ) {}

  /** How many rooms are live now. */
  get size(): number {
    return this.rooms.size;
  }

  get(roomId: string): LiveRoom | undefined {
    return this.rooms.get(roomId);
  }

  values(): IterableIterator<LiveRoom> {
    return this.rooms.values();
  }

  /** The live room of a stored room, opened (and shown to every feature) on first entry; in cluster mode claimed first. */
  async open(row: RoomTable): Promise<LiveRoom> {
    const room = this.rooms.get(row.id);
    if (room) return room;
    if (this.stopping) throw new AppError('ERR_ROOM_MOVED');
    const { ownership } = this;
    if (!ownership) return this.openHere(row, undefined);
    let opening = this.opening.get(row.id);
    if (!opening) {
      opening = ownership
        .claim(row.id)
        .then((shared) => this.openHere(row, shared))
        .finally(() => this.opening.delete(row.id));
      this.opening.set(row.id, opening);
    }
    return opening;
  }

  private openHere(row: RoomTable, shared: SharedRoom | undefined): LiveRoom {
    const opened: LiveRoom = this.create(row, () => this.closeIfIdle(opened));
    opened.shared = shared;
    this.rooms.set(row.id, opened);
    shared?.onLost(() => void this.lose(opened));
    for (const feature of this.features) feature.open?.(opened, row);
    return opened;
  }

  /** Another instance owns the room now: it closes here without ending; browsers reconnect and reach the owner. */
  private async lose(room: LiveRoom): Promise<void> {
    if (this.rooms.get(room.roomId) === room) this.rooms.delete(room.roomId);
    // Ended on another instance (which took the lease away, `end`): everyone is let go here.
    if (await this.hasEnded(room.roomId).catch(() => false)) return room.end();
    this.lobby.release(room);
    await room.closeForRestart('the meeting moved to another server');
  }

  /** Someone goes, whatever carried them (see Departure): out of the lobby, then out of the room or into the reconnect grace. */
  async depart(room: LiveRoom, session: JoinSession, peer: Peer, how: Departure): Promise<void> {
    this.lobby.departed(room, session, peer);
    if (how === 'left') await room.leave(session.participantId);
    else room.disconnected(session.participantId, peer);
    this.closeIfIdle(room);
  }

  /** The host ended the room: everyone is let go, and the room is no longer live. */
  async end(roomId: string): Promise<void> {
    const room = this.rooms.get(roomId);
    // Cluster mode: the room may be live on another instance; its owner loses it and ends it (`lose`).
    if (!room) return this.ownership?.evict(roomId);
    this.drop(room);
    await room.end();
  }

  /** Shutdown: every room lets its browsers go (they reconnect after the restart, or to another instance, which takes the room over). */
  async stop(): Promise<void> {
    this.stopping = true;
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all(
      rooms.map(async (room) => {
        this.lobby.release(room);
        await room.closeForRestart();
        await room.shared?.close('handover');
      }),
    );
  }

  /** Nobody in it, nobody waiting: the room is no longer live. */
  closeIfIdle(room: LiveRoom): void {
    if (room.participantCount === 0 && !this.lobby.isWaiting(room)) this.drop(room);
  }

  private drop(room: LiveRoom): void {
    if (this.rooms.get(room.roomId) !== room) return;
    this.rooms.delete(room.roomId);
    void room.shared?.close('closed');
  }
}
