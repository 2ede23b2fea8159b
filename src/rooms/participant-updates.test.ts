import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createMediaPlane, type MediaPlane } from '../media/media-plane.js';
import { applyParticipants, type ParticipantView, type ServerMessage } from '../shared/protocol/index.js';
import type { RoomKind } from '../store/schema.js';
import type { JoinSession, RoomRole } from './join-sessions.js';
import { LiveRoom, type Peer } from './live-room.js';
import { intentsByType } from './room-features.js';
import { createWebinar } from './webinar.js';

/** A browser as the room sees it: keeps the list from the snapshot and the deltas, as web/src/features/room/roomClient.ts does. */
class ListingPeer implements Peer {
  readonly received: ServerMessage[] = [];
  list: ParticipantView[] = [];
  attendees?: number;
  send(message: ServerMessage): void {
    this.received.push(message);
    if (message.type === 'welcome' || message.type === 'participants') this.list = message.participants;
    else if (message.type === 'participants.delta') this.list = applyParticipants(this.list, message);
    else return;
    if (message.attendees !== undefined) this.attendees = message.attendees;
  }
  close(): void {}
}

/** A small deterministic random source, so a failing sequence can be run again. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The participant list as deltas after one snapshot (participant-updates.ts), on the real
 * LiveRoom and the real webinar lens, media plane off: whatever happens, each browser's list
 * equals the snapshot someone entering now would get, and attendees never learn of each other.
 */
describe('participant updates: one snapshot, then deltas', () => {
  let dataDir: string;
  let media: MediaPlane;
  const log = pino({ level: 'silent' });

  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-updates-'));
    media = createMediaPlane(loadConfig({ DATA_DIR: dataDir, JANUS_MODE: 'off', LOG_LEVEL: 'silent' }), log);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A live room with the webinar feature; `graceMs`: how long a dropped browser keeps its place. */
  function room(kind: RoomKind, graceMs = 10) {
    const attendance = { joined: async () => randomUUID(), left: async () => undefined };
    const live = new LiveRoom(randomUUID(), kind, 'Updates', media, attendance, log, () => undefined, graceMs);
    const webinar = createWebinar();
    webinar.feature.open(live);
    const intents = intentsByType([webinar.feature], new Set());
    const people = new Map<string, { session: JoinSession; peer: ListingPeer }>();
    let n = 0;
    async function enter(role: RoomRole = 'participant', name = `Person ${++n}`) {
      const session: JoinSession = {
        participantId: randomUUID(),
        roomId: live.roomId,
        displayName: name,
        role,
        accountId: null,
        registrationId: null,
        expiresAt: Date.now() + 3_600_000,
      };
      const peer = new ListingPeer();
      people.set(session.participantId, { session, peer });
      await live.connect(session, peer);
      return { session, peer };
    }
    function ask(session: JoinSession, type: string, payload: Record<string, unknown> = {}) {
      const peer = people.get(session.participantId)!.peer;
      return intents.get(type)!.handle({ room: live, session, participantId: session.participantId, peer }, { type, id: 1, ...payload });
    }
    /** What someone entering now would be shown, as a recipient of `role` (a fresh snapshot). */
    async function fresh(role: RoomRole) {
      const newcomer = await enter(role, 'Fresh Eyes');
      const welcome = newcomer.peer.received[0];
      assert.equal(welcome?.type, 'welcome');
      await live.leave(newcomer.session.participantId);
      people.delete(newcomer.session.participantId);
      await turn();
      return { list: welcome.participants.filter((p) => p.displayName !== 'Fresh Eyes'), attendees: welcome.attendees };
    }
    return { live, people, enter, ask, fresh };
  }

  it('in a meeting: 300 joins, leaves, drops, returns and role changes later, every list equals a fresh snapshot', async () => {
    const { live, people, enter, fresh } = room('meeting');
    const watchers = [await enter('host'), await enter(), await enter()];
    const next = random(7);
    for (let step = 0; step < 300; step++) {
      // Whoever dropped and stayed away past the grace is gone.
      for (const id of people.keys()) if (!live.sessionOf(id)) people.delete(id);
      const others = [...people.values()].filter((p) => !watchers.some((w) => w.peer === p.peer));
      const someone = others[next(Math.max(others.length, 1))];
      const action = others.length < 3 ? 0 : next(5);
      if (action === 0) await enter();
      else if (action === 1 && someone) {
        await live.leave(someone.session.participantId);
        people.delete(someone.session.participantId);
      } else if (action === 2 && someone) live.disconnected(someone.session.participantId, someone.peer);
      else if (action === 3 && someone) await live.connect(someone.session, someone.peer);
      else if (someone) live.setRole(someone.session.participantId, someone.session.role === 'cohost' ? 'participant' : 'cohost');
      if (next(4) === 0) await turn();
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // past every reconnect grace
    const expected = (await fresh('participant')).list;
    assert.ok(expected.length > 3, `a room of ${expected.length}`);
    for (const watcher of watchers) assert.deepEqual(watcher.peer.list, expected);
    const deltas = watchers[1]!.peer.received.filter((m) => m.type === 'participants.delta').length;
    assert.ok(
      !watchers[1]!.peer.received.some((m) => m.type === 'participants'),
      `after the welcome only deltas (${deltas}), no second snapshot`,
    );
  });

  it('in a webinar: attendees get the panel and a count, never another attendee; the host gets everyone', async () => {
    const { live, people, enter, ask, fresh } = room('webinar', 60_000);
    const host = await enter('host', 'Hana Host');
    const watcher = await enter('participant', 'Wanda Watcher');
    const next = random(11);
    const entered: string[] = [];
    let promoted = '';
    for (let step = 0; step < 200; step++) {
      const audience = [...people.values()].filter((p) => p.peer !== host.peer && p.peer !== watcher.peer);
      const someone = audience[next(Math.max(audience.length, 1))];
      const roll = next(4);
      if (audience.length < 3 || roll < 2) entered.push((await enter()).session.displayName);
      else if (someone && roll === 2) {
        await live.leave(someone.session.participantId);
        people.delete(someone.session.participantId);
      } else if (someone) live.disconnected(someone.session.participantId, someone.peer);
      if (step === 100) {
        // One of the audience onto the panel: from now on everyone sees them by name.
        const speaker = (await enter()).session;
        promoted = speaker.displayName;
        await ask(host.session, 'webinar.promote', { participantId: speaker.participantId });
        await ask(speaker, 'webinar.reply', { accept: true });
      }
      if (next(3) === 0) await turn();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a count alone goes out at most once a second
    const asHost = await fresh('host');
    assert.deepEqual(host.peer.list, asHost.list);
    assert.equal(host.peer.attendees, asHost.attendees);
    assert.ok(asHost.list.filter((p) => p.role === 'attendee').length > 5, 'the host sees the audience');

    const asAttendee = await fresh('participant');
    const watcherId = watcher.session.participantId;
    assert.deepEqual(
      watcher.peer.list.filter((p) => p.id !== watcherId),
      asAttendee.list,
      'an attendee sees the panel as someone entering now',
    );
    assert.ok(asAttendee.list.some((p) => p.displayName === promoted && p.role === 'panelist'));
    assert.ok(asAttendee.list.every((p) => p.role !== 'attendee'));
    assert.equal(watcher.peer.list.find((p) => p.id === watcherId)?.role, 'attendee', 'and themselves');
    assert.equal(watcher.peer.attendees, asHost.attendees, 'and how many attend');

    const sent = JSON.stringify(watcher.peer.received);
    const others = entered.filter((name) => name !== promoted);
    assert.ok(others.length > 30, `${others.length} other attendees`);
    assert.deepEqual(
      others.filter((name) => sent.includes(`"${name}"`)),
      [],
      'no push to an attendee names another attendee',
    );
  });
});
