import { Worker } from 'node:worker_threads';
import type { SessionDescription } from '../src/testing/werift-peers.js';
import type { FromViewers, ToViewers, ViewerCounts } from './fanout-viewers.js';

/** A message to the workers before `ask` numbers it (Omit over each member of the union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The worker threads that hold the viewers, with request/answer by id. */
export class ViewerPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, (message: FromViewers) => void>();
  private nextId = 0;
  private nextWorker = 0;

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => {
      // Worker threads do not inherit tsx on Node 20: the worker registers it before loading the TypeScript file.
      const source = new URL('./fanout-viewers.ts', import.meta.url).href;
      const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`, {
        eval: true,
      });
      worker.on('message', (message: FromViewers) => {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      });
      return worker;
    });
  }

  private ask(worker: Worker, message: Unnumbered<ToViewers>): Promise<FromViewers> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  }

  private readonly workerOf = new Map<string, Worker>();

  /**
   * A viewer answers the offer. With a `label` (e.g. the subscriber's name) the same viewer, in
   * the same thread, answers every later offer for it: one connection that renegotiates.
   */
  async answer(offer: SessionDescription, label = ''): Promise<SessionDescription> {
    const worker = this.workerOf.get(label) ?? this.workers[this.nextWorker++ % this.workers.length]!;
    if (label) this.workerOf.set(label, worker);
    const reply = await this.ask(worker, { type: 'offer', offer, label });
    if (reply.type !== 'answer' || !reply.answer) throw new Error(reply.type === 'answer' ? reply.error : 'no answer');
    return reply.answer;
  }

  async counts(): Promise<ViewerCounts[]> {
    const replies = await Promise.all(this.workers.map((w) => this.ask(w, { type: 'count' })));
    return replies.flatMap((r) => (r.type === 'counts' ? r.viewers : []));
  }

  private closed = false;

  /** Closes every viewer and ends the threads; once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => this.ask(w, { type: 'close' })));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
