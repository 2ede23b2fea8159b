import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createMediaPlane, type MediaPlane } from '../media/media-plane.js';
import type { LobbyMode, RoomTable } from '../store/schema.js';
import { until } from '../testing/until.js';
import type { JoinSession, RoomRole } from './join-sessions.js';
import { applyParticipants, type ParticipantView, type ServerMessage } from '../shared/protocol/index.js';
import { LiveRoom, type Peer } from './live-room.js';
import { LiveRooms, type Departure } from './live-rooms.js';
import { createModeration } from './moderation.js';
import { intentsByType } from './room-features.js';
import { AppError } from '../errors.js';
import type { RoomOwnership, SharedRoom } from '../cluster/shared-room.js';

/** What a connection (a browser's WebSocket, a phone call) is to the room: it receives pushes and can be closed. */
class RecordingPeer implements Peer {
  readonly received: ServerMessage[] = [];
  closedWith?: number;
  send(message: ServerMessage): void {
    this.received.push(message);
  }
  close(code: number): void {
    this.closedWith = code;
  }
  /** The participant list as the pushes describe it (a snapshot, then deltas). */
  list(): ParticipantView[] {
    return this.received.reduce<ParticipantView[]>(
      (list, m) =>
        m.type === 'welcome' || m.type === 'participants'
          ? m.participants
          : m.type === 'participants.delta'
            ? applyParticipants(list, m)
            : list,
      [],
    );
  }
  last<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }> | undefined {
    return this.received.findLast((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }
}

const row = (lobby: LobbyMode = 'off'): RoomTable => ({
  id: randomUUID(),
  meeting_number: '12345678901',
  passcode: 'secret12',
  title: 'Lifetime',
  kind: 'meeting',
  lobby,
  host_account_id: 'account-1',
  owner_id: 'account-1',
  event_id: null,
  created_at: new Date().toISOString(),
  ended_at: null,
});

/**
 * The registry of live rooms with the real LiveRoom and the real moderation, media plane off
 * (nobody sends media here). Departures are what the transports call: signaling.ts 'dropped' on
 * a WebSocket close and 'left' on the leave intent, telephony/service.ts 'left' on a BYE.
 */
describe('live rooms: one owner of a room’s lifetime', () => {
  let dataDir: string;
  let media: MediaPlane;
  const log = pino({ level: 'silent' });
  const graceMs = 30;

  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-live-rooms-'));
    media = createMediaPlane(loadConfig({ DATA_DIR: dataDir, JANUS_MODE: 'off', LOG_LEVEL: 'silent' }), log);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** `lobbyWrites`: the lobby modes written to the database, in order. */
  function setUp(ownership?: RoomOwnership, lobbyWrites: LobbyMode[] = []) {
    const moderation = createModeration({
      revokeSession: async () => undefined,
      saveLobbyMode: async (_roomId, mode) => void lobbyWrites.push(mode),
      liveRoom: (roomId) => rooms.get(roomId),
    });
    const attendance = { joined: async () => randomUUID(), left: async () => undefined };
    const rooms: LiveRooms = new LiveRooms(
      (r, onEmpty) => new LiveRoom(r.id, r.kind, r.title, media, attendance, log, onEmpty, graceMs),
      [moderation.feature],
      moderation,
      ownership,
    );
    const intents = intentsByType([moderation.feature], new Set());
    let nextId = 1;

    /** Someone says hello to the room (as signaling.ts and the phone do after their checks). */
    async function arrive(room: LiveRoom, displayName: string, role: RoomRole = 'participant') {
      const session: JoinSession = {
        participantId: randomUUID(),
        roomId: room.roomId,
        displayName,
        role,
        accountId: role === 'host' ? 'account-1' : null,
        registrationId: null,
        expiresAt: Date.now() + 3_600_000,
      };
      const peer = new RecordingPeer();
      const waiting = await moderation.arrive(room, session, peer);
      return { session, peer, waiting: waiting !== undefined };
    }
    type Person = Awaited<ReturnType<typeof arrive>>;

    function ask(room: LiveRoom, who: Person, type: string, payload: Record<string, unknown> = {}) {
      const intent = intents.get(type)!;
      const context = { room, session: who.session, participantId: who.session.participantId, peer: who.peer };
      return intent.handle(context, { type, id: nextId++, ...payload });
    }

    return { rooms, moderation, arrive, ask };
  }

  it('drops a room, and the moderation state it holds, when it ends or empties: 0 rooms live after 12 opened and closed', async () => {
    const { rooms, moderation, arrive, ask } = setUp();
    const ways = ['ended by the host', 'everyone left', 'connections dropped, grace over', 'the last one waiting gave up'] as const;
    const opened: RoomTable[] = [];
    for (let i = 0; i < 12; i++) {
      const way = ways[i % ways.length]!;
      const stored = row(way === 'the last one waiting gave up' ? 'everyone' : 'off');
      opened.push(stored);
      const room = await rooms.open(stored);
      if (way === 'the last one waiting gave up') {
        const guest = await arrive(room, 'Wanda');
        assert.equal(guest.waiting, true);
        assert.equal(rooms.get(stored.id), room, 'someone waiting keeps the room live');
        await rooms.depart(room, guest.session, guest.peer, 'dropped');
        continue;
      }
      const host = await arrive(room, 'Hanna', 'host');
      const paul = await arrive(room, 'Paul');
      await ask(room, host, 'moderation.settings', { locked: true, allowUnmute: false });
      await ask(room, paul, 'moderation.hand', { raised: true });
      if (way === 'ended by the host') await rooms.end(stored.id);
      else
        for (const person of [host, paul])
          await rooms.depart(room, person.session, person.peer, way === 'everyone left' ? 'left' : 'dropped');
    }
    assert.ok(rooms.size > 0, 'rooms whose people dropped wait out the reconnect grace');
    await until(() => rooms.size === 0, { what: 'every room closed' });

    // A room that is opened again starts from nothing: no lock, no hands, no one blocked from unmuting.
    for (const stored of opened) {
      moderation.checkJoin(stored, { role: 'participant', registrationId: null });
      const room = await rooms.open(stored);
      const host = await arrive(room, 'Hanna', 'host');
      assert.deepEqual(await ask(room, host, 'moderation.state'), {
        locked: false,
        lobby: stored.lobby,
        unmuteBlocked: false,
        hands: [],
        waiting: [],
        waitingCount: 0,
      });
      await rooms.depart(room, host.session, host.peer, 'left');
    }
    assert.equal(rooms.size, 0);
  });

  it('runs the same departure for a WebSocket close, a leave and a phone BYE: the list, the hands and the host role follow', async () => {
    const transports: { name: string; how: Departure }[] = [
      { name: 'WebSocket close', how: 'dropped' },
      { name: 'leave intent', how: 'left' },
      { name: 'phone BYE', how: 'left' },
    ];
    const seen: Record<string, unknown> = {};
    for (const transport of transports) {
      const { rooms, arrive, ask } = setUp();
      const stored = row();
      const room = await rooms.open(stored);
      const host = await arrive(room, 'Hanna', 'host');
      const cora = await arrive(room, 'Cora');
      const paul = await arrive(room, 'Paul');
      await ask(room, host, 'moderation.role', { participantId: cora.session.participantId, role: 'cohost' });
      await ask(room, host, 'moderation.hand', { raised: true });
      await ask(room, paul, 'moderation.hand', { raised: true });
      let mark = { cora: cora.peer.received.length, paul: paul.peer.received.length };

      await rooms.depart(room, host.session, host.peer, transport.how);
      if (transport.how === 'dropped') {
        // A dropped browser first keeps its place for the reconnect (shown as not connected); the departure follows the grace.
        const hanna = () => paul.peer.list().find((p) => p.displayName === 'Hanna');
        await until(() => hanna()?.connected === false, { timeoutMs: 2_000, what: 'Hanna shown as not connected' });
        mark = { cora: cora.peer.received.length, paul: paul.peer.received.length };
      }
      const names = () => paul.peer.list().map((p) => `${p.displayName} ${p.role}`);
      await until(() => names()?.length === 2, { timeoutMs: 2_000, what: `${transport.name}: Hanna off the list` });

      assert.deepEqual(names(), ['Cora host', 'Paul participant'], transport.name);
      assert.deepEqual(
        paul.peer.last('moderation.state')?.hands.map((h) => h.participantId),
        [paul.session.participantId],
        `${transport.name}: Hanna's hand is gone, Paul's stays`,
      );
      assert.deepEqual(cora.peer.last('moderation.role'), { type: 'moderation.role', role: 'host', reason: 'automatic' }, transport.name);
      assert.equal(rooms.get(stored.id), room, 'the room goes on with the others');
      // What the others received from the departure on, in order (ids aside): the same for every transport.
      seen[transport.name] = {
        cora: cora.peer.received.slice(mark.cora).map((m) => m.type),
        paul: paul.peer.received.slice(mark.paul).map((m) => m.type),
      };
    }
    const [first, ...others] = Object.values(seen);
    for (const other of others) assert.deepEqual(other, first, JSON.stringify(seen));
  });

  it('refuses a removed person’s hello while their join session still works, also after another instance took the room over', async () => {
    // The shared state as Redis would hold it (cluster/room-ownership.ts fences it; here one owner after the other).
    const kept: Record<string, string> = {};
    const shared = (): SharedRoom => ({
      epoch: 1,
      inherited: { ...kept },
      save: async (changes) => {
        for (const { field, value } of changes)
          if (value === null) delete kept[field];
          else kept[field] = value;
      },
      assertOwner: () => undefined,
      onLost: () => undefined,
      close: async () => undefined,
    });
    const ownership: RoomOwnership = {
      claim: async () => shared(),
      owner: async () => undefined,
      glance: async () => new Map(),
      state: async () => kept,
      evict: async () => undefined,
      fenceIfVacant: async () => false,
    };
    const stored = row();
    // setUp's revokeSession ends nothing: as when Redis is out of reach, the session stays valid.
    const first = setUp(ownership);
    const room = await first.rooms.open(stored);
    const host = await first.arrive(room, 'Hanna', 'host');
    const mallory = await first.arrive(room, 'Mallory');
    await first.ask(room, host, 'moderation.remove', { participantId: mallory.session.participantId });
    assert.equal(mallory.peer.closedWith, 4003);
    assert.throws(() => first.moderation.checkEntry(mallory.session, room), { code: 'ERR_REMOVED_FROM_ROOM' });

    const next = setUp(ownership);
    const takenOver = await next.rooms.open(stored);
    assert.throws(() => next.moderation.checkEntry(mallory.session, takenOver), { code: 'ERR_REMOVED_FROM_ROOM' }, 'on the next owner');
    next.moderation.checkEntry(host.session, takenOver);
  });

  it('writes the lobby mode to the database only after the fenced write: a former owner never does', async () => {
    let owner = true;
    const shared: SharedRoom = {
      epoch: 1,
      inherited: {},
      save: async () => {
        if (!owner) throw new AppError('ERR_ROOM_MOVED');
      },
      assertOwner: () => undefined,
      onLost: () => undefined,
      close: async () => undefined,
    };
    const lobbyWrites: LobbyMode[] = [];
    const { rooms, arrive, ask } = setUp(
      {
        claim: async () => shared,
        owner: async () => undefined,
        glance: async () => new Map(),
        state: async () => ({}),
        evict: async () => undefined,
        fenceIfVacant: async () => false,
      },
      lobbyWrites,
    );
    const room = await rooms.open(row());
    const host = await arrive(room, 'Hanna', 'host');
    await ask(room, host, 'moderation.settings', { lobby: 'everyone' });
    owner = false; // another instance took the room while this one stalled
    await assert.rejects(ask(room, host, 'moderation.settings', { lobby: 'off' }), { code: 'ERR_ROOM_MOVED' });
    assert.deepEqual(lobbyWrites, ['everyone'], 'the refused change reached no database');
  });
});
