import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createWebinar, inject, joinAsGuest, joinAsHost, settle, startRoomKit, type Person, type RoomKit } from '../chat/testing.js';
import { RoomSocketClient, type RoomSocketMessage } from '../testing/room-socket.js';
import type { Pseudonym } from './pseudonyms.js';

interface ShownAuthor {
  id: string;
  role: string;
  name?: string;
  pseudonym?: Pseudonym;
}

const authorOf = (push: RoomSocketMessage) => (push.message as unknown as { author: ShownAuthor }).author;
const chatFrom = (person: Person, text: string) =>
  person.socket.next((m) => m.type === 'chat.message' && (m.message as unknown as { text: string }).text === text);
const questionFrom = (person: Person, id: string) =>
  person.socket
    .next((m) => m.type === 'qa.question' && (m.question as { id: string }).id === id)
    .then((m) => m.question as { asker: string | null; askerPseudonym: Pseudonym | null });

/** Pseudonyms of webinar attendees toward each other, over the room's WebSocket (room-only logic: SQLite suffices). */
describe('webinar pseudonyms', () => {
  let kit: RoomKit;
  before(async () => {
    kit = await startRoomKit('sqlite');
  });
  after(() => kit.plenum.dispose());

  it('shows an attendee’s chat and named questions to other attendees under a pseudonym, to the host and panel by name', async () => {
    const room = await createWebinar(kit, 'Pseudonym webinar');
    const host = await joinAsHost(kit, room);
    const anna = await joinAsGuest(kit, room, 'Anna Realname');
    const bob = await joinAsGuest(kit, room, 'Bob Realname');
    const paula = await joinAsGuest(kit, room, 'Paula Panel');
    assert.equal((await host.request('webinar.promote', { participantId: paula.id })).type, 'result');
    // Invited to speak, Paula accepts (the attendee is asked first).
    assert.equal((await paula.request('webinar.reply', { accept: true })).type, 'result');

    const own = (await anna.socket.next((m) => m.type === 'chat.history')).pseudonym as { number: number };
    assert.ok(own.number >= 1000 && own.number <= 9999, 'a four-digit default');
    await anna.request('chat.send', { text: 'Hello, everyone' });
    assert.deepEqual(authorOf(await chatFrom(bob, 'Hello, everyone')), { id: anna.id, role: 'participant', pseudonym: own });
    for (const seer of [host, paula, anna])
      assert.deepEqual(authorOf(await chatFrom(seer, 'Hello, everyone')), {
        id: anna.id,
        role: 'participant',
        name: 'Anna Realname',
        pseudonym: own,
      });

    // The panel presents: its names show to everyone.
    await paula.request('chat.send', { text: 'Hello from the panel' });
    assert.deepEqual(authorOf(await chatFrom(bob, 'Hello from the panel')), { id: paula.id, role: 'participant', name: 'Paula Panel' });

    const named = ((await anna.request('qa.ask', { text: 'Named question', anonymous: false })).data as { id: string }).id;
    assert.deepEqual(await questionFrom(bob, named), { ...(await questionFrom(bob, named)), asker: null, askerPseudonym: own });
    assert.equal((await questionFrom(host, named)).asker, 'Anna Realname');
    assert.equal((await questionFrom(paula, named)).asker, 'Anna Realname');
    const anonymous = ((await anna.request('qa.ask', { text: 'Anonymous question', anonymous: true })).data as { id: string }).id;
    for (const viewer of [bob, paula]) {
      const seen = await questionFrom(viewer, anonymous);
      assert.deepEqual(
        [seen.asker, seen.askerPseudonym],
        [null, null],
        'an anonymous question carries no pseudonym that would tie it to the chat',
      );
    }

    // Anna chooses her pseudonym: validated, unique, not a presenter's name, not passing for a default one.
    assert.equal((await anna.request('chat.pseudonym', { name: 'Ada Admin' })).code, 'ERR_PSEUDONYM_TAKEN');
    assert.equal((await anna.request('chat.pseudonym', { name: 'Attendee 1234' })).code, 'ERR_PSEUDONYM_TAKEN');
    assert.equal((await anna.request('chat.pseudonym', { name: '   ' })).code, 'ERR_VALIDATION');
    assert.equal((await anna.request('chat.pseudonym', { name: 'x'.repeat(101) })).code, 'ERR_VALIDATION');
    for (const forged of ['Night\nOwl', 'Night <Owl>', 'Night\u0000Owl', '\u202eNight Owl']) {
      assert.equal(
        (await anna.request('chat.pseudonym', { name: forged })).code,
        'ERR_VALIDATION',
        `a person’s name rule: ${JSON.stringify(forged)}`,
      );
    }
    assert.deepEqual((await anna.request('chat.pseudonym', { name: '  Night Owl ' })).data, { pseudonym: { chosen: 'Night Owl' } });
    assert.equal((await bob.request('chat.pseudonym', { name: 'night  owl' })).code, 'ERR_PSEUDONYM_TAKEN');
    assert.equal(
      (await host.request('chat.pseudonym', { name: 'Hidden Host' })).code,
      'ERR_VALIDATION',
      'the panel presents under its name',
    );
    await anna.socket.next((m) => m.type === 'chat.pseudonym');
    await anna.request('chat.send', { text: 'Owl speaking' });
    assert.deepEqual(authorOf(await chatFrom(bob, 'Owl speaking')).pseudonym, { chosen: 'Night Owl' });

    // A late attendee's history names no attendee (earlier messages too under the pseudonym now chosen); the minutes (the host's document) keep the real name.
    assert.equal((await host.request('chat.minutes', { on: true })).type, 'result');
    await anna.request('chat.send', { text: 'For the minutes' });
    const dan = await joinAsGuest(kit, room, 'Dan Late');
    const history = await dan.socket.next((m) => m.type === 'chat.history');
    assert.deepEqual(
      (history.messages as { author: ShownAuthor }[]).map((m) => m.author.name ?? m.author.pseudonym),
      [{ chosen: 'Night Owl' }, 'Paula Panel', { chosen: 'Night Owl' }, { chosen: 'Night Owl' }],
    );
    const minutes = await kit.plenum.store.db
      .selectFrom('chat_minutes')
      .select('author_name')
      .where('room_id', '=', room.id)
      .where('kind', '=', 'message')
      .execute();
    assert.deepEqual(minutes, [{ author_name: 'Anna Realname' }]);

    await settle();
    for (const attendee of [bob, dan])
      assert.doesNotMatch(JSON.stringify(attendee.socket.messages), /Anna/, 'no frame to another attendee names Anna');
    assert.doesNotMatch(JSON.stringify(dan.socket.messages), /Bob/);
    assert.match(
      JSON.stringify(host.socket.messages.filter((m) => m.type.startsWith('chat.') || m.type.startsWith('qa.'))),
      /Anna Realname/,
      'the host does see the name',
    );
    for (const person of [host, anna, bob, paula, dan]) person.socket.socket.close();
  });

  it('keeps an attendee’s pseudonym across reconnects', async () => {
    const room = await createWebinar(kit, 'Reconnect webinar');
    const host = await joinAsHost(kit, room);
    const join = await inject(kit, 'POST', '/api/join', {
      payload: { meetingNumber: room.meetingNumber, passcode: room.passcode, displayName: 'Rita Reconnect' },
    });
    const token = join.json<{ joinToken: string }>().joinToken;
    const pseudonyms: unknown[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const socket = await RoomSocketClient.open(kit.socketUrl, { origin: kit.origin });
      socket.send({ type: 'hello', id: 1, token });
      pseudonyms.push((await socket.next((m) => m.type === 'chat.history')).pseudonym);
      if (attempt === 0) {
        socket.send({ type: 'chat.pseudonym', id: 2, name: 'Quiet Fox' });
        assert.equal((await socket.reply(2)).type, 'result');
      }
      socket.socket.close();
      await settle();
    }
    assert.ok(typeof (pseudonyms[0] as { number?: number }).number === 'number');
    assert.deepEqual(pseudonyms[1], { chosen: 'Quiet Fox' }, 'the same person in the same room, the same pseudonym');
    host.socket.socket.close();
  });
});
