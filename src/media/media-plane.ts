import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ComponentStatus } from '../http/health.js';
import { Broadcast, type BroadcastPictures } from './broadcast.js';
import { BroadcastViewer } from './broadcast-viewer.js';
import { JanusNode, type JanusRooms, type RoomSettings } from './janus-node.js';
import { ParticipantMedia } from './participant-media.js';
import { createJanusSupervisor, type JanusEndpoint } from './supervisor.js';
import type { IceServers } from './turn-credentials.js';
import { createTurnRelay, type TurnRelay } from './turn-relay.js';

export type { ParticipantMedia, BroadcastViewer, BroadcastPictures, IceServers };
export type { IceCandidate, Jsep, PeerConnectionId, PlainRtpAddress, PublishKind, ShownVideo } from './participant-media.js';

/** The media of one live room: whoever joins gets a Janus token for it alone. */
export interface MediaRoom {
  join(display: string): Promise<ParticipantMedia>;
  /** Webinar rooms: an attendee's own view of the broadcast (a Janus token for the Streaming plugin only). */
  watch(): Promise<BroadcastViewer>;
  /** Webinar rooms: which publications the broadcast shows (main picture and inset), or none (sound only). */
  showOnBroadcast(pictures: BroadcastPictures): Promise<void>;
  close(): Promise<void>;
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
 * media is gone and has to be opened again.
 */
export class MediaPlane extends EventEmitter {
  private node?: JanusNode;
  private connecting?: Promise<void>;
  private connectedBefore = false;
  private source?: NodeSource;

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

  /** Starts in the background: the app serves while Janus comes up, and /healthz says so. */
  start(): void {
    void this.source?.start().catch((error: unknown) => this.log.error({ err: error }, 'the media plane did not start'));
    void this.relay?.start().catch((error: unknown) => this.log.error({ err: error }, 'the TURN relay did not start'));
  }

  status(): ComponentStatus {
    if (!this.source) return { status: 'off', detail: this.offDetail };
    const status = this.source.status();
    if (status.status === 'ok' && !this.node) return { status: 'starting', detail: 'connecting to Janus' };
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

  private async currentNode(): Promise<JanusNode> {
    await this.connecting?.catch(() => undefined);
    if (!this.node) throw new AppError('ERR_MEDIA_UNAVAILABLE');
    return this.node;
  }

  async openRoom(description: string, options: { broadcast?: boolean } = {}): Promise<MediaRoom> {
    const node = await this.currentNode();
    const rooms: JanusRooms = await node.createRooms(description, this.roomSettings);
    const videoMids = new Map<number, string>();
    const broadcast = options.broadcast
      ? await Broadcast.open(node, rooms, description, (feed) => videoMids.get(feed)).catch(async (error: unknown) => {
          await node.destroyRooms(rooms);
          throw error;
        })
      : undefined;
    const webinarOnly = () => new Error('this room has no broadcast');
    return {
      join: (display) => ParticipantMedia.open(node, rooms, display, videoMids),
      watch: () => (broadcast ? BroadcastViewer.open(broadcast.mountpoint) : Promise.reject(webinarOnly())),
      showOnBroadcast: (pictures) => (broadcast ? broadcast.show(pictures) : Promise.reject(webinarOnly())),
      close: async () => {
        await broadcast?.close();
        await node.destroyRooms(rooms);
      },
    };
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

export function createMediaPlane(config: Config, log: Logger): MediaPlane {
  const { janus } = config;
  const relay = createTurnRelay(config, log.child({ component: 'turn' }));
  const plane = new MediaPlane(janus.mode === 'off' ? 'JANUS_MODE=off' : '', log, { maxPublishers: janus.maxPublishers }, relay);
  if (janus.mode === 'embedded') {
    plane.attach(createJanusSupervisor(janus, config.dataDir, log, async (endpoint) => void (await plane.nodeReady(endpoint))));
  } else if (janus.mode === 'external') {
    plane.attach(externalNodes(janus.nodes, plane, log));
  }
  return plane;
}
