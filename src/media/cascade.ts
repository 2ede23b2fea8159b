import { AppError } from '../errors.js';
import type { MediaNodeState } from '../store/schema.js';
import { Mountpoint, RoomForwarders, type BroadcastPictures, type BroadcastSource } from './broadcast.js';
import type { JanusNode, JanusRooms } from './janus-node.js';
import type { MountpointSnapshot } from './media-snapshot.js';
import type { NodeLoad } from './nodes/load.js';
import { placeViewer } from './nodes/placement.js';
import type { Publications } from './publications.js';

/** A Janus node the app is connected to, as placement sees it. */
export interface PlacedNode {
  id: string;
  janus: JanusNode;
  /** Where another node's forwarders reach its mountpoints. */
  mediaAddress: string;
  state: MediaNodeState;
}

/** The edge nodes viewers may watch on, their load, and how many viewers one edge takes. */
export interface Edges {
  list(): PlacedNode[];
  load: NodeLoad;
  /** Viewers (all webinars) one edge serves at most; JANUS_EDGE_VIEWER_CAP. */
  cap: number;
  /** A connected node of any role by its registry id (where a kept mountpoint lives). */
  find(id: string): PlacedNode | undefined;
}

/** What a previous owner of the room left (MediaSnapshot): its mountpoints, and whether this origin still holds its rooms. */
export interface BroadcastResume {
  mountpoints: readonly MountpointSnapshot[];
  /** The rooms are the previous owner's: its forwarders are still in them and are replaced. */
  sameRooms: boolean;
}

/** A viewer's place: the node and mountpoint to watch, and the release of its count when they stop. */
export interface ViewerSeat {
  node: string;
  mountpoint: Mountpoint;
  release(): void;
}

interface Carried {
  node: PlacedNode;
  mountpoint: Promise<Mountpoint>;
  /** The mountpoint once it is open and fed. */
  ready?: Mountpoint;
}

/**
 * A webinar room's broadcast, cascaded over Janus nodes. The room's node (the origin) holds the
 * AudioBridge mix and the shown publications (main picture and inset) and forwards them over
 * SRTP to one mountpoint per node that serves viewers:
 *
 *   origin: AudioBridge + VideoRoom ──rtp_forward (SRTP)──▶ edge 1: mountpoint ──▶ viewers
 *                                    └─rtp_forward (SRTP)──▶ edge 2: mountpoint ──▶ viewers
 *
 * A viewer goes to an edge that already carries the webinar while it has room (JANUS_EDGE_VIEWER_CAP),
 * else to the least-loaded edge, which gets a mountpoint for the webinar then. Draining edges
 * take no new viewers. Without edges (one machine) the origin's own mountpoint serves everyone.
 *
 * Another owner (the room's meeting node died, or its app instance) opens the broadcast with the
 * previous owner's mountpoints (`BroadcastResume`): those still on living nodes are taken over and
 * fed again on the same ports with the same SRTP keys, so their viewers' connections stay.
 */
export class Broadcast {
  private readonly carried = new Map<string, Carried>();
  /** Placements run one after another: two viewers at once must not open two mountpoints on one edge. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly origin: PlacedNode,
    private readonly source: BroadcastSource,
    private readonly description: string,
    private readonly edges: Edges,
    /** Called when the mountpoints change (what a snapshot lists). */
    private readonly changed: () => void,
  ) {}

  static async open(
    origin: PlacedNode,
    rooms: JanusRooms,
    description: string,
    publications: Publications,
    edges: Edges,
    options: { resume?: BroadcastResume; changed?: () => void } = {},
  ): Promise<Broadcast> {
    const source = new RoomForwarders(origin.janus, rooms, (feed) => publications.videoMidOf(feed));
    const broadcast = new Broadcast(origin, source, description, edges, options.changed ?? (() => undefined));
    if (options.resume) await broadcast.takeOver(options.resume);
    // Without edges the origin serves the viewers itself: its mountpoint opens with the room, so a broken one fails now.
    if (!edges.list().length) await broadcast.mountpointOn(origin, '127.0.0.1');
    publications.onEnd((feed) => source.stopFeed(feed));
    return broadcast;
  }

  /** The mountpoints open now, by the registry id of their node. */
  snapshot(): MountpointSnapshot[] {
    return [...this.carried].flatMap(([node, { ready }]) => (ready ? [ready.snapshot(node)] : []));
  }

  /**
   * Takes over a previous owner's mountpoints: each on a living node that still holds it is fed
   * from this origin on its ports with its key (the previous forwarders, if the rooms are the
   * same, are stopped first). One on a meeting node the room left is destroyed.
   */
  private async takeOver({ mountpoints, sameRooms }: BroadcastResume): Promise<void> {
    if (sameRooms) await this.source.stopLeftovers();
    for (const kept of mountpoints) {
      const node = this.edges.find(kept.node);
      if (!node) continue; // its node died with it
      const mountpoint = await Mountpoint.adopt(node.janus, kept);
      if (!mountpoint) continue;
      const serves = node.janus === this.origin.janus ? sameRooms : this.edges.list().some((e) => e.janus === node.janus);
      if (!serves) {
        await mountpoint.destroy();
        continue;
      }
      const added = await this.source.addTarget(mountpoint.target).then(
        () => true,
        () => false,
      );
      if (!added) {
        await mountpoint.destroy();
        continue;
      }
      this.carried.set(node.id, { node, mountpoint: Promise.resolve(mountpoint), ready: mountpoint });
    }
    this.changed();
  }

  /** Where the next viewer watches. Refused (ERR_MEDIA_UNAVAILABLE) while every edge is full or draining. */
  place(): Promise<ViewerSeat> {
    const placing = this.queue.then(() => this.placeNow());
    this.queue = placing.catch(() => undefined);
    return placing;
  }

  show(pictures: BroadcastPictures): Promise<void> {
    return this.source.show(pictures);
  }

  async close(): Promise<void> {
    // Forwarders first: no mountpoint is destroyed while RTP still arrives for it.
    await this.source.close();
    for (const [id, { mountpoint }] of this.carried) {
      this.carried.delete(id);
      await mountpoint.then((m) => this.dropMountpoint(m)).catch(() => undefined);
    }
    this.changed();
  }

  private async placeNow(): Promise<ViewerSeat> {
    const edges = this.edges.list();
    if (!edges.length) return this.seat(this.origin.id, await this.mountpointOn(this.origin, '127.0.0.1'));
    await this.forgetLostEdges(edges);
    const totals = await this.edges.load.totals();
    const carrying = new Set([...this.carried].filter(([, c]) => edges.some((e) => e.janus === c.node.janus)).map(([id]) => id));
    const pick = placeViewer(
      edges.map((e) => ({ id: e.id, state: e.state, load: totals.get(e.id) ?? 0 })),
      carrying,
      this.edges.cap,
    );
    const edge = pick && edges.find((e) => e.id === pick.id);
    if (!edge) throw new AppError('ERR_MEDIA_UNAVAILABLE');
    return this.seat(edge.id, await this.mountpointOn(edge, edge.mediaAddress));
  }

  /** An edge that died or went down: its forwarders stop (they would send into the void for the rest of the webinar). */
  private async forgetLostEdges(edges: readonly PlacedNode[]): Promise<void> {
    for (const [id, entry] of this.carried) {
      if (id === this.origin.id || edges.some((e) => e.janus === entry.node.janus)) continue;
      this.carried.delete(id);
      await entry.mountpoint.then((m) => this.source.removeTarget(m.target)).catch(() => undefined);
      this.changed();
    }
  }

  private seat(nodeId: string, mountpoint: Mountpoint): ViewerSeat {
    this.edges.load.add(nodeId, 1);
    let released = false;
    return {
      node: nodeId,
      mountpoint,
      release: () => {
        if (!released) this.edges.load.add(nodeId, -1);
        released = true;
      },
    };
  }

  /** The webinar's mountpoint on a node, opened and fed on first use; one on a node that restarted since is replaced. */
  private async mountpointOn(node: PlacedNode, address: string): Promise<Mountpoint> {
    const known = this.carried.get(node.id);
    if (known?.node.janus === node.janus) return known.mountpoint;
    if (known) {
      this.carried.delete(node.id);
      await known.mountpoint.then((m) => this.dropMountpoint(m)).catch(() => undefined);
    }
    const mountpoint = this.openMountpoint(node, address);
    const entry: Carried = { node, mountpoint };
    this.carried.set(node.id, entry);
    mountpoint.then(
      (opened) => {
        entry.ready = opened;
        this.changed();
      },
      () => {
        if (this.carried.get(node.id) === entry) this.carried.delete(node.id);
      },
    );
    return mountpoint;
  }

  private async openMountpoint(node: PlacedNode, address: string): Promise<Mountpoint> {
    const mountpoint = await Mountpoint.create(node.janus, this.description, address);
    try {
      await this.source.addTarget(mountpoint.target);
    } catch (error) {
      await mountpoint.destroy();
      throw error;
    }
    return mountpoint;
  }

  private async dropMountpoint(mountpoint: Mountpoint): Promise<void> {
    await this.source.removeTarget(mountpoint.target);
    await mountpoint.destroy();
  }
}
