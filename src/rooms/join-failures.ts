/**
 * Wrong passcodes per meeting, from any address, in a fixed window. Only failures count, so a
 * team of 25 joining at the full hour is never refused; once a meeting has had too many wrong
 * attempts, every attempt waits until the window ends (a distributed guess is slowed as a whole).
 * In memory: it slows guessing on this app instance, as the per-address limit does.
 */
export class JoinFailures {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until attempts are taken again, or undefined when they are taken now. */
  blockedFor(meetingNumber: string, now = Date.now()): number | undefined {
    const window = this.windows.get(meetingNumber);
    if (!window || window.endsAt <= now || window.failures < this.max) return undefined;
    return Math.ceil((window.endsAt - now) / 1000);
  }

  fail(meetingNumber: string, now = Date.now()): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    const window = this.windows.get(meetingNumber) ?? { failures: 0, endsAt: now + this.windowMs };
    window.failures += 1;
    this.windows.set(meetingNumber, window);
  }
}
