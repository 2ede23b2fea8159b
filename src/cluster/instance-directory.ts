import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** How long an instance's entry lasts without a refresh (refreshed every third of it). */
const entryTtlMs = 30_000;

/**
 * Where each instance can be reached by the others (cluster mode): `instance:<id>` holds its
 * internal URL (INTERNAL_URL, default the address it listens on), refreshed while it runs. A room
 * socket that reaches an instance other than the room's owner is relayed there (socket-relay.ts).
 */
export class InstanceDirectory {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: () => Redis,
    private readonly prefix: string,
    private readonly instanceId: string,
    private readonly log: Logger,
  ) {}

  /** Publishes this instance's URL now and keeps it fresh until `stop`. */
  async register(url: string): Promise<void> {
    const write = () => this.redis().set(`${this.prefix}instance:${this.instanceId}`, url, 'PX', entryTtlMs);
    await write();
    this.timer = setInterval(
      () => void write().catch((err: unknown) => this.log.warn({ err }, 'instance address not refreshed in Redis')),
      entryTtlMs / 3,
    );
    this.timer.unref();
  }

  /** The internal URL of another instance, if it is running. */
  async urlOf(instanceId: string): Promise<string | undefined> {
    return (await this.redis().get(`${this.prefix}instance:${instanceId}`)) ?? undefined;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis()
      .del(`${this.prefix}instance:${this.instanceId}`)
      .catch(() => undefined);
  }
}
