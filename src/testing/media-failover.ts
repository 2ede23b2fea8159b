import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createCluster, type Cluster } from '../cluster/cluster.js';
import { loadConfig } from '../config.js';
import { JanusNode } from '../media/janus-node.js';
import type { MediaSnapshot } from '../media/media-snapshot.js';
import { createMediaPlane, type BroadcastViewer, type MediaPlane, type MediaRoom, type ParticipantMedia } from '../media/media-plane.js';
import type { NodePool } from '../media/nodes/pool.js';
import { nodeRegistry, type AuditChange } from '../media/nodes/registry.js';
import { recordAudit } from '../privacy/audit.js';
import { freePort } from './nginx.js';
import { startJanusNodes } from './janus-nodes.js';
import { openTestStore } from './stores.js';
import { until } from './until.js';
import { CountingViewer, preEncodedClip, publishClip } from './werift-peers.js';

/**
 * A test bed for media failures in registry mode, as on four machines of one box: two meeting
 * nodes (`meeting-1`, `meeting-2`, either can be a webinar's origin) and two edges (`edge-a`,
 * `edge-b`), each a Janus process with its own config folder and RTP ports; a Redis of its own
 * (so a test may kill it) for the nodes' load; werift peers that publish and watch. Used by
 * src/media/failover.test.ts (what happens) and bench/cluster-media.ts (how long it takes).
 */

const audit: AuditChange = (db, action, id, detail) =>
  recordAudit(db, { kind: 'system' }, { action, subject: { type: 'media_node', id }, detail });

export const meetingNodes = ['meeting-1', 'meeting-2'] as const;
export const edgeNodes = ['edge-a', 'edge-b'] as const;
const description = 'failover bed';

/** One attendee watching: the app's viewer on their behalf, and their (werift) peer connection. */
export interface Watching {
  viewer: BroadcastViewer;
  peer: CountingViewer;
}

export interface FailoverBed {
  plane: MediaPlane;
  cluster: Cluster;
  /** The webinar's media as its owner holds it now. */
  room: MediaRoom;
  viewers: Watching[];
  store: Awaited<ReturnType<typeof openTestStore>>;
  redis: ChildProcess;
  /** A node's Janus process. */
  process(name: string): ChildProcess;
  /** A control connection of the test's own to a node, for reading back what Janus holds. */
  inspect(name: string): Promise<JanusNode>;
  /** A second media plane on the same registry: another app instance. */
  anotherInstance(): Promise<MediaPlane>;
  setState(name: string, state: 'active' | 'draining'): Promise<void>;
  /** The presenter joins the room's media and shows screen and camera on the broadcast. */
  present(room: MediaRoom): Promise<ParticipantMedia>;
  /** A new attendee watches; tries again (250 ms, 500 ms, 1 s, 2 s) while no node has a place, as the browser does. */
  watch(room?: MediaRoom): Promise<Watching>;
  close(): Promise<void>;
}

export async function startFailoverBed(options: { edgeViewerCap?: number } = {}): Promise<FailoverBed> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-failover-'));
  const log = pino({ level: 'silent' });
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const plain = loadConfig({ DATA_DIR: dataDir });
    const janus = await startJanusNodes([...meetingNodes, ...edgeNodes], dataDir, plain.janus);
    closers.push(() => janus.stop());
    const store = await openTestStore('sqlite');
    closers.push(() => store.dispose());
    for (const node of janus.nodes) {
      const role = (meetingNodes as readonly string[]).includes(node.name) ? 'meeting' : 'edge';
      await nodeRegistry.register(
        store.db,
        { id: node.name, apiUrl: node.apiUrl, adminUrl: node.adminUrl, mediaAddress: '127.0.0.1', role },
        audit,
      );
    }
    const redisPort = await freePort();
    const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    closers.push(async () => redis.exitCode === null && redis.signalCode === null && redis.kill('SIGKILL'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      JANUS_MODE: 'registry',
      JANUS_ADMIN_SECRET: janus.adminSecret,
      JANUS_EDGE_VIEWER_CAP: String(options.edgeViewerCap ?? 10),
    });
    const instances: Cluster[] = [];
    const planes: MediaPlane[] = [];
    const newPlane = async () => {
      const cluster = createCluster(
        { redisUrl: `redis://127.0.0.1:${redisPort}`, keyPrefix: 'failover:', instanceId: `i${instances.length}` },
        log,
      );
      instances.push(cluster);
      const plane = createMediaPlane(config, log, { store, cluster });
      planes.push(plane);
      closers.push(
        () => cluster.close(),
        () => plane.stop(),
      );
      plane.start();
      await until(() => cluster.status().status === 'ok' && plane.status().status === 'ok', {
        timeoutMs: 20_000,
        intervalMs: 100,
        what: 'Redis and the registry’s nodes connected',
      });
      return { plane, cluster };
    };
    const { plane, cluster } = await newPlane();
    const clip = await preEncodedClip(path.join(dataDir, 'clip.webm'), 500, 6);
    const bed: FailoverBed = {
      plane,
      cluster,
      store,
      redis,
      room: await plane.openRoom(description, { broadcast: true }),
      viewers: [],
      process: (name) => janus.nodes.find((n) => n.name === name)!.process,
      async inspect(name) {
        const node = janus.nodes.find((n) => n.name === name)!;
        const connected = await JanusNode.connect({ url: node.apiUrl, adminUrl: node.adminUrl, adminSecret: janus.adminSecret });
        closers.push(() => connected.close());
        return connected;
      },
      anotherInstance: async () => (await newPlane()).plane,
      async setState(name, state) {
        await nodeRegistry.setState(store.db, name, state, audit);
        for (const each of planes) await (each as unknown as { pool: NodePool }).pool.refresh();
      },
      async present(room) {
        const media = await room.join('Anna');
        closers.push(() => media.close());
        const main = await publishClip(media, 'screen', clip, closers);
        const inset = await publishClip(media, 'camera', clip, closers);
        await room.showOnBroadcast({ main, inset });
        return media;
      },
      async watch(room = bed.room) {
        for (const delay of [250, 500, 1000, 2000, undefined]) {
          try {
            const viewer = await room.watch();
            const peer = new CountingViewer();
            closers.push(
              () => peer.close(),
              () => viewer.close(),
            );
            await viewer.start(await peer.answer(await viewer.watch()));
            return { viewer, peer };
          } catch (error) {
            if (delay === undefined) throw error;
            await new Promise((resolve) => setTimeout(resolve, delay));
          }
        }
        throw new Error('unreachable');
      },
      close,
    };
    return bed;
  } catch (error) {
    await close();
    throw error;
  }
}

/** Where the origin's forwarders send now, as Janus lists them (listforwarders), each with its SRTP flag. */
export async function forwardedTo(origin: JanusNode, rooms: MediaSnapshot['rooms']): Promise<{ audio: string[]; video: string[] }> {
  const audio = await origin.request('audiobridge', { request: 'listforwarders', room: rooms.audioRoom, secret: rooms.secret });
  const video = await origin.request('videoroom', { request: 'listforwarders', room: rooms.videoRoom, secret: rooms.secret });
  type Listed = { port: number; srtp?: boolean };
  const describe = (f: Listed) => `${f.port}${f.srtp ? '' : ' (no srtp)'}`;
  return {
    audio: ((audio.rtp_forwarders ?? []) as Listed[]).map(describe).sort(),
    video: ((video.publishers ?? []) as { forwarders: Listed[] }[]).flatMap((p) => p.forwarders.map(describe)).sort(),
  };
}

/** The ports each mountpoint of a snapshot listens on, as forwardedTo lists them. */
export const portsOf = (snapshot: MediaSnapshot) => ({
  audio: snapshot.mountpoints.map((m) => String(m.target.audioPort)).sort(),
  video: snapshot.mountpoints.flatMap((m) => [String(m.target.video.main.port), String(m.target.video.inset.port)]).sort(),
});

/** Audio packets a peer received after `since` (performance.now()). */
export const audioSince = (peer: CountingViewer, since: number) => peer.audioArrivals.filter((t) => t > since).length;

/** The longest pause in a peer's sound (or pictures) that spans `at`: from the last packet before it to the first after, or later. */
export function gapAround(peer: CountingViewer, at: number, kind: 'audio' | 'video' = 'audio'): number {
  const all = kind === 'audio' ? peer.audioArrivals : peer.videoArrivals;
  const before = all.filter((t) => t <= at).at(-1) ?? at;
  const after = all.find((t) => t > at);
  if (after === undefined) return Infinity;
  let longest = after - before;
  const arrivals = all.filter((t) => t > at);
  for (let i = 1; i < arrivals.length; i++) longest = Math.max(longest, arrivals[i]! - arrivals[i - 1]!);
  return longest;
}

/**
 * An edge dies (SIGKILL): each attendee watching there learns it from their viewer, stops,
 * and watches again wherever the room places them now. Answers, per attendee, the time from the
 * kill to the first sound on the new connection (ms) and the node they were moved to.
 */
export async function killEdge(bed: FailoverBed, edge: string): Promise<{ ms: number; node: string }[]> {
  const moving = bed.viewers.filter((w) => w.viewer.node === edge);
  const killedAt = performance.now();
  bed.process(edge).kill('SIGKILL');
  return Promise.all(
    moving.map(async (old) => {
      await old.viewer.lost;
      await old.viewer.close();
      await old.peer.close();
      const moved = await bed.watch();
      bed.viewers[bed.viewers.indexOf(old)] = moved;
      const first = await until(() => moved.peer.audioArrivals[0], {
        timeoutMs: 15_000,
        what: `sound for the attendee moved off ${edge}`,
      });
      return { ms: Math.round(first - killedAt), node: moved.viewer.node };
    }),
  );
}

/**
 * The room's meeting node (the origin) dies (SIGKILL): the owner hears of it (the media plane's
 * 'reset', naming the node), opens the room again from its snapshot on a meeting node that lives,
 * and the presenter publishes again there. Answers when the kill happened (performance.now()) and
 * the node the room moved to; the attendees' connections to the edges are left as they were.
 */
export async function killOrigin(bed: FailoverBed): Promise<{ killedAt: number; reopenedAt: number; movedTo: string }> {
  const origin = bed.room.node;
  const reset = new Promise<unknown>((resolve) => bed.plane.once('reset', resolve));
  const killedAt = performance.now();
  bed.process(origin).kill('SIGKILL');
  if ((await reset) !== origin) throw new Error(`the media plane reset another node than ${origin}`);
  const kept = bed.room.snapshot();
  bed.room.abandon();
  bed.room = await bed.plane.openRoom(description, { broadcast: true, resume: kept });
  const reopenedAt = performance.now();
  await bed.present(bed.room);
  return { killedAt, reopenedAt, movedTo: bed.room.node };
}
