/**
 * Cluster mode: a live room has one owner instance, and the owner keeps what another instance
 * needs to take the room over (lobby mode, lock, removals, hands, who is in it) in a shared
 * state that only the current owner can write (./room-ownership.ts: a Redis lease with
 * an epoch, every write fenced by it). A single instance has no shared rooms: `LiveRoom.shared`
 * is undefined there and nothing of this runs.
 */

/** One field of the shared state: set to a value, or deleted (null). */
export interface SharedChange {
  field: string;
  value: string | null;
}

/** This instance's ownership of one live room. */
export interface SharedRoom {
  /** The owner's number: each new owner of a room has a higher one. */
  readonly epoch: number;
  /** What the previous owner left when this instance took the room over (empty for a room that opens afresh). */
  readonly inherited: Readonly<Record<string, string>>;
  /** Writes to the shared state; ERR_ROOM_MOVED when this instance no longer owns the room (the write is refused). */
  save(changes: readonly SharedChange[]): Promise<void>;
  /** Throws unless this instance may act as the owner now: ERR_ROOM_MOVED (another owns it), ERR_CLUSTER_UNAVAILABLE (lease not renewed in time). */
  assertOwner(): void;
  /** Runs once when the ownership is lost (another instance took the room): the room must close here. */
  onLost(listener: () => void): void;
  /** The room closed here: `closed` in order (ended or empty; the shared state goes), `handover` for a restart (the next owner takes it over). */
  close(how: 'closed' | 'handover'): Promise<void>;
}

export interface RoomOwnership {
  /** Takes the room's ownership, with what the previous owner left; ERR_ROOM_ELSEWHERE while another instance owns it. */
  claim(roomId: string): Promise<SharedRoom>;
  /** Which instance owns the room now, if any. */
  owner(roomId: string): Promise<{ instanceId: string; epoch: number } | undefined>;
  /** Which of these rooms have an owner now, each with one field of its shared state (one round trip for all). */
  glance(
    roomIds: readonly string[],
    field: string,
  ): Promise<Map<string, { owner: { instanceId: string; epoch: number }; value: string | undefined }>>;
  /** The room's shared state as its owner wrote it, read on any instance (empty when none is kept). */
  state(roomId: string): Promise<Readonly<Record<string, string>>>;
  /** The meeting ended on this instance while another may own its live room: that owner loses it (and, seeing the meeting ended, ends the room). */
  evict(roomId: string): Promise<void>;
  /**
   * True when no instance owns the room now; its last owner, should it only have stalled, can
   * no longer take it back (its next renewal is refused and it closes the room). False while an
   * instance owns it. What the last owner left running (a recording) may then be finished.
   */
  fenceIfVacant(roomId: string): Promise<boolean>;
}
