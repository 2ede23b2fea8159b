/**
 * A room's live VideoRoom publications by feed: each one's video mid as its publisher negotiated
 * it (a broadcast forwards a publication by it), and what has to stop before a publication ends.
 */
export class Publications {
  private readonly mids = new Map<number, string>();
  private readonly beforeEnd: ((feed: number) => Promise<void>)[] = [];

  set(feed: number, videoMid: string): void {
    this.mids.set(feed, videoMid);
  }

  videoMidOf(feed: number): string | undefined {
    return this.mids.get(feed);
  }

  /** Runs `stop` before each publication ends: a broadcast stops the feed's forwarders there. */
  onEnd(stop: (feed: number) => Promise<void>): void {
    this.beforeEnd.push(stop);
  }

  /**
   * Called before the publisher's handle is detached. Janus 1.1.2 leaks a UDP socket for every
   * forwarder that ends because its publisher left; stopped first, it leaks nothing.
   */
  async end(feed: number): Promise<void> {
    for (const stop of this.beforeEnd) await stop(feed).catch(() => undefined);
    this.mids.delete(feed);
  }
}
