import { AppError } from '../errors.js';
import type { Executor } from '../store/store.js';

/** What the gate needs of the self-hosted captcha (src/shared/captcha.ts). */
export interface CaptchaCheck {
  verify(payload: string): Promise<{ ok: true; signature: string; expiresAt: string } | { ok: false }>;
  spend(tx: Executor, verified: { signature: string; expiresAt: string }): Promise<boolean>;
}

/**
 * Wrong answers per key (a meeting, an account, a client address) within a window; only
 * failures count. In memory, per process, at most `maxKeys` keys: a restart forgets the counts
 * (cluster mode counts in Redis as well: FailureCounts).
 */
export class FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Whether the key has failed `threshold` times within the window. */
  reached(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.threshold;
  }

  failed(key: string, now = Date.now()): void {
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) this.forgetOld(now);
    // Only the last `threshold` failures matter for the decision.
    this.failures.set(key, [...this.recent(key, now), now].slice(-this.threshold));
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }

  private forgetOld(now: number): void {
    for (const [key, times] of this.failures) if (!times.some((at) => now - at < this.windowMs)) this.failures.delete(key);
    // Still full: drop the keys that first failed longest ago (a Map keeps insertion order).
    for (const key of this.failures.keys()) {
      if (this.failures.size < this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}

/** Failures counted for one kind of target; in cluster mode across instances (src/cluster/failure-counts.ts). */
export interface FailureCount {
  reached(key: string): Promise<boolean>;
  failed(key: string): Promise<void>;
}

/** Makes the failure count for one kind of target (`name` keeps kinds apart). */
export type FailureCounts = (name: string, limits: { threshold: number; windowMs: number }) => FailureCount;

/** A single instance's counts, in memory. */
export const memoryFailureCounts: FailureCounts = (_name, limits) => {
  const counter = new FailureCounter(limits.threshold, limits.windowMs);
  return { reached: async (key) => counter.reached(key), failed: async (key) => counter.failed(key) };
};

/**
 * Once a target (a meeting, an account) has seen many wrong answers, every attempt at it needs
 * a solved captcha until the window has passed: guessing gets expensive, and the right answer
 * with a solved captcha still gets in, so nobody can lock a meeting or an account by failing
 * on purpose.
 */
export function createFailureGate(captcha: CaptchaCheck, db: Executor, counter: FailureCount) {
  return {
    /**
     * Before checking the answer: passes when the target is not under attack, or when a solved,
     * unused captcha comes along (it is spent); throws ERR_CAPTCHA_REQUIRED / ERR_CAPTCHA_INVALID otherwise.
     */
    async admit(target: string, payload: string | undefined): Promise<void> {
      if (!(await counter.reached(target))) return;
      if (!payload) throw new AppError('ERR_CAPTCHA_REQUIRED');
      const verified = await captcha.verify(payload);
      if (!verified.ok || !(await captcha.spend(db, verified))) throw new AppError('ERR_CAPTCHA_INVALID');
    },

    /** A wrong answer for this target. */
    failed: (target: string): Promise<void> => counter.failed(target),
  };
}

export type FailureGate = ReturnType<typeof createFailureGate>;
