export interface UntilOptions {
  /** How long to keep asking before giving up (default 5 s). */
  timeoutMs?: number;
  /** The pause between two questions (default 20 ms). */
  intervalMs?: number;
  /** What is awaited, for the error message when it does not happen (a function is asked then). */
  what?: string | (() => string);
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * The one way tests wait for something that happens in its own time: asks `probe` (which may be
 * async) until it answers with a truthy value and returns that value, or throws after `timeoutMs`
 * with `what` in the message. A wait, never a measurement: tests assert what happened, not how fast.
 */
export async function until<T>(probe: () => T | Promise<T>, options: UntilOptions = {}): Promise<Truthy<T>> {
  const { timeoutMs = 5_000, intervalMs = 20, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`${typeof what === 'function' ? what() : what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
