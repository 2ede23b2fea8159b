import type { Logger } from 'pino';
import type { InstanceBus } from '../cluster/instance-bus.js';
import { AppError } from '../errors.js';
import type { ServerMessage } from '../shared/protocol/index.js';
import { carryOut, encodeMessage, validateIntent, type Joined } from './intents.js';
import type { Peer } from './live-room.js';
import type { RoomsService } from './service.js';

/**
 * The owner's side of webinar attendees whose browsers are connected to other instances
 * (cluster mode, #17): another instance (the "seat", ./remote-seats.ts) asks the owner to let an
 * attendee in (`attend`, with the SHA-256 of the join token the browser presented: no usable
 * token crosses Redis, where MONITOR or SLOWLOG would show it), relays each of their
 * intents (`intent`) and says when their socket closed (`depart`). Here they are participants
 * like any other, with a peer that sends over the bus; the owner checks everything as for a
 * browser of its own (join session, moderation, the intent's schema).
 *
 * Pushes: what the room sends to several remote attendees in one turn (a chat message, the count
 * of attendees) is encoded once and leaves once per instance, naming the recipients; the seat
 * sends the same bytes to each of their sockets.
 */

/** Who may attend from another instance: webinar attendees. Everyone else's socket is relayed whole (hosts, panelists, meetings). */
const attendsRemotely = ({ room, session }: Joined) => room.kind === 'webinar' && session.role === 'participant' && !session.panelist;

interface RemoteConnection extends Joined {
  peer: RemotePeer;
  instance: string;
}

class RemotePeer implements Peer {
  constructor(
    private readonly outbox: RemoteOutbox,
    readonly instance: string,
    readonly conn: string,
    readonly roomId: string,
  ) {}

  send(message: ServerMessage): void {
    this.outbox.push(this, message);
  }

  close(code: number, reason: string): void {
    this.outbox.close(this, code, reason);
  }
}

/**
 * Collects the recipients of each push per instance within a turn (the bus sends a turn's messages
 * together): one frame per message object and instance, naming every recipient. (Naming them all,
 * rather than "all of the room's attendees there", keeps a push from reaching someone who attended
 * or left within the same turn.)
 */
class RemoteOutbox {
  /** Per instance: the pushes queued on the bus and not sent yet, by message object (each leaves its map when it is sent). */
  private readonly queued = new Map<string, Map<object, Set<string>>>();

  constructor(private readonly bus: InstanceBus) {}

  push(peer: RemotePeer, message: ServerMessage): void {
    const { instance } = peer;
    let pushes = this.queued.get(instance);
    if (!pushes) this.queued.set(instance, (pushes = new Map()));
    const recipients = pushes.get(message);
    if (recipients) return void recipients.add(peer.conn);
    const to = new Set([peer.conn]);
    pushes.set(message, to);
    this.bus.send(
      instance,
      () => {
        pushes.delete(message);
        return { kind: 'push', to: [...to] };
      },
      encodeMessage(message),
    );
  }

  close(peer: RemotePeer, code: number, reason: string): void {
    this.bus.send(peer.instance, { kind: 'close', conn: peer.conn, code, reason });
  }
}

/** How often the owner makes sure the instances holding its remote attendees still listen (a PUBLISH nobody receives tells). */
const heartbeatMs = 5_000;

export function serveRemoteAttendees(bus: InstanceBus, rooms: RoomsService, log: Logger): { stop(): void } {
  const connections = new Map<string, RemoteConnection>();
  const keyOf = (instance: string, conn: string) => `${instance}/${conn}`;
  const outbox = new RemoteOutbox(bus);
  const forget = (key: string) => {
    const connection = connections.get(key);
    connections.delete(key);
    return connection;
  };
  const depart = (key: string) => {
    const connection = forget(key);
    if (connection)
      rooms
        .depart(connection.room, connection.session, connection.peer, 'dropped')
        .catch((error: unknown) => log.error({ err: error }, 'departure of a remote attendee failed'));
  };
  const string = (value: unknown) => {
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw new AppError('ERR_VALIDATION');
    return value;
  };

  // The attendee's hello, relayed: answered { relay: true } for whom the seat must relay whole.
  bus.handle('attend', async (header, _body, from) => {
    const conn = string(header.conn);
    const tokenHash = string(header.tokenHash);
    if (!/^[0-9a-f]{64}$/.test(tokenHash)) throw new AppError('ERR_VALIDATION');
    const entered = await rooms.enter(tokenHash, { hashed: true });
    if (!attendsRemotely(entered)) {
      rooms.closeIfIdle(entered.room);
      return { relay: true };
    }
    const key = keyOf(from, conn);
    depart(key);
    const peer = new RemotePeer(outbox, from, conn, entered.room.roomId);
    connections.set(key, { ...entered, peer, instance: from });
    try {
      const data = await rooms.moderation.arrive(entered.room, entered.session, peer);
      return { participantId: entered.session.participantId, data };
    } catch (error) {
      depart(key);
      throw error;
    }
  });

  bus.handle('intent', async (header, _body, from) => {
    const key = keyOf(from, string(header.conn));
    const connection = connections.get(key);
    // Not (or no longer) here: the seat attends again wherever the room is now.
    if (!connection) throw new AppError('ERR_ROOM_MOVED');
    const checked = validateIntent(rooms, header.intent);
    if ('error' in checked) throw checked.error;
    return carryOut(rooms, connection, connection.peer, checked.intent, () => forget(key));
  });

  bus.handle('depart', (header, _body, from) => depart(keyOf(from, string(header.conn))));

  // An instance that stopped listening took its sockets with it: its attendees drop (the reconnect grace runs).
  bus.onUnreachable((instance) => {
    for (const [key, connection] of connections) if (connection.instance === instance) depart(key);
  });
  // A quiet room sends nothing for a while: the heartbeat finds an instance that died meanwhile.
  const heartbeat = setInterval(() => {
    for (const instance of new Set([...connections.values()].map((c) => c.instance))) bus.send(instance, { kind: 'heartbeat' });
  }, heartbeatMs);
  heartbeat.unref();
  return { stop: () => clearInterval(heartbeat) };
}
