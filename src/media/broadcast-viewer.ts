import Janode, { type Connection, type Session } from 'janode';
import Streaming, { type StreamingHandle } from 'janode/plugins/streaming';
import type { Mountpoint } from './broadcast.js';
import type { ViewerSeat } from './cascade.js';
import { viewerPlugins } from './janus-node.js';
import type { IceCandidate, Jsep } from './participant-media.js';

/**
 * One webinar attendee watching the broadcast, driven by the app on their behalf. The
 * attendee's own Janus connection carries a token that opens the Streaming plugin and nothing
 * else: whatever the browser sends, Janus would not let it publish.
 */
export class BroadcastViewer {
  private handle?: StreamingHandle;
  /**
   * Resolves when the viewer's own connection to its node is lost (that Janus died, or the
   * network to it): the attendee has to watch again, and is placed on a node that lives.
   */
  readonly lost: Promise<void>;

  private constructor(
    /** The node the viewer watches on (src/media/cascade.ts placed them there). */
    readonly node: string,
    private readonly mountpoint: Mountpoint,
    private readonly connection: Connection,
    private readonly session: Session,
    private readonly token: string,
    private readonly release: () => void,
  ) {
    // janode says CONNECTION_ERROR only for a connection it did not close itself.
    this.lost = new Promise((resolve) => connection.once(Janode.EVENT.CONNECTION_ERROR!, () => resolve()));
  }

  /** The seat's release ends the viewer's count on its node once the viewer is gone. */
  static async open({ node, mountpoint, release }: ViewerSeat): Promise<BroadcastViewer> {
    try {
      const token = await mountpoint.node.issueToken(viewerPlugins);
      try {
        const connection = await mountpoint.node.connectAs(token);
        const session = await connection.create(25);
        return new BroadcastViewer(node, mountpoint, connection, session, token, release);
      } catch (error) {
        await mountpoint.node.revokeToken(token);
        throw error;
      }
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Starts watching; returns Janus' offer (opus audio, VP8 video) for the browser to answer. */
  async watch(): Promise<Jsep> {
    await this.handle?.detach().catch(() => undefined);
    const handle = await this.session.attach(Streaming);
    this.handle = handle;
    const { jsep } = await handle.watch({ id: this.mountpoint.id, pin: this.mountpoint.pin });
    if (!jsep) throw new Error('Streaming gave no offer');
    return jsep;
  }

  async start(answer: Jsep): Promise<void> {
    if (!this.handle) throw new Error('not watching');
    await this.handle.start({ jsep: answer });
  }

  async trickle(candidate: IceCandidate | null): Promise<void> {
    if (!this.handle) return;
    await (candidate ? this.handle.trickle(candidate) : this.handle.trickleComplete());
  }

  /** Stops watching, closes the attendee's connection and revokes the token. */
  async close(): Promise<void> {
    await this.session.destroy().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
    await this.mountpoint.node.revokeToken(this.token);
    this.release();
  }
}
