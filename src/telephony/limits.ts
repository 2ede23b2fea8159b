import { BlockList, isIP } from 'node:net';
import { FailureCounter } from '../http/failure-gate.js';

/**
 * A token bucket per source address: `perMinute` on average, bursts up to `burst`.
 * Forgets addresses that have been quiet long enough to be full again.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    if (this.buckets.size > 10_000) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private sweep(now: number): void {
    const fullAfterMs = (this.burst * 60_000) / this.perMinute;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > fullAfterMs) this.buckets.delete(key);
  }
}

/** The SIP trunk's addresses (single addresses or CIDR ranges); nobody else may call in. */
export function trunkAllowList(entries: readonly string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (ip) => {
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    // IPv4 clients on a dual-stack socket arrive as ::ffff:a.b.c.d
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    return mapped ? list.check(mapped[1]!, 'ipv4') : list.check(ip, family);
  };
}

/** Wrong PINs per meeting, across calls, before its PIN checks are slowed; and by how much. */
export const pinFailures = { threshold: 10, windowMs: 15 * 60_000, slowdownMs: 20_000 };

/**
 * Guards the phone entry (meeting ID + PIN) of every meeting: wrong PINs count per meeting
 * across calls; after `threshold` within the window, each further check for that meeting waits
 * `slowdownMs` first (the caller hears silence). A phone cannot solve a captcha, so the right PIN
 * is slowed, never refused: the meeting cannot be locked by guessing, while guessing from all
 * concurrent calls drops to a few tries per call per minute. The web join is not affected.
 */
export function createPinGuard(options: { threshold: number; windowMs: number; slowdownMs: number } = pinFailures) {
  const failures = new FailureCounter(options.threshold, options.windowMs);
  return {
    /** Runs one check; `undefined` from it is a wrong entry. */
    async check<T>(meetingNumber: string, signal: AbortSignal, enter: () => Promise<T | undefined>): Promise<T | undefined> {
      if (failures.reached(meetingNumber)) await pause(options.slowdownMs, signal);
      if (signal.aborted) return undefined;
      const entered = await enter();
      if (entered === undefined) failures.failed(meetingNumber);
      return entered;
    },
    slowed: (meetingNumber: string): boolean => failures.reached(meetingNumber),
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
