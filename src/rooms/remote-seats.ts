import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { InstanceBus } from '../cluster/instance-bus.js';
import { AppError } from '../errors.js';
import { hashToken } from '../shared/secrets.js';
import type { ServerMessage } from '../shared/protocol/index.js';
import type { Joined, ValidIntent } from './intents.js';
import type { RoomsService } from './service.js';

/**
 * This instance's side of webinar attendees whose room is owned by another instance (cluster
 * mode, #17; the owner's side is ./remote-attendees.ts). Their browsers stay connected here —
 * nginx spreads attendees over all instances — and each gets a seat: the hello goes to the owner
 * as `attend`, every intent as `intent` (answered within a timeout, else ERR_ROOM_NO_ANSWER in
 * the browser's language), and what the owner pushes arrives once per batch for all of them.
 *
 * When the owner changes (it died and its lease lapsed, or it handed the room over), the seats
 * move without closing their sockets: to the new owner, or into this instance when it takes the
 * room itself. Each gets a fresh welcome (the participant list starts again from a snapshot) and
 * media.reset (their player watches again through the new owner).
 */

/** What a seat needs of the browser's socket it stands for. */
export interface SeatSocket {
  send(message: ServerMessage): void;
  /** A push the owner encoded: the same bytes for every attendee it names. */
  sendEncoded(frame: Buffer): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
  /** The room opened on this instance (the owner went): the socket carries on as a participant here. */
  becomeLocal(entered: Joined): Promise<void>;
}

/** An owner that answers nothing for this long is taken to be gone (the browser is told, and may try again). */
const intentTimeoutMs = 5_000;
/** Letting someone in writes their attendance and welcomes them: a busy owner (a join storm) may take longer than for an intent. */
const attendTimeoutMs = 10_000;
/** These make the owner's Janus negotiate; a loaded media node may take longer. */
const slowIntents = new Set(['audio.join', 'publish', 'webinar.watch']);
const slowIntentTimeoutMs = 20_000;
/**
 * One attendee's intents on their way to the owner at a time; more are refused here. Each may be
 * 128 KiB and a turn's messages leave in one PUBLISH: unbounded, one browser's burst put ~30 MB
 * into the owner's channel (Redis cuts off a subscriber 32 MB behind). A browser sends a few at once.
 */
const maxIntentsInFlight = 32;
/** How often the owners of the rooms with seats here are looked up (a dead owner's lease lapses within its ttl, 6 s). */
const ownerCheckMs = 1_000;
/** Between attempts to find the room's new owner; after the last the socket closes and the browser reconnects. */
const moveDelaysMs = [0, 300, 1_000, 2_000, 4_000];
/** Seats that move together (their owner died) spread their first attempt over this long: the new owner is not asked by thousands at once. */
const moveSpreadMs = 1_000;

export class RemoteSeat {
  /** Set while the seat is between owners. */
  moving?: Promise<void>;
  participantId?: string;
  /** The attendee said `leave`: nothing more is carried out, and the seat is not moved again. */
  left = false;
  /** Intents sent to the owner and not answered yet. */
  inFlight = 0;

  constructor(
    private readonly seats: RemoteSeats,
    public owner: string,
    public conn: string,
    readonly roomId: string,
    readonly token: string,
    readonly socket: SeatSocket,
  ) {}

  /** One intent of the attendee, carried out by the owner. */
  async intent(intent: ValidIntent): Promise<unknown> {
    if (this.left) throw new AppError('ERR_JOIN_SESSION_INVALID');
    if (intent.type === 'leave') return this.seats.leaveRoom(this, intent);
    try {
      return await this.seats.request(this, intent);
    } catch (error) {
      // The owner no longer has the room: find where it is now (the browser is told to try again).
      if (error instanceof AppError && error.code === 'ERR_ROOM_MOVED') this.seats.move(this);
      throw error;
    }
  }

  /** The browser's socket closed. */
  leave(): void {
    this.seats.leave(this);
  }
}

export class RemoteSeats {
  private readonly byConn = new Map<string, RemoteSeat>();
  private readonly byRoom = new Map<string, Set<RemoteSeat>>();
  private readonly prefix = randomBytes(3).toString('base64url');
  private sequence = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly bus: InstanceBus,
    private readonly rooms: RoomsService,
    private readonly log: Logger,
  ) {
    bus.handle('push', (header, body, from) => this.deliver(header, body, from));
    bus.handle('close', (header) => this.closedByOwner(header));
    bus.handle('heartbeat', () => undefined);
    // Pushes were lost while the subscription was down: every attendee starts again from a welcome.
    bus.onResubscribed(() => {
      for (const seat of this.byConn.values()) this.move(seat);
    });
    this.timer = setInterval(() => void this.checkOwners(), ownerCheckMs);
    this.timer.unref();
  }

  /**
   * Asks `owner` to let the socket's attendee in. Resolves with the seat and the hello's answer,
   * or `relay` when the owner wants the whole socket (not a webinar attendee).
   */
  async attend(owner: string, roomId: string, token: string, socket: SeatSocket): Promise<{ seat: RemoteSeat; data: unknown } | 'relay'> {
    const seat = new RemoteSeat(this, owner, this.nextConn(), roomId, token, socket);
    const data = await this.seat(seat);
    return data === 'relay' ? 'relay' : { seat, data };
  }

  /** Sends the seat's attend to its owner; registered first, so the welcome pushed before the answer reaches the socket. */
  private async seat(seat: RemoteSeat): Promise<unknown> {
    this.add(seat);
    try {
      const answer = await this.bus.request<{ relay?: true; participantId?: string; data?: unknown }>(
        seat.owner,
        { kind: 'attend', conn: seat.conn, tokenHash: hashToken(seat.token) },
        attendTimeoutMs,
      );
      if (answer?.relay) {
        this.remove(seat);
        return 'relay';
      }
      seat.participantId = answer?.participantId;
      if (!seat.socket.isOpen) this.leave(seat);
      return answer?.data;
    } catch (error) {
      this.remove(seat);
      throw error;
    }
  }

  /** @internal RemoteSeat.intent */
  request(seat: RemoteSeat, intent: ValidIntent): Promise<unknown> {
    if (seat.moving) return Promise.reject(new AppError('ERR_ROOM_MOVED'));
    if (seat.inFlight >= maxIntentsInFlight) return Promise.reject(new AppError('ERR_RATE_LIMITED', { retryAfter: 1 }));
    const timeout = slowIntents.has(intent.type) ? slowIntentTimeoutMs : intentTimeoutMs;
    seat.inFlight++;
    return this.bus.request(seat.owner, { kind: 'intent', conn: seat.conn, intent }, timeout).finally(() => seat.inFlight--);
  }

  /**
   * @internal RemoteSeat.intent: the attendee leaves. The seat goes first, so nothing the owner
   * pushes meanwhile reaches the socket and no later refusal moves it back in; then the owner
   * lets them go and the socket closes, as for a browser of the owner's own.
   */
  async leaveRoom(seat: RemoteSeat, intent: ValidIntent): Promise<unknown> {
    seat.left = true;
    if (seat.moving || !this.remove(seat)) return seat.socket.close(1000, 'left');
    try {
      await this.bus.request(seat.owner, { kind: 'intent', conn: seat.conn, intent }, intentTimeoutMs);
    } catch (error) {
      this.bus.send(seat.owner, { kind: 'depart', conn: seat.conn });
      throw error;
    }
    seat.socket.close(1000, 'left');
    return undefined;
  }

  /** @internal RemoteSeat.leave */
  leave(seat: RemoteSeat): void {
    if (!this.remove(seat)) return;
    this.bus.send(seat.owner, { kind: 'depart', conn: seat.conn });
  }

  /**
   * The room's owner changed (or stopped answering): the seat attends again wherever the room is
   * now — here, if nobody holds it (this instance takes it), or at the new owner. The socket stays.
   */
  move(seat: RemoteSeat): void {
    seat.moving ??= this.moveSeat(seat)
      .catch((error: unknown) => {
        this.log.error({ err: error, roomId: seat.roomId }, 'attendee not moved to the room’s new owner');
        seat.socket.close(1012, 'the meeting moved to another server');
      })
      .finally(() => (seat.moving = undefined));
  }

  private async moveSeat(seat: RemoteSeat): Promise<void> {
    this.leave(seat);
    for (const [attempt, delay] of moveDelaysMs.entries()) {
      await sleep(attempt === 0 ? Math.random() * moveSpreadMs : delay);
      if (!seat.socket.isOpen) return;
      try {
        await seat.socket.becomeLocal(await this.rooms.enter(seat.token));
        seat.socket.send({ type: 'media.reset' });
        return;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'ERR_ROOM_ELSEWHERE') {
          const moved = await this.attendAt(seat, String(error.params.owner));
          if (moved === 'relay') break;
          if (moved) return;
        } else if (error.code === 'ERR_MEETING_ENDED') {
          seat.socket.send({ type: 'ended' });
          return seat.socket.close(4001, 'meeting ended');
        } else if (error.code !== 'ERR_CLUSTER_UNAVAILABLE' && error.code !== 'ERR_ROOM_MOVED') {
          // The join session ended meanwhile (revoked, removed): as a refused hello.
          return seat.socket.close(4401, error.code);
        }
      }
    }
    // Not settled in time (or the new owner wants the whole socket): the browser reconnects and says hello again.
    seat.socket.close(1012, 'the meeting moved to another server');
  }

  /** One attempt to seat a moving attendee at `owner`: true when seated, false to try again. */
  private async attendAt(seat: RemoteSeat, owner: string): Promise<boolean | 'relay'> {
    seat.owner = owner;
    seat.conn = this.nextConn();
    try {
      if ((await this.seat(seat)) === 'relay') return 'relay';
      seat.socket.send({ type: 'media.reset' });
      return true;
    } catch {
      return false;
    }
  }

  private async checkOwners(): Promise<void> {
    for (const [roomId, seats] of this.byRoom) {
      const holder = await this.rooms.ownerOf(roomId).catch(() => 'unknown' as const);
      if (holder === 'unknown') continue; // Redis out of reach: nothing to conclude
      for (const seat of seats) if (!seat.moving && holder?.instanceId !== seat.owner) this.move(seat);
    }
  }

  private deliver(header: Record<string, unknown>, body: Buffer | undefined, from: string): void {
    if (!body || !Array.isArray(header.to)) return;
    for (const conn of header.to) {
      const seat = this.byConn.get(String(conn));
      if (seat?.owner === from) seat.socket.sendEncoded(body);
      // A socket this instance no longer holds for that owner (it closed or moved, or this instance restarted): the owner lets it go.
      else this.bus.send(from, { kind: 'depart', conn: String(conn) });
    }
  }

  private closedByOwner(header: Record<string, unknown>): void {
    const seat = this.byConn.get(String(header.conn));
    if (!seat) return;
    const code = Number(header.code);
    // The owner lets its rooms go (restart, or it lost the room): the seat moves, the socket stays.
    if (code === 1012) return this.move(seat);
    // Ended, replaced, removed: the socket closes, and the owner forgets the connection (as when a browser's socket closes).
    this.leave(seat);
    seat.socket.close(code, String(header.reason ?? ''));
  }

  private nextConn(): string {
    return `${this.prefix}${(++this.sequence).toString(36)}`;
  }

  private add(seat: RemoteSeat): void {
    this.byConn.set(seat.conn, seat);
    let seats = this.byRoom.get(seat.roomId);
    if (!seats) this.byRoom.set(seat.roomId, (seats = new Set()));
    seats.add(seat);
  }

  /** False when the seat was not here (already gone). */
  private remove(seat: RemoteSeat): boolean {
    if (this.byConn.get(seat.conn) !== seat) return false;
    this.byConn.delete(seat.conn);
    const seats = this.byRoom.get(seat.roomId);
    seats?.delete(seat);
    if (seats?.size === 0) this.byRoom.delete(seat.roomId);
    return true;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
