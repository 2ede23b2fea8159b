import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { memoryFailureCounts, type FailureCounts } from '../http/failure-gate.js';

/**
 * Wrong answers (passcodes, logins) counted in Redis, so several instances share one budget: an
 * attacker alternating between them gets no more guesses than against one. Each key is a sorted
 * set of failure times under the installation's prefix and `fc:<kind>:`, named by the SHA-256 of
 * the target (an email or address is neither stored in Redis nor able to shape a key), expiring
 * with the window. This instance counts in memory as well: while Redis is lost its own count
 * still applies (logged, never thrown: a lost Redis does not lock anyone out).
 */
export function redisFailureCounts(redis: () => Redis, prefix: string, log: Logger): FailureCounts {
  return (name, limits) => {
    const local = memoryFailureCounts(name, limits);
    const keyOf = (target: string) => `${prefix}fc:${name}:${createHash('sha256').update(target).digest('hex')}`;
    const lost = (err: unknown) => log.warn({ err }, 'failures not counted in Redis; this instance’s own count applies');
    return {
      async reached(target) {
        if (await local.reached(target)) return true;
        try {
          const since = Date.now() - limits.windowMs;
          return (await redis().zcount(keyOf(target), `(${since}`, '+inf')) >= limits.threshold;
        } catch (err) {
          lost(err);
          return false;
        }
      },
      async failed(target) {
        await local.failed(target);
        const now = Date.now();
        const key = keyOf(target);
        try {
          await redis()
            .multi()
            .zadd(key, now, `${now}:${randomBytes(6).toString('hex')}`)
            .zremrangebyscore(key, '-inf', now - limits.windowMs)
            .pexpire(key, limits.windowMs)
            .exec();
        } catch (err) {
          lost(err);
        }
      },
    };
  };
}
