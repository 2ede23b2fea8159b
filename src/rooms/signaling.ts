import type { WebSocket } from '@fastify/websocket';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { relaySocket } from '../cluster/socket-relay.js';
import { AppError } from '../errors.js';
import { clientKey } from '../http/client-key.js';
import { translator } from '../http/i18n.js';
import { carryOut, encodeMessage, validateIntent, type Joined } from './intents.js';
import type { Peer } from './live-room.js';
import type { RemoteSeat, RemoteSeats, SeatSocket } from './remote-seats.js';
import { clientMessage, type ServerMessage } from '../shared/protocol/index.js';
import type { RoomsService } from './service.js';

/** The largest message after `hello` (an SDP offer); the WebSocket server's maxPayload. */
export const maxMessageBytes = 128 * 1024;
/** Marks a socket another instance relayed here: it is not relayed again. */
const relayedHeader = 'x-plenum-relayed';
/**
 * Before `hello` a socket has proved nothing: it may send exactly one small message (hello
 * carries a 200-character token) within a few seconds, and one address may hold only a few
 * such sockets at a time.
 */
const preHello = { timeoutMs: 5_000, maxBytes: 1_024, socketsPerAddress: 20 };
/**
 * A browser that stops reading (or reads slower than the room talks) would make the server keep
 * every push for it: past this many unsent bytes its connection is closed (1013; it reconnects
 * and starts again from a snapshot). Far more than a webinar's largest snapshot.
 */
export const maxUnsentBytes = 4 * 1024 * 1024;
/** How long a connection closed for falling behind may take to say goodbye before it is cut. */
const fellBehindGraceMs = 2_000;
/** A browser sends a few dozen messages when it sets up media; far more than this is a flood. */
const floodLimit = { messages: 300, windowMs: 10_000 };

/**
 * What a room sends to one socket within one turn of the event loop goes out in one write: the
 * socket is corked at its first frame and uncorked (all frames in one writev) when the turn's
 * I/O callbacks are done. When the server keeps up a turn carries one message and nothing
 * waits; when it falls behind (a busy room, a busy machine) the backlog of a turn costs each
 * socket one system call instead of one per message. `raw` is the TCP socket ws took over at the
 * upgrade (the request's own socket; ws corks it around each frame too, and corks nest).
 */
const corked = new Set<Socket>();
function corkForThisTurn(raw: Socket): void {
  if (corked.has(raw)) return;
  if (corked.size === 0) setImmediate(uncorkAll);
  raw.cork();
  corked.add(raw);
}
function uncorkAll(): void {
  for (const raw of corked) raw.uncork();
  corked.clear();
}

/** Counts the sockets per address that have not said `hello` yet. */
export class UnauthenticatedSockets {
  private readonly byAddress = new Map<string, number>();

  /** Counts one more; false when the address already holds its share. */
  admit(address: string): boolean {
    const count = this.byAddress.get(address) ?? 0;
    if (count >= preHello.socketsPerAddress) return false;
    this.byAddress.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const count = (this.byAddress.get(address) ?? 1) - 1;
    if (count <= 0) this.byAddress.delete(address);
    else this.byAddress.set(address, count);
  }
}

/**
 * ws has one maxPayload per server; its receiver reads the limit per frame from this field, so
 * the socket's limit is lowered until `hello` and restored after (signaling.test.ts observes
 * the 1009 close that proves it took effect).
 */
function setMaxPayload(socket: WebSocket, bytes: number): void {
  const receiver = (socket as unknown as { _receiver?: { _maxPayload?: unknown } })._receiver;
  if (receiver && typeof receiver._maxPayload === 'number') receiver._maxPayload = bytes;
}

/**
 * One browser tab's WebSocket: the first message must be `hello` with a join session;
 * after that every message is an intent, validated and checked, then carried out by the room.
 */
export function handleRoomSocket(
  socket: WebSocket,
  request: FastifyRequest,
  rooms: RoomsService,
  log: FastifyBaseLogger,
  unauthenticated: UnauthenticatedSockets,
  /** Cluster mode: webinar attendees of rooms owned by another instance stay connected here (remote-seats.ts). */
  seats?: RemoteSeats,
): void {
  const t = translator(request.language);
  const client = clientKey(request.ip);
  if (!unauthenticated.admit(client)) {
    socket.close(4429, 'too many connections');
    return;
  }
  let counted = true;
  const authenticated = () => {
    if (counted) unauthenticated.release(client);
    counted = false;
  };
  /** Before hello: 'waiting' for the one message, 'checking' it; then 'done', or 'relayed' to the room's owner instance. */
  let hello: 'waiting' | 'checking' | 'done' | 'relayed' = 'waiting';
  setMaxPayload(socket, preHello.maxBytes);
  /** In a room open here; or `seat`: an attendee of a room another instance owns (never both). */
  let joined: Joined | undefined;
  let seat: RemoteSeat | undefined;
  const fellBehind = () => {
    log.warn({ unsentBytes: socket.bufferedAmount }, 'room socket fell behind; closed');
    socket.close(1013, 'the connection fell behind');
    setTimeout(() => socket.terminate(), fellBehindGraceMs).unref();
  };
  const raw = request.raw.socket as Socket | undefined; // none for fastify.injectWS
  const sendEncoded = (frame: Buffer) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxUnsentBytes) return fellBehind();
    if (raw) corkForThisTurn(raw);
    socket.send(frame, { binary: false });
  };
  const peer: Peer = {
    send: (message: ServerMessage) => sendEncoded(encodeMessage(message)),
    close: (code, reason) => socket.close(code, reason),
  };
  const seatSocket: SeatSocket = {
    ...peer,
    sendEncoded,
    get isOpen() {
      return socket.readyState === socket.OPEN;
    },
    async becomeLocal(entered) {
      seat = undefined;
      joined = entered;
      await rooms.moderation.arrive(entered.room, entered.session, peer);
    },
  };
  const fail = (id: number | undefined, error: unknown) => {
    const appError = error instanceof AppError ? error : new AppError('ERR_INTERNAL');
    if (!(error instanceof AppError)) log.error({ err: error }, 'room intent failed');
    peer.send({ type: 'error', ...(id === undefined ? {} : { id }), code: appError.code, message: t(appError.code, appError.params) });
  };

  const helloTimer = setTimeout(() => socket.close(4401, 'no hello'), preHello.timeoutMs);
  let windowStart = Date.now();
  let messagesInWindow = 0;

  socket.on('message', (raw: Buffer, isBinary: boolean) => {
    // ws still delivers what arrives after the server's close (a browser that never answers it
    // keeps talking for ws's close timeout): someone removed, replaced or past the end says nothing more.
    if (hello === 'relayed' || socket.readyState !== socket.OPEN) return;
    if (hello !== 'done') return greet(raw, isBinary);
    if (Date.now() - windowStart > floodLimit.windowMs) {
      windowStart = Date.now();
      messagesInWindow = 0;
    }
    if (++messagesInWindow > floodLimit.messages) return socket.close(4429, 'too many messages');
    if (isBinary) return fail(undefined, new AppError('ERR_VALIDATION'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return fail(undefined, new AppError('ERR_MALFORMED_JSON'));
    }
    const checked = validateIntent(rooms, parsed);
    if ('error' in checked) return fail(checked.id, checked.error);
    const message = checked.intent;
    const started = performance.now();
    const outcome = seat
      ? seat.intent(message)
      : joined
        ? carryOut(rooms, joined, peer, message, () => (joined = undefined))
        : Promise.reject(new AppError('ERR_JOIN_SESSION_INVALID'));
    void outcome
      .then(
        (data) => peer.send({ type: 'result', id: message.id, ...(data === undefined ? {} : { data }) }),
        (error: unknown) => fail(message.id, error),
      )
      .finally(() => log.debug({ intent: message.type, ms: Math.round(performance.now() - started) }, 'room intent'));
  });

  socket.on('close', () => {
    clearTimeout(helloTimer);
    authenticated();
    if (joined)
      rooms.depart(joined.room, joined.session, peer, 'dropped').catch((error: unknown) => log.error({ err: error }, 'departure failed'));
    seat?.leave();
  });

  /** The one message before hello: it must be hello, and hello must succeed; anything else closes the socket. */
  function greet(raw: Buffer, isBinary: boolean): void {
    if (hello === 'checking') return socket.close(4429, 'one message before hello');
    hello = 'checking';
    const refuse = (id: number | undefined, error: unknown) => {
      fail(id, error);
      socket.close(4401, 'no hello');
    };
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(undefined, new AppError('ERR_MALFORMED_JSON'));
    }
    const result = clientMessage.safeParse(parsed);
    const id = typeof (parsed as { id?: unknown } | null)?.id === 'number' ? (parsed as { id: number }).id : undefined;
    if (!result.success) return refuse(id, new AppError('ERR_VALIDATION'));
    if (result.data.type !== 'hello') return refuse(id, new AppError('ERR_JOIN_SESSION_INVALID'));
    const { id: helloId, token } = result.data;
    rooms
      .enter(token)
      .then(async (entered) => {
        clearTimeout(helloTimer);
        if (socket.readyState !== socket.OPEN) return;
        joined = entered;
        hello = 'done';
        authenticated();
        setMaxPayload(socket, maxMessageBytes);
        // Into the room, or into its lobby ({ waiting: true }) until the host lets them in.
        const data = await rooms.moderation.arrive(entered.room, entered.session, peer);
        peer.send({ type: 'result', id: helloId, ...(data === undefined ? {} : { data }) });
      })
      .catch(async (error: unknown) => {
        const attended = await attendElsewhere(error, helloId, token).catch((refusal: unknown) => {
          refuse(helloId, refusal);
          return true;
        });
        if (!attended && !(await relayToOwner(error, raw))) refuse(helloId, error);
      });
  }

  /**
   * Cluster mode: the room lives on another instance and this is a webinar attendee; the socket
   * stays here and the owner lets them in (src/rooms/remote-seats.ts). False when that does not
   * apply (the whole socket is relayed instead); throws when the owner refused the hello.
   */
  async function attendElsewhere(error: unknown, helloId: number, token: string): Promise<boolean> {
    if (!seats || !(error instanceof AppError) || error.code !== 'ERR_ROOM_ELSEWHERE' || request.headers[relayedHeader]) return false;
    // The owner's answer is bounded by the request's own timeout (it says so in the browser's language).
    clearTimeout(helloTimer);
    const attended = await seats.attend(String(error.params.owner), String(error.params.room), token, seatSocket);
    if (attended === 'relay') return false;
    if (socket.readyState !== socket.OPEN) return true;
    seat = attended.seat;
    hello = 'done';
    authenticated();
    setMaxPayload(socket, maxMessageBytes);
    peer.send({ type: 'result', id: helloId, ...(attended.data === undefined ? {} : { data: attended.data }) });
    return true;
  }

  /**
   * Cluster mode: the room lives on another instance; the socket is carried there, hello first
   * (src/cluster/socket-relay.ts). Not for a socket that was relayed already (no chains).
   */
  async function relayToOwner(error: unknown, helloMessage: Buffer): Promise<boolean> {
    if (!(error instanceof AppError) || error.code !== 'ERR_ROOM_ELSEWHERE' || request.headers[relayedHeader]) return false;
    const target = await rooms.ownerSocketUrl(String(error.params.owner), String(error.params.room)).catch(() => undefined);
    if (!target || socket.readyState !== socket.OPEN) return false;
    clearTimeout(helloTimer);
    hello = 'relayed';
    authenticated();
    setMaxPayload(socket, maxMessageBytes);
    relaySocket(socket, helloMessage, target, {
      origin: request.headers.origin ?? '',
      'x-forwarded-for': request.ip,
      [relayedHeader]: '1',
    });
    return true;
  }
}
