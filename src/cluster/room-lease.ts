import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One owner instance per live room (cluster mode): a Redis lease `room:<id>:lease` holding
 * `<instance>#<process nonce> <epoch>` with a time to live (the nonce: a restarted process, or a
 * second one given the same INSTANCE_ID by mistake, is never taken for the holder). Each new lease takes the next epoch from
 * `room:<id>:epoch`, so owners of one room are numbered and never repeat. The owner renews the
 * lease while the room lives; an owner that stalls or dies lets it lapse, and the next instance
 * that opens the room takes it with a higher epoch.
 *
 * Fencing: every write to the room's shared state (`room:<id>:state`, a hash) goes through one
 * Lua script that first compares the lease with the writer's `<instance> <epoch>`; a writer whose
 * lease lapsed or was taken is refused inside Redis, atomically with the check, so a stalled
 * former owner can no longer change anything another instance reads. Locally the owner also
 * stops acting once its lease may have lapsed (`valid()`: last renewal + ttl − margin), without
 * asking Redis, so a process that wakes from a long pause does not act on an old belief.
 */

/** Who holds a room's lease. */
export interface LeaseHolder {
  instanceId: string;
  epoch: number;
}

/** A change to the room's shared state: set a field to a value, or delete it. */
export interface StateChange {
  field: string;
  value: string | null;
}

const acquireScript = `
local current = redis.call('GET', KEYS[1])
if current then return current end
local epoch = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. ' ' .. epoch
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return value`;

// A lease that lapsed while nobody else took it (the epoch is still ours: Redis was out of reach
// for a while) is taken again: no other owner can have acted in between.
const renewScript = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if current or redis.call('GET', KEYS[2]) ~= ARGV[3] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

// ARGV[2] = '1': the room closed in order (ended, or nobody left); its shared state goes too.
const releaseScript = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '1' then redis.call('DEL', KEYS[2]) end
return redis.call('DEL', KEYS[1])`;

// ARGV: the writer's lease value, the state's ttl, its epoch, then triples (op, field, value).
const fencedWriteScript = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 4, #ARGV, 3 do
  if ARGV[i] == 's' then redis.call('HSET', KEYS[2], ARGV[i + 1], ARGV[i + 2])
  else redis.call('HDEL', KEYS[2], ARGV[i + 1]) end
end
redis.call('HSET', KEYS[2], 'epoch', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`;

// The room ended on another instance: whoever holds the lease loses it for good (the next epoch is
// taken, so its renewal cannot take the lapsed lease again), and the shared state goes.
const evictScript = `
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('INCR', KEYS[2])
return 1`;

// KEYS: pairs (lease, state) per room; ARGV[1]: the state's field. Answers per room its lease and that field (false: none).
const glanceScript = `
local answers = {}
for i = 1, #KEYS, 2 do
  answers[#answers + 1] = redis.call('GET', KEYS[i]) or false
  answers[#answers + 1] = redis.call('HGET', KEYS[i + 1], ARGV[1]) or false
end
return answers`;

// Nobody holds the lease: the epoch moves on, so an owner whose lease lapsed (stalled, cut off)
// cannot take it again on its next renewal (renewScript) and closes the room instead. The shared
// state stays for whoever opens the room next. A room never owned here has no epoch to move.
const fenceVacantScript = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('INCR', KEYS[2]) end
return 1`;

export interface RoomLeaseOptions {
  /** How long a lease lasts without renewal (an owner's failover takes at most this long). */
  ttlMs: number;
  /** How long the room's shared state outlives its last write (a room nobody opens again). */
  stateTtlMs: number;
}

export const defaultLeaseOptions: RoomLeaseOptions = { ttlMs: 6_000, stateTtlMs: 12 * 3_600_000 };

const parseHolder = (value: string): LeaseHolder & { owner: string } => {
  const space = value.lastIndexOf(' ');
  const owner = value.slice(0, space);
  return { owner, instanceId: owner.slice(0, owner.lastIndexOf('#')), epoch: Number(value.slice(space + 1)) };
};

export class RoomLeases {
  /** This process among the holders: its instance id and a nonce of its own. */
  private readonly owner: string;

  constructor(
    private readonly redis: () => Redis,
    private readonly prefix: string,
    instanceId: string,
    readonly options: RoomLeaseOptions = defaultLeaseOptions,
  ) {
    this.owner = `${instanceId}#${randomBytes(6).toString('hex')}`;
  }

  private keys(roomId: string) {
    const base = `${this.prefix}room:${roomId}:`;
    return { lease: `${base}lease`, epoch: `${base}epoch`, state: `${base}state` };
  }

  /** Takes the room's lease if nobody holds it; answers the holder either way (this instance with its new epoch, or another). */
  async acquire(roomId: string): Promise<{ holder: LeaseHolder; lease?: RoomLease }> {
    const keys = this.keys(roomId);
    const askedAt = Date.now();
    const value = (await this.redis().eval(acquireScript, 2, keys.lease, keys.epoch, this.owner, this.options.ttlMs)) as string;
    const { owner, ...holder } = parseHolder(value);
    return owner === this.owner ? { holder, lease: new RoomLease(this, roomId, holder.epoch, askedAt) } : { holder };
  }

  /** Who holds the room's lease now, if anyone. */
  async holder(roomId: string): Promise<LeaseHolder | undefined> {
    const value = await this.redis().get(this.keys(roomId).lease);
    if (value === null) return undefined;
    const { instanceId, epoch } = parseHolder(value);
    return { instanceId, epoch };
  }

  /**
   * True when nobody holds the room's lease, and from now on no former owner can take it back
   * without claiming it afresh (with a new epoch, reading the shared state): work the last owner
   * left undone may be finished by anyone. False while an instance holds the lease.
   */
  async fenceIfVacant(roomId: string): Promise<boolean> {
    const keys = this.keys(roomId);
    return (await this.redis().eval(fenceVacantScript, 2, keys.lease, keys.epoch)) === 1;
  }

  /** The room's shared state as its owners wrote it (empty when there is none): any instance may read it. */
  async state(roomId: string): Promise<Record<string, string>> {
    return this.redis().hgetall(this.keys(roomId).state);
  }

  /**
   * Which of these rooms are held now, each with one field of its shared state: one script, so a
   * list of many rooms costs one round trip to Redis.
   */
  async glance(roomIds: readonly string[], field: string): Promise<Map<string, { owner: LeaseHolder; value: string | undefined }>> {
    const held = new Map<string, { owner: LeaseHolder; value: string | undefined }>();
    if (roomIds.length === 0) return held;
    const keys = roomIds.flatMap((roomId) => {
      const { lease, state } = this.keys(roomId);
      return [lease, state];
    });
    const answers = (await this.redis().eval(glanceScript, keys.length, ...keys, field)) as (string | null)[];
    roomIds.forEach((roomId, i) => {
      const lease = answers[2 * i];
      if (!lease) return;
      const { instanceId, epoch } = parseHolder(lease);
      held.set(roomId, { owner: { instanceId, epoch }, value: answers[2 * i + 1] ?? undefined });
    });
    return held;
  }

  /** Takes the room from its owner, whoever that is (the meeting ended): its next renewal or write is refused and it closes the room. */
  async evict(roomId: string): Promise<void> {
    const keys = this.keys(roomId);
    await this.redis().eval(evictScript, 3, keys.lease, keys.epoch, keys.state);
  }

  /** @internal RoomLease.renew */
  async renew(roomId: string, epoch: number): Promise<boolean> {
    const keys = this.keys(roomId);
    const mine = `${this.owner} ${epoch}`;
    return (await this.redis().eval(renewScript, 2, keys.lease, keys.epoch, mine, this.options.ttlMs, epoch)) === 1;
  }

  /** @internal RoomLease.release */
  async release(roomId: string, epoch: number, clearState: boolean): Promise<void> {
    const keys = this.keys(roomId);
    await this.redis().eval(releaseScript, 2, keys.lease, keys.state, `${this.owner} ${epoch}`, clearState ? '1' : '0');
  }

  /** @internal A write fenced by `epoch`: true when the lease was still this instance's with that epoch. */
  async fencedWrite(roomId: string, epoch: number, changes: readonly StateChange[]): Promise<boolean> {
    const keys = this.keys(roomId);
    const args = changes.flatMap((c) => (c.value === null ? ['d', c.field, ''] : ['s', c.field, c.value]));
    const result = await this.redis().eval(
      fencedWriteScript,
      2,
      keys.lease,
      keys.state,
      `${this.owner} ${epoch}`,
      this.options.stateTtlMs,
      epoch,
      ...args,
    );
    return result === 1;
  }
}

/** This instance's lease on one room, with the epoch every write carries. */
export class RoomLease {
  private validUntil: number;
  private lost = false;

  constructor(
    private readonly leases: RoomLeases,
    readonly roomId: string,
    readonly epoch: number,
    /** When the request that took or renewed the lease was sent: the lease runs from no later than that. */
    since: number,
  ) {
    this.validUntil = since + leases.options.ttlMs;
  }

  /**
   * Whether this instance may still act as the owner, by its own clock: the lease was renewed
   * recently enough (a margin of a tenth of the ttl for clock drift) and was never refused.
   */
  valid(now = Date.now()): boolean {
    return !this.lost && now < this.validUntil - this.leases.options.ttlMs / 10;
  }

  /** Extends the lease; false (and lost for good) when another instance holds it now or it lapsed. */
  async renew(): Promise<boolean> {
    if (this.lost) return false;
    const askedAt = Date.now();
    if (await this.leases.renew(this.roomId, this.epoch)) {
      this.validUntil = askedAt + this.leases.options.ttlMs;
      return true;
    }
    this.lost = true;
    return false;
  }

  /** Writes to the room's shared state, fenced by this lease's epoch: false (and lost for good) when refused. */
  async write(changes: readonly StateChange[]): Promise<boolean> {
    if (this.lost) return false;
    if (await this.leases.fencedWrite(this.roomId, this.epoch, changes)) return true;
    this.lost = true;
    return false;
  }

  /** Whether a renewal or a write was refused: another instance may own the room now. */
  get isLost(): boolean {
    return this.lost;
  }

  /**
   * The room closed on this instance: the next instance may take it at once. `clearState`: it
   * closed in order (ended, or empty), so nothing is left to take over; otherwise (a restart)
   * the next owner takes its state over.
   */
  async release(clearState: boolean): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    await this.leases.release(this.roomId, this.epoch, clearState);
  }
}
