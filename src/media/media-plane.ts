import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ComponentStatus } from '../http/health.js';
import type { Redis } from 'ioredis';
import type { Store } from '../store/store.js';
import { RoomForwarders, type BroadcastPictures } from './broadcast.js';
import { BroadcastViewer } from './broadcast-viewer.js';
import { Broadcast, type Edges, type PlacedNode } from './cascade.js';
import type { MediaSnapshot } from './media-snapshot.js';
import { JanusNode, type JanusRooms, type RoomSettings } from './janus-node.js';
import { memoryLoad, redisLoad, type NodeLoad } from './nodes/load.js';
import { leastLoaded } from './nodes/placement.js';
import { NodePool, type PooledNode } from './nodes/pool.js';
import { ParticipantMedia } from './participant-media.js';
import { Publications } from './publications.js';
import { createJanusSupervisor, type JanusEndpoint } from './supervisor.js';
import type { IceServers } from './turn-credentials.js';
import { createTurnRelay, type TurnRelay } from './turn-relay.js';

export type { ParticipantMedia, BroadcastViewer, BroadcastPictures, IceServers, MediaSnapshot };
export { readMediaSnapshot } from './media-snapshot.js';
export type { IceCandidate, Jsep, PeerConnectionId, PlainRtpAddress, PublishKind, ShownVideo } from './participant-media.js';

/** The media of one live room: whoever joins gets a Janus token for it alone. */
export interface MediaRoom {
  /** The Janus node the room's media runs on ('local' on one machine; a registry node's id otherwise). */
  readonly node: string;
  join(display: string): Promise<ParticipantMedia>;
  /** Webinar rooms: an attendee's own view of the broadcast (a Janus token for the Streaming plugin only). */
  watch(): Promise<BroadcastViewer>;
  /** Webinar rooms: which publications the broadcast shows (main picture and inset), or none (sound only). */
  showOnBroadcast(pictures: BroadcastPictures): Promise<void>;
  /** What another owner needs to carry the room's media on (cluster mode keeps it in the room's shared state). */
  snapshot(): MediaSnapshot;
  /** Called whenever the snapshot changes (a mountpoint opened or dropped). */
  onChange(listener: () => void): void;
  /** The room's node is gone (or another owner goes on with it): stop counting it here; Janus is not asked for anything. */
  abandon(): void;
  close(): Promise<void>;
}

export interface OpenRoomOptions {
  /** A webinar: the room comes with its broadcast. */
  broadcast?: boolean;
  /**
   * What a previous owner left: its rooms are used again while their node is active and holds
   * them (else they are destroyed there and fresh ones open on the least-loaded meeting node),
   * and the broadcast takes over its mountpoints on living nodes (src/media/cascade.ts).
   */
  resume?: MediaSnapshot;
}

/** Where Janus comes from: a supervised child process, or external nodes. */
interface NodeSource {
  start(): Promise<void>;
  status(): ComponentStatus;
  stop(): Promise<void>;
}

const reconnectDelayMs = 2_000;

/**
 * The media plane as the rest of the app sees it; only src/media knows it is Janus.
 * Emits 'reset' when Janus came back after it was lost: every room and every participant's
 * media is gone and has to be opened again. In registry mode 'reset' names the meeting node that
 * was lost: only the rooms on it are affected.
 */
export class MediaPlane extends EventEmitter {
  private node?: JanusNode;
  private connecting?: Promise<void>;
  private connectedBefore = false;
  private source?: NodeSource;
  /** JANUS_MODE=registry: the registered nodes, and viewers per edge at most. */
  private pool?: NodePool;
  private load: NodeLoad = memoryLoad();
  private edgeViewerCap = 0;

  constructor(
    private readonly offDetail: string,
    private readonly log: Logger,
    private readonly roomSettings: RoomSettings,
    /** The TURN relay browsers fall back to (coturn), when one is configured. */
    private readonly relay?: TurnRelay,
  ) {
    super();
  }

  /**
   * The ICE servers a browser's peer connections use: the TURN relay with a credential of their
   * own, valid for minutes (TURN_CREDENTIAL_MINUTES). Empty without a relay: direct media only.
   */
  iceServers(): IceServers {
    return this.relay?.iceServers() ?? { iceServers: [], expiresAt: new Date(Date.now() + 24 * 3_600_000).toISOString() };
  }

  relayStatus(): ComponentStatus {
    return this.relay?.status() ?? { status: 'off', detail: 'TURN_MODE=off' };
  }

  attach(source: NodeSource): void {
    this.source = source;
  }

  /** JANUS_MODE=registry: rooms go to the least-loaded meeting node, webinar viewers to edges. */
  useRegistry(pool: NodePool, load: NodeLoad, edgeViewerCap: number): void {
    this.pool = pool;
    this.load = load;
    this.edgeViewerCap = edgeViewerCap;
    this.attach({ start: () => pool.start(), status: () => pool.status(), stop: async () => (await pool.stop(), await load.close()) });
  }

  /** Starts in the background: the app serves while Janus comes up, and /healthz says so. */
  start(): void {
    void this.source?.start().catch((error: unknown) => this.log.error({ err: error }, 'the media plane did not start'));
    void this.relay?.start().catch((error: unknown) => this.log.error({ err: error }, 'the TURN relay did not start'));
  }

  status(): ComponentStatus {
    if (!this.source) return { status: 'off', detail: this.offDetail };
    const status = this.source.status();
    if (status.status === 'ok' && !this.node && !this.pool) return { status: 'starting', detail: 'connecting to Janus' };
    return status;
  }

  /** Connects to a Janus that answers: the first one, or one that came back or took over. */
  async nodeReady(endpoint: JanusEndpoint): Promise<JanusNode> {
    const previous = this.node;
    this.node = undefined;
    await previous?.close();
    const connecting = JanusNode.connect(endpoint);
    this.connecting = connecting.then(
      () => undefined,
      () => undefined,
    );
    const node = await connecting;
    this.node = node;
    void node.closed.then(() => {
      if (this.node === node) this.node = undefined;
    });
    if (this.connectedBefore) this.emit('reset');
    this.connectedBefore = true;
    return node;
  }

  /** Nodes a new room may open on: the one Janus, or the registry's meeting nodes. */
  private async meetingNodes(): Promise<PlacedNode[]> {
    if (this.pool) return this.pool.nodes('meeting').map(placed);
    await this.connecting?.catch(() => undefined);
    return this.node ? [{ id: 'local', janus: this.node, mediaAddress: '127.0.0.1', state: 'active' }] : [];
  }

  async openRoom(description: string, options: OpenRoomOptions = {}): Promise<MediaRoom> {
    const candidates = await this.meetingNodes();
    const { origin, rooms, sameRooms } = await this.roomsFor(description, candidates, options.resume);
    const { janus } = origin;
    const count = (delta: number) => this.load.add(origin.id, delta);
    count(1);
    const publications = new Publications();
    const changes: (() => void)[] = [];
    const changed = () => changes.forEach((listener) => listener());
    const edges: Edges = {
      list: () => this.pool?.nodes('edge').map(placed) ?? [],
      find: (id) => {
        if (id === origin.id) return origin;
        const pooled = this.pool?.find(id);
        return pooled && placed(pooled);
      },
      load: this.load,
      cap: this.edgeViewerCap,
    };
    const resume = options.resume && { mountpoints: options.resume.mountpoints, sameRooms };
    const broadcast = options.broadcast
      ? await Broadcast.open(origin, rooms, description, publications, edges, { resume, changed }).catch(async (error: unknown) => {
          await janus.destroyRooms(rooms);
          count(-1);
          throw error;
        })
      : undefined;
    const webinarOnly = () => new Error('this room has no broadcast');
    let counted = true;
    const uncount = () => {
      if (counted) count(-1);
      counted = false;
    };
    return {
      node: origin.id,
      join: async (display) => {
        const media = await ParticipantMedia.open(janus, rooms, display, publications, () => count(-1));
        count(1);
        return media;
      },
      watch: async () => {
        if (!broadcast) throw webinarOnly();
        return BroadcastViewer.open(await broadcast.place());
      },
      showOnBroadcast: (pictures) => (broadcast ? broadcast.show(pictures) : Promise.reject(webinarOnly())),
      snapshot: () => ({
        node: origin.id,
        rooms: { audioRoom: rooms.audioRoom, videoRoom: rooms.videoRoom, secret: rooms.secret, maxPublishers: rooms.maxPublishers },
        mountpoints: broadcast?.snapshot() ?? [],
      }),
      onChange: (listener) => void changes.push(listener),
      abandon: uncount,
      close: async () => {
        await broadcast?.close();
        await janus.destroyRooms(rooms);
        uncount();
      },
    };
  }

  /**
   * The node and Janus rooms a room opens with: a previous owner's (`resume`) while their node is
   * active and still holds them, else fresh ones on the least-loaded active meeting node; the
   * previous owner's rooms on a node that lives but is not used (draining) are destroyed there.
   */
  private async roomsFor(
    description: string,
    candidates: PlacedNode[],
    resume: MediaSnapshot | undefined,
  ): Promise<{ origin: PlacedNode; rooms: JanusRooms; sameRooms: boolean }> {
    const previous = resume && candidates.find((n) => n.id === resume.node);
    if (previous && resume) {
      if (previous.state === 'active' && (await previous.janus.holdsRooms(resume.rooms)))
        return { origin: previous, rooms: resume.rooms, sameRooms: true };
      // Forwarders first: one that ends with its room leaks a UDP socket in Janus 1.1.2.
      await new RoomForwarders(previous.janus, resume.rooms, () => undefined).stopLeftovers().catch(() => 0);
      await previous.janus.destroyRooms(resume.rooms);
    }
    const totals = await this.load.totals();
    const chosen = leastLoaded(candidates.map((n) => ({ id: n.id, state: n.state, load: totals.get(n.id) ?? 0 })));
    const origin = candidates.find((n) => n.id === chosen?.id);
    if (!origin) throw new AppError('ERR_MEDIA_UNAVAILABLE');
    return { origin, rooms: await origin.janus.createRooms(description, this.roomSettings), sameRooms: false };
  }

  async stop(): Promise<void> {
    await this.relay?.stop();
    await this.source?.stop();
    await this.node?.close();
    this.node = undefined;
  }
}

/**
 * External Janus nodes (JANUS_MODE=external): the first that answers is used; when it goes
 * away the next one that answers takes over, and the rooms set their media up again there.
 */
function externalNodes(nodes: readonly JanusEndpoint[], plane: MediaPlane, log: Logger): NodeSource {
  let status: ComponentStatus = { status: 'starting', detail: 'connecting to Janus' };
  let stopped = false;
  let wake: (() => void) | undefined;

  async function keepConnected(): Promise<void> {
    while (!stopped) {
      for (const endpoint of nodes) {
        const node = await plane.nodeReady(endpoint).catch(() => undefined);
        if (!node) continue;
        status = { status: 'ok' };
        log.info({ node: nodes.indexOf(endpoint) }, 'connected to Janus');
        await node.closed;
        if (stopped) return;
        log.warn({ node: nodes.indexOf(endpoint) }, 'lost Janus; reconnecting');
        break;
      }
      status = { status: 'down', detail: 'no configured Janus node answers' };
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, reconnectDelayMs).unref();
      });
    }
  }

  return {
    start: keepConnected,
    status: () => status,
    stop: async () => {
      stopped = true;
      wake?.();
    },
  };
}

const placed = ({ node, janus }: PooledNode): PlacedNode => ({ id: node.id, janus, mediaAddress: node.mediaAddress, state: node.state });

/** What registry mode needs besides the configuration: the nodes' table, and Redis to share their load (cluster mode). */
export interface MediaPlaneDeps {
  store: Store;
  /** src/cluster's Cluster, as far as the media plane uses it (media/ imports no cluster code). */
  cluster: { redis: Redis | undefined; ready(): Redis; keyPrefix: string; instanceId: string };
}

export function createMediaPlane(config: Config, log: Logger, deps?: MediaPlaneDeps): MediaPlane {
  const { janus } = config;
  const relay = createTurnRelay(config, log.child({ component: 'turn' }));
  const plane = new MediaPlane(janus.mode === 'off' ? 'JANUS_MODE=off' : '', log, { maxPublishers: janus.maxPublishers }, relay);
  if (janus.mode === 'embedded') {
    plane.attach(createJanusSupervisor(janus, config.dataDir, log, async (endpoint) => void (await plane.nodeReady(endpoint))));
  } else if (janus.mode === 'external') {
    plane.attach(externalNodes(janus.nodes, plane, log));
  } else if (janus.mode === 'registry') {
    if (!deps) throw new Error('JANUS_MODE=registry needs the store');
    const { store, cluster } = deps;
    const load = cluster.redis ? redisLoad(() => cluster.ready(), cluster.keyPrefix, cluster.instanceId, log) : memoryLoad();
    // A lost meeting node takes rooms' media with it: the rooms set theirs up again (on the nodes left).
    const pool = new NodePool(store, janus.adminSecret, log, (node) => node.role === 'meeting' && plane.emit('reset', node.id));
    plane.useRegistry(pool, load, janus.edgeViewerCap);
  }
  return plane;
}
