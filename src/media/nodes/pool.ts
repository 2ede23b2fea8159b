import type { Logger } from 'pino';
import type { ComponentStatus } from '../../http/health.js';
import type { Store } from '../../store/store.js';
import { JanusNode } from '../janus-node.js';
import { nodeRegistry, type MediaNode } from './registry.js';

/** A registered node this instance is connected to. */
export interface PooledNode {
  node: MediaNode;
  janus: JanusNode;
}

const refreshMs = 5_000;

/**
 * The Janus nodes of the registry (JANUS_MODE=registry): every instance connects to each node
 * that is not down and reads the registry again every few seconds, so a node the operator adds,
 * drains or takes down is seen by all instances within `refreshMs`. A node that cannot be
 * reached is left out until it answers again.
 */
export class NodePool {
  private readonly pooled = new Map<string, PooledNode>();
  private readonly connecting = new Set<string>();
  private readonly unreachable = new Set<string>();
  private timer?: NodeJS.Timeout;
  private registered = 0;

  constructor(
    private readonly store: Store,
    private readonly adminSecret: string,
    private readonly log: Logger,
    /** A node this instance was connected to went away (Janus died, or the network). */
    private readonly onLost: (node: MediaNode) => void,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(
      () => void this.refresh().catch((err: unknown) => this.log.error({ err }, 'reading the media nodes failed')),
      refreshMs,
    );
    this.timer.unref();
  }

  /** A connected node of any role, by its registry id. */
  find(id: string): PooledNode | undefined {
    const pooled = this.pooled.get(id);
    return pooled && !pooled.janus.isClosed && pooled.node.state !== 'down' ? pooled : undefined;
  }

  /** Connected nodes of one role, each with the state the registry gives it now. */
  nodes(role: MediaNode['role']): PooledNode[] {
    // A node whose connection just dropped is left out at once, before its loss is handled.
    return [...this.pooled.values()].filter((p) => p.node.role === role && p.node.state !== 'down' && !p.janus.isClosed);
  }

  status(): ComponentStatus {
    if (this.registered === 0) return { status: 'down', detail: 'no media node is registered (npm run media-nodes)' };
    const meeting = this.nodes('meeting').filter((p) => p.node.state === 'active').length;
    if (meeting === 0) return { status: 'down', detail: 'no active meeting node answers' };
    return { status: 'ok' };
  }

  async refresh(): Promise<void> {
    const nodes = await nodeRegistry.list(this.store.db);
    this.registered = nodes.length;
    const wanted = new Map(nodes.filter((n) => n.state !== 'down').map((n) => [n.id, n]));
    for (const [id, pooled] of this.pooled) {
      const now = wanted.get(id);
      if (now && now.apiUrl === pooled.node.apiUrl && now.adminUrl === pooled.node.adminUrl) pooled.node = now;
      else {
        this.pooled.delete(id);
        await pooled.janus.close();
      }
    }
    const missing = [...wanted.values()].filter((n) => !this.pooled.has(n.id) && !this.connecting.has(n.id));
    await Promise.all(missing.map((node) => this.connect(node)));
  }

  private async connect(node: MediaNode): Promise<void> {
    this.connecting.add(node.id);
    try {
      const janus = await JanusNode.connect({ url: node.apiUrl, adminUrl: node.adminUrl, adminSecret: this.adminSecret });
      const pooled = { node, janus };
      this.pooled.set(node.id, pooled);
      this.unreachable.delete(node.id);
      this.log.info({ node: node.id, role: node.role }, 'connected to media node');
      void janus.closed.then(() => {
        if (this.pooled.get(node.id) !== pooled) return;
        this.pooled.delete(node.id);
        this.log.warn({ node: node.id }, 'lost media node');
        this.onLost(pooled.node);
      });
    } catch (err) {
      // Logged once per outage: the refresh tries again every few seconds.
      if (!this.unreachable.has(node.id)) this.log.warn({ err, node: node.id }, 'media node does not answer');
      this.unreachable.add(node.id);
    } finally {
      this.connecting.delete(node.id);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const all = [...this.pooled.values()];
    this.pooled.clear();
    await Promise.all(all.map((p) => p.janus.close()));
  }
}
