import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ComponentStatus } from '../http/health.js';
import { JanusNode, type JanusRooms } from './janus-node.js';
import { ParticipantMedia } from './participant-media.js';
import { createJanusSupervisor, type JanusEndpoint } from './supervisor.js';

export type { ParticipantMedia };
export type { IceCandidate, Jsep, PeerConnectionId, PublishKind } from './participant-media.js';

/** The media of one live room: whoever joins gets a Janus token for it alone. */
export interface MediaRoom {
  join(display: string): Promise<ParticipantMedia>;
  close(): Promise<void>;
}

/**
 * The media plane as the rest of the app sees it; only src/media knows it is Janus.
 * Emits 'reset' when Janus came back after dying: every room and every participant's media
 * is gone and has to be opened again.
 */
export class MediaPlane extends EventEmitter {
  private node?: JanusNode;
  private connecting?: Promise<void>;

  constructor(
    private readonly supervisor: { start(): Promise<void>; status(): ComponentStatus; stop(): Promise<void> } | undefined,
    private readonly offDetail: string,
    private readonly log: Logger,
  ) {
    super();
  }

  /** Starts in the background: the app serves while Janus comes up, and /healthz says so. */
  start(): void {
    void this.supervisor?.start().catch((error: unknown) => this.log.error({ err: error }, 'Janus did not start'));
  }

  status(): ComponentStatus {
    if (!this.supervisor) return { status: 'off', detail: this.offDetail };
    const status = this.supervisor.status();
    if (status.status === 'ok' && !this.node) return { status: 'starting', detail: 'connecting to Janus' };
    return status;
  }

  /** Called by the supervisor each time Janus is up, the first time and after every restart. */
  async nodeReady(endpoint: JanusEndpoint): Promise<void> {
    const previous = this.node;
    this.node = undefined;
    await previous?.close();
    this.connecting = JanusNode.connect(endpoint).then((node) => {
      this.node = node;
      if (previous) this.emit('reset');
    });
    await this.connecting;
  }

  private async currentNode(): Promise<JanusNode> {
    await this.connecting?.catch(() => undefined);
    if (!this.node) throw new AppError('ERR_MEDIA_UNAVAILABLE');
    return this.node;
  }

  async openRoom(description: string): Promise<MediaRoom> {
    const node = await this.currentNode();
    const rooms: JanusRooms = await node.createRooms(description);
    return {
      join: (display) => ParticipantMedia.open(node, rooms, display),
      close: () => node.destroyRooms(rooms),
    };
  }

  async stop(): Promise<void> {
    await this.node?.close();
    this.node = undefined;
    await this.supervisor?.stop();
  }
}

export function createMediaPlane(config: Config, log: Logger): MediaPlane {
  const { janus } = config;
  if (janus.mode !== 'embedded') {
    const detail = janus.mode === 'off' ? 'JANUS_MODE=off' : 'connecting to external Janus nodes is not built yet';
    return new MediaPlane(undefined, detail, log);
  }
  const plane: MediaPlane = new MediaPlane(
    createJanusSupervisor(janus, config.dataDir, log, (endpoint) => plane.nodeReady(endpoint)),
    '',
    log,
  );
  return plane;
}
