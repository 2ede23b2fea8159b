import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { RoomSocketClient, type RoomSocketMessage } from './room-socket.js';
import { until } from './until.js';
import { ClipPublisher, CountingViewer, type SessionDescription } from './werift-peers.js';

/**
 * Clients of a cluster as browsers are: HTTP to nginx or to one instance (as a balancer that
 * spread them would), room sockets that retry while a room moves, and werift peers for the media
 * (src/testing/cluster-harness.ts starts the cluster). `origin` is what the browser's page came
 * from (nginx), sent as Origin everywhere.
 */

let nextClient = 0;

/** A client address of its own (TRUST_PROXY trusts loopback), so per-address limits count people, not the test. */
export const clientAddress = () => `198.18.${Math.floor(++nextClient / 250) % 250}.${(nextClient % 250) + 1}`;

export interface ApiAnswer<T> {
  status: number;
  cookie: string | null;
  json: T;
}

export function httpClient(origin: string) {
  return async function api<T = Record<string, unknown>>(
    base: string,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(base + url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), origin, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      cookie: response.headers.get('set-cookie')?.split(';')[0] ?? null,
      json: (await response.json().catch(() => null)) as T,
    };
  };
}

/** A captcha from `base`, solved as the browser widget does. */
export async function solvedCaptcha(base: string, address: string): Promise<string> {
  const challenge = (await (await fetch(`${base}/api/public/captcha`, { headers: { 'x-forwarded-for': address } })).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('captcha not solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

let nextIntent = 1000;

/** Sends an intent and awaits its answer; throws on an error answer. */
export async function ask(socket: RoomSocketClient, type: string, payload: Record<string, unknown> = {}, timeoutMs = 15_000) {
  const id = nextIntent++;
  socket.send({ type, id, ...payload });
  const answer = await socket.next((m) => m.id === id, timeoutMs);
  if (answer.type !== 'result') throw new Error(`${type}: ${answer.code} ${answer.message}`);
  return answer;
}

/**
 * Opens the room socket at `base` (nginx or one instance) and says hello, retrying as the browser
 * does while the room has no owner (it moves after a kill); resolves with the socket and the
 * hello's answer.
 */
export async function enterRoom(
  base: string,
  origin: string,
  socketPath: string,
  token: string,
  timeoutMs = 30_000,
): Promise<{ socket: RoomSocketClient; answer: RoomSocketMessage }> {
  return until(
    async () => {
      const socket = await RoomSocketClient.open(`${base.replace('http', 'ws')}${socketPath}`, { origin }).catch(() => undefined);
      if (!socket) return undefined;
      const id = nextIntent++;
      socket.send({ type: 'hello', id, token });
      const answer = await socket.next((m) => m.id === id, 5_000).catch(() => undefined);
      if (answer?.type === 'result') return { socket, answer };
      socket.socket.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return undefined;
    },
    { timeoutMs, intervalMs: 0, what: `into the room at ${base}` },
  );
}

/** A camera: a werift peer replaying `clip`, published over the room socket. */
export async function publishCamera(socket: RoomSocketClient, clip: string): Promise<ClipPublisher> {
  const camera = new ClipPublisher();
  try {
    const { data } = await ask(socket, 'publish', { kind: 'camera', offer: await camera.offer() }, 20_000);
    await camera.start((data as { answer: SessionDescription }).answer, clip);
    return camera;
  } catch (error) {
    await camera.close();
    throw error;
  }
}

/** Shows `participantId`'s camera on a werift viewer that counts what arrives. */
export async function showCamera(socket: RoomSocketClient, participantId: string): Promise<CountingViewer> {
  const viewer = new CountingViewer();
  try {
    const { data } = await ask(socket, 'video.show', { videos: [{ participantId, kind: 'camera' }] }, 20_000);
    const { offer } = data as { offer?: SessionDescription };
    if (!offer) throw new Error('video.show brought no offer');
    await ask(socket, 'video.answer', { answer: await viewer.answer(offer) });
    return viewer;
  } catch (error) {
    await viewer.close();
    throw error;
  }
}

/** Watches the webinar's broadcast on a werift viewer; `offer` tells which node serves it (its candidates' ports). */
export async function watchWebinar(socket: RoomSocketClient, options: { headersOnly?: boolean } = {}) {
  const viewer = new CountingViewer(options);
  try {
    const { data } = await ask(socket, 'webinar.watch', {}, 20_000);
    const { offer } = data as { offer: SessionDescription };
    await ask(socket, 'webinar.start', { answer: await viewer.answer(offer) });
    return { viewer, offer };
  } catch (error) {
    await viewer.close();
    throw error;
  }
}

/** The ports in an SDP's host candidates (which Janus node offered it: each has its own range). */
export const candidatePorts = (sdp: string): number[] =>
  [...sdp.matchAll(/^a=candidate:\S+ \d+ udp \d+ \S+ (\d+) typ/gim)].map((m) => Number(m[1]));
