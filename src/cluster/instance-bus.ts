import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppError, errorStatus, type ErrorCode } from '../errors.js';

/** The header of one message between instances: what it is, and the fields of that kind. */
export type BusHeader = { kind: string } & Record<string, unknown>;

/** What a handler receives: the header, the body bytes if any, and the instance that sent it. */
export type BusHandler = (header: BusHeader, body: Buffer | undefined, from: string) => unknown;

interface Queued {
  /** Evaluated when the batch leaves, so a sender may still add to it within the turn (recipients of a push). */
  header: () => BusHeader;
  body?: Buffer;
  corr?: string;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  instance: string;
}

/**
 * Messages between Plenum instances over Redis pub/sub (cluster mode): each instance listens on
 * `<prefix>bus:<instance>` and on `<prefix>bus` (to all). Everything sent to one instance within
 * one turn of the event loop leaves in one PUBLISH, in the order it was sent, so what one
 * instance tells another arrives in order (a push before the result of the intent that caused it).
 *
 * A request carries a correlation id and is answered with the handler's value or its AppError;
 * no answer within the timeout (the instance stalled, or died after the message left) rejects
 * with ERR_ROOM_NO_ANSWER. A PUBLISH that reached no subscriber means the instance is gone:
 * its requests are rejected at once and `onUnreachable` listeners learn of it.
 *
 * Frames: each message is `u32 header length, header JSON, u32 body length, body`; a batch is
 * frames one after another. Bodies travel as bytes (a push encoded once, sent as it is).
 */
export class InstanceBus {
  private readonly handlers = new Map<string, BusHandler>();
  private readonly pending = new Map<string, Pending>();
  private readonly outbox = new Map<string, Queued[]>();
  private readonly unreachable: ((instance: string) => void)[] = [];
  private readonly resubscribed: (() => void)[] = [];
  private readonly nonce = randomBytes(4).toString('hex');
  private sequence = 0;
  private flushScheduled = false;
  private subscribedOnce = false;

  constructor(
    private readonly redis: () => Redis,
    /** A connection of its own: a subscribed Redis connection can do nothing else. */
    private readonly subscriber: Redis,
    private readonly prefix: string,
    readonly instanceId: string,
    private readonly log: Logger,
  ) {}

  private channelOf(instance: string): string {
    return `${this.prefix}bus:${instance}`;
  }

  private get everyone(): string {
    return `${this.prefix}bus`;
  }

  async start(): Promise<void> {
    this.subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.receive(payload));
    // ioredis subscribes again after a reconnect; what was published meanwhile is lost, so listeners start afresh.
    this.subscriber.on('ready', () => {
      if (this.subscribedOnce) for (const listener of this.resubscribed) listener();
    });
    await this.subscriber.subscribe(this.channelOf(this.instanceId), this.everyone);
    this.subscribedOnce = true;
  }

  /** Handles messages of one kind; for a request, what the handler returns (or throws) is the answer. */
  handle(kind: string, handler: BusHandler): void {
    if (this.handlers.has(kind)) throw new Error(`bus message ${kind} is handled twice`);
    this.handlers.set(kind, handler);
  }

  /** An instance that was sent something no longer listens (it stopped or died). */
  onUnreachable(listener: (instance: string) => void): void {
    this.unreachable.push(listener);
  }

  /** The subscription was lost and is back: messages sent meanwhile are lost. */
  onResubscribed(listener: () => void): void {
    this.resubscribed.push(listener);
  }

  /** Queues one message for `instance`; it leaves with everything else queued for it in this turn. */
  send(instance: string, header: BusHeader | (() => BusHeader), body?: Buffer): void {
    this.enqueue(instance, { header: typeof header === 'function' ? header : () => header, body });
  }

  /** Sends to every instance, this one included (nothing is batched: rare, and each must see it). */
  async broadcast(header: BusHeader): Promise<void> {
    await this.redis().publish(this.everyone, frame({ ...header, from: this.instanceId }));
  }

  /** Asks `instance` and waits for its answer: the handler's value, its AppError, or ERR_ROOM_NO_ANSWER after `timeoutMs`. */
  request<T>(instance: string, header: BusHeader, timeoutMs: number): Promise<T> {
    const corr = `${this.nonce}.${(++this.sequence).toString(36)}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(corr, undefined, new AppError('ERR_ROOM_NO_ANSWER')), timeoutMs);
      this.pending.set(corr, { resolve: resolve as (value: unknown) => void, reject, timer, instance });
      this.enqueue(instance, { header: () => ({ ...header, corr }), corr });
    });
  }

  async stop(): Promise<void> {
    for (const [corr] of this.pending) this.settle(corr, undefined, new AppError('ERR_ROOM_NO_ANSWER'));
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private enqueue(instance: string, queued: Queued): void {
    let queue = this.outbox.get(instance);
    if (!queue) this.outbox.set(instance, (queue = []));
    queue.push(queued);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    for (const [instance, queue] of this.outbox) {
      const frames = queue.map(({ header, body }) => frame({ ...header(), from: this.instanceId }, body));
      const corrs = queue.flatMap(({ corr }) => (corr ? [corr] : []));
      this.outbox.delete(instance);
      void this.publish(instance, Buffer.concat(frames), corrs);
    }
  }

  private async publish(instance: string, payload: Buffer, corrs: string[]): Promise<void> {
    let receivers: number;
    try {
      receivers = await this.redis().publish(this.channelOf(instance), payload);
    } catch (error) {
      // Redis is out of reach: requests fail now, pushes are lost (their recipients start afresh when it is back).
      for (const corr of corrs) this.settle(corr, undefined, error instanceof AppError ? error : new AppError('ERR_CLUSTER_UNAVAILABLE'));
      return;
    }
    if (receivers > 0) return;
    for (const corr of corrs) this.settle(corr, undefined, new AppError('ERR_ROOM_NO_ANSWER'));
    for (const listener of this.unreachable) listener(instance);
  }

  private receive(payload: Buffer): void {
    let offset = 0;
    while (offset + 8 <= payload.length) {
      const headerLength = payload.readUInt32BE(offset);
      const header = JSON.parse(payload.toString('utf8', offset + 4, offset + 4 + headerLength)) as BusHeader & { from: string };
      offset += 4 + headerLength;
      const bodyLength = payload.readUInt32BE(offset);
      const body = bodyLength > 0 ? payload.subarray(offset + 4, offset + 4 + bodyLength) : undefined;
      offset += 4 + bodyLength;
      this.dispatch(header, body);
    }
  }

  private dispatch(header: BusHeader & { from: string; corr?: string }, body: Buffer | undefined): void {
    if (header.kind === 'reply') return this.answered(header);
    const handler = this.handlers.get(header.kind);
    if (!handler) return this.log.warn({ kind: header.kind, from: header.from }, 'bus message of an unknown kind ignored');
    const { corr, from } = header;
    let outcome: unknown;
    try {
      outcome = handler(header, body, from);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    if (corr === undefined) {
      if (outcome instanceof Promise)
        outcome.catch((error: unknown) => this.log.error({ err: error, kind: header.kind }, 'bus message failed'));
      return;
    }
    Promise.resolve(outcome).then(
      (value) => this.send(from, { kind: 'reply', corr, value }),
      (error: unknown) => {
        if (!(error instanceof AppError)) this.log.error({ err: error, kind: header.kind }, 'bus request failed');
        const { code, params } = error instanceof AppError ? error : new AppError('ERR_INTERNAL');
        this.send(from, { kind: 'reply', corr, error: { code, params } });
      },
    );
  }

  private answered(header: BusHeader): void {
    const { corr, value, error } = header as { corr?: unknown; value?: unknown; error?: { code?: unknown; params?: unknown } };
    if (typeof corr !== 'string') return;
    if (!error) return this.settle(corr, value);
    const code = typeof error.code === 'string' && error.code in errorStatus ? (error.code as ErrorCode) : 'ERR_INTERNAL';
    this.settle(corr, undefined, new AppError(code, (error.params ?? {}) as Record<string, string | number>));
  }

  private settle(corr: string, value: unknown, error?: unknown): void {
    const waiting = this.pending.get(corr);
    if (!waiting) return;
    this.pending.delete(corr);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve(value);
  }
}

function frame(header: object, body?: Buffer): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header));
  const lengths = Buffer.alloc(4);
  lengths.writeUInt32BE(headerBytes.length);
  const bodyLength = Buffer.alloc(4);
  bodyLength.writeUInt32BE(body?.length ?? 0);
  return Buffer.concat(body ? [lengths, headerBytes, bodyLength, body] : [lengths, headerBytes, bodyLength]);
}
