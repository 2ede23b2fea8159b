import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { hashToken } from '../shared/secrets.js';
import {
  joinSessionLifetimeMs,
  personalSessionsPerLink,
  type JoinSession,
  type JoinSessionGrant,
  type JoinSessionStore,
  type RoomRole,
} from './join-sessions.js';

/**
 * Join sessions in Redis (cluster mode): any instance accepts a session another granted, and a
 * revocation on one ends it on all. The token itself is never stored: it is found by its SHA-256.
 *
 * Keys, under the installation's prefix and `js:`, each expiring with the session (12 hours):
 * - `t:<token hash>` → participant id
 * - `p:<participant id>` → the session (JSON), one per participant, shared by all their tokens
 * - `pt:<participant id>` → the participant's token hashes (revoking them)
 * - `pl:<participant id>` → a personal-link participant's token hashes, newest first (ending the oldest)
 * - `r:<room id>`, `g:<registration id>` → participant ids (revoking a room's, a registration's)
 * - `k:<room id>` → registration id → participant id (a personal link is one participant)
 * Ids in keys are the server's own (UUIDs, base64url); anything else is refused, never put in a key.
 */
class RedisJoinSessions implements JoinSessionStore {
  constructor(
    /** The connection for a command now (throws ERR_CLUSTER_UNAVAILABLE while Redis is lost). */
    private readonly redis: () => Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  async grant(grant: JoinSessionGrant): Promise<{ token: string; participantId: string }> {
    return this.issue(grant, randomBytes(9).toString('base64url'));
  }

  async grantPersonal(grant: JoinSessionGrant & { registrationId: string }): Promise<{ token: string; participantId: string }> {
    const redis = this.redis();
    const personal = this.key('k', grant.roomId);
    // Whichever instance comes first names the participant; every other use of the link is that participant.
    await redis.hsetnx(personal, safeId(grant.registrationId), randomBytes(9).toString('base64url'));
    await redis.pexpire(personal, joinSessionLifetimeMs);
    const participantId = safeId((await redis.hget(personal, grant.registrationId)) ?? '');
    const same = await this.session(participantId);
    const granted = await this.issue(same ?? grant, participantId);
    await this.endOldestUses(participantId, hashToken(granted.token));
    return granted;
  }

  /**
   * Keeps the newest `personalSessionsPerLink` uses of a personal link and ends the tokens of the
   * older ones. The push and the trim are one transaction, so each ended token is named to exactly
   * one instance, however many use the link at once.
   */
  private async endOldestUses(participantId: string, newest: string): Promise<void> {
    const redis = this.redis();
    const uses = this.key('pl', participantId);
    const [, , older] = await run(
      redis
        .multi()
        .lpush(uses, newest)
        .pexpire(uses, joinSessionLifetimeMs)
        .lrange(uses, personalSessionsPerLink, -1)
        .ltrim(uses, 0, personalSessionsPerLink - 1),
    );
    const ended = (older as string[]).filter((hash) => /^[0-9a-f]{64}$/.test(hash));
    if (ended.length === 0) return;
    const ending = redis.multi().srem(this.key('pt', participantId), ...ended);
    for (const hash of ended) ending.del(this.key('t', hash));
    await run(ending);
  }

  find(token: string): Promise<JoinSession | undefined> {
    return this.findHashed(hashToken(token));
  }

  /** The session of a token known only by its SHA-256 (an instance seating an attendee sends no token over Redis). */
  async findHashed(tokenHash: string): Promise<JoinSession | undefined> {
    const participantId = await this.redis().get(this.key('t', tokenHash));
    if (participantId === null) return undefined;
    if (!isSafeId(participantId)) {
      this.log.warn('a join token in Redis points to no participant Plenum named; refused');
      return undefined;
    }
    const session = await this.session(participantId);
    return session && session.expiresAt >= Date.now() ? session : undefined;
  }

  async setRole(participantId: string, role: RoomRole): Promise<void> {
    const session = await this.session(participantId);
    if (!session) return;
    await this.redis().set(this.key('p', participantId), JSON.stringify({ ...session, role }), 'KEEPTTL', 'XX');
  }

  async revokeParticipant(participantId: string): Promise<void> {
    const redis = this.redis();
    const session = await this.session(participantId);
    const tokens = await redis.smembers(this.key('pt', participantId));
    const ending = redis.multi();
    for (const hash of tokens) if (/^[0-9a-f]{64}$/.test(hash)) ending.del(this.key('t', hash));
    ending.del(this.key('p', participantId), this.key('pt', participantId), this.key('pl', participantId));
    if (session) {
      ending.srem(this.key('r', session.roomId), participantId);
      if (session.registrationId) ending.srem(this.key('g', session.registrationId), participantId);
    }
    await run(ending);
  }

  async revokeRoom(roomId: string): Promise<void> {
    const redis = this.redis();
    for (const participantId of await redis.smembers(this.key('r', roomId))) await this.revokeMember(participantId);
    await redis.del(this.key('r', roomId), this.key('k', roomId));
  }

  async revokeRegistration(registrationId: string): Promise<void> {
    const redis = this.redis();
    for (const participantId of await redis.smembers(this.key('g', registrationId))) {
      const session = await this.session(participantId);
      await this.revokeMember(participantId);
      if (session) await redis.hdel(this.key('k', session.roomId), registrationId);
    }
    await redis.del(this.key('g', registrationId));
  }

  /** Revokes an index member; a member that is no participant id (garbage in Redis) is skipped. */
  private async revokeMember(participantId: string): Promise<void> {
    if (isSafeId(participantId)) await this.revokeParticipant(participantId);
  }

  private async issue(grant: JoinSessionGrant, participantId: string): Promise<{ token: string; participantId: string }> {
    const token = randomBytes(32).toString('base64url');
    const hash = hashToken(token);
    const session: JoinSession = {
      participantId,
      roomId: grant.roomId,
      displayName: grant.displayName,
      role: grant.role,
      accountId: grant.accountId,
      registrationId: grant.registrationId,
      ...(grant.panelist && { panelist: true }),
      expiresAt: Date.now() + joinSessionLifetimeMs,
    };
    const ttl = joinSessionLifetimeMs;
    const granting = this.redis()
      .multi()
      .set(this.key('p', participantId), JSON.stringify(session), 'PX', ttl)
      .set(this.key('t', hash), participantId, 'PX', ttl)
      .sadd(this.key('pt', participantId), hash)
      .pexpire(this.key('pt', participantId), ttl)
      .sadd(this.key('r', session.roomId), participantId)
      .pexpire(this.key('r', session.roomId), ttl);
    if (session.registrationId)
      granting.sadd(this.key('g', session.registrationId), participantId).pexpire(this.key('g', session.registrationId), ttl);
    await run(granting);
    return { token, participantId };
  }

  /** The participant's session as stored, or undefined when it is missing or not a session (then logged: Redis holds garbage). */
  private async session(participantId: string): Promise<JoinSession | undefined> {
    const raw = await this.redis().get(this.key('p', participantId));
    if (raw === null) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const session = storedSession.safeParse(parsed);
    if (!session.success || session.data.participantId !== participantId) {
      this.log.warn({ participantId }, 'a join session in Redis is not one Plenum wrote; refused');
      return undefined;
    }
    return session.data;
  }

  private key(kind: 't' | 'p' | 'pt' | 'pl' | 'r' | 'g' | 'k', id: string): string {
    return `${this.prefix}js:${kind}:${safeId(id)}`;
  }
}

/**
 * The Redis join-session store as the rooms service uses it: a failed command (Redis lost in the
 * middle of it, an error reply) is logged and answered with ERR_CLUSTER_UNAVAILABLE, a clear
 * refusal for the person joining, never an internal error.
 */
export function redisJoinSessions(redis: () => Redis, prefix: string, log: Logger): JoinSessionStore {
  const store = new RedisJoinSessions(redis, prefix, log);
  const guard =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await work.apply(store, args);
      } catch (error) {
        if (error instanceof AppError) throw error;
        log.error({ err: error }, 'join session store (Redis) failed');
        throw new AppError('ERR_CLUSTER_UNAVAILABLE');
      }
    };
  return {
    grant: guard(store.grant),
    grantPersonal: guard(store.grantPersonal),
    find: guard(store.find),
    findHashed: guard(store.findHashed),
    setRole: guard(store.setRole),
    revokeParticipant: guard(store.revokeParticipant),
    revokeRoom: guard(store.revokeRoom),
    revokeRegistration: guard(store.revokeRegistration),
  };
}

/** What a stored session must look like to be believed; anything else is refused. */
const storedSession = z.strictObject({
  participantId: z.string(),
  roomId: z.string(),
  displayName: z.string(),
  role: z.enum(['host', 'cohost', 'participant']),
  accountId: z.string().nullable(),
  registrationId: z.string().nullable(),
  panelist: z.literal(true).optional(),
  expiresAt: z.number().int(),
});

const isSafeId = (id: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(id);

function safeId(id: string): string {
  if (!isSafeId(id)) throw new Error('an id that is not Plenum’s own cannot name a Redis key');
  return id;
}

/**
 * Runs a MULTI and returns each command's reply; throws the first command's error (ioredis
 * reports them per command, not as a rejection).
 */
async function run(multi: ReturnType<Redis['multi']>): Promise<unknown[]> {
  const results = await multi.exec();
  if (!results) throw new Error('Redis discarded the transaction');
  for (const [error] of results) if (error) throw error;
  return results.map(([, reply]) => reply);
}
