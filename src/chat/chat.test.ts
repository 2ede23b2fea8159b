import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RoomSocketMessage } from '../testing/room-socket.js';
import { dialects } from '../testing/stores.js';
import { createMeeting, inject, inviteHost, joinAsGuest, joinAsHost, settle, startRoomKit, type RoomKit } from './testing.js';

interface Pushed {
  id: string;
  text: string;
  author: { id: string; name: string; role: string };
  private: { participantId: string; name: string } | null;
}

const texts = (messages: unknown) => (messages as Pushed[]).map((m) => m.text);
const pushed = (push: RoomSocketMessage) => push.message as unknown as Pushed;

for (const dialect of dialects) {
  describe(`room chat on ${dialect}`, () => {
    let kit: RoomKit;
    before(async () => {
      kit = await startRoomKit(dialect);
    });
    after(() => kit.plenum.dispose());

    it('delivers public messages to everyone and private ones only between a participant and the hosts', async () => {
      const room = await createMeeting(kit);
      const host = await joinAsHost(kit, room);
      const anna = await joinAsGuest(kit, room, 'Anna');
      const bob = await joinAsGuest(kit, room, 'Bob');

      const sent = await anna.request('chat.send', { text: '  Hello everyone  ' });
      assert.equal(sent.type, 'result');
      for (const person of [host, anna, bob]) {
        const push = await person.socket.next((m) => m.type === 'chat.message');
        assert.deepEqual(pushed(push).author, { id: anna.id, name: 'Anna', role: 'participant' });
        assert.equal(pushed(push).text, 'Hello everyone');
        assert.equal(pushed(push).private, null);
      }

      assert.equal((await anna.request('chat.send', { text: 'Only for the host', to: 'hosts' })).type, 'result');
      const toHost = await host.socket.next((m) => m.type === 'chat.message' && pushed(m).text === 'Only for the host');
      assert.deepEqual(pushed(toHost).private, { participantId: anna.id, name: 'Anna' });
      assert.equal((await host.request('chat.send', { text: 'Reply for Anna', to: anna.id })).type, 'result');
      await anna.socket.next((m) => m.type === 'chat.message' && pushed(m).text === 'Reply for Anna');

      assert.equal(
        (await bob.request('chat.send', { text: 'psst', to: anna.id })).code,
        'ERR_FORBIDDEN',
        'participants write privately to the hosts only',
      );
      assert.equal((await host.request('chat.send', { text: 'to a stranger', to: 'nobody' })).code, 'ERR_NOT_FOUND');
      await settle();
      assert.deepEqual(texts(bob.pushes('chat.message').map((m) => m.message)), ['Hello everyone'], 'Bob sees no private message');

      // A late joiner gets the public history, never someone else's private thread.
      const carla = await joinAsGuest(kit, room, 'Carla');
      const history = await carla.socket.next((m) => m.type === 'chat.history');
      assert.deepEqual(texts(history.messages), ['Hello everyone']);
      assert.equal(history.minutes, null);
      const hostHistory = await host.request('chat.history');
      assert.deepEqual(texts((hostHistory.data as { messages: unknown }).messages), [
        'Hello everyone',
        'Only for the host',
        'Reply for Anna',
      ]);
      for (const person of [host, anna, bob, carla]) person.socket.socket.close();
    });

    it('refuses empty, overlong, malformed and too frequent messages with translated errors', async () => {
      const room = await createMeeting(kit);
      const host = await joinAsHost(kit, room);
      const dora = await joinAsGuest(kit, room, 'Dora', 'de');
      const empty = await dora.request('chat.send', { text: '   ' });
      assert.equal(empty.code, 'ERR_MESSAGE_EMPTY');
      assert.match(empty.message!, /schreiben Sie/);
      const long = await dora.request('chat.send', { text: 'x'.repeat(2001) });
      assert.equal(long.code, 'ERR_MESSAGE_TOO_LONG');
      assert.match(long.message!, /2000/);
      assert.equal((await dora.request('chat.send', { text: 'hi', html: '<b>' })).code, 'ERR_VALIDATION', 'unknown fields are refused');
      assert.equal((await dora.request('chat.send', { text: 'bell\u0007' })).code, 'ERR_VALIDATION');
      assert.equal((await dora.request('chat.send', { text: 42 })).code, 'ERR_VALIDATION');
      assert.equal((await dora.request('chat.minutes', { on: true })).code, 'ERR_FORBIDDEN', 'only the host switches minutes logging');
      const eve = await joinAsGuest(kit, room, 'Eve');
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push(await eve.request('chat.send', { text: `message ${i}` }));
      assert.equal(answers.filter((a) => a.type === 'result').length, 10, 'ten messages in ten seconds per person');
      assert.equal(answers.at(-1)!.code, 'ERR_RATE_LIMITED');
      assert.equal((await dora.request('chat.send', { text: 'others still write' })).type, 'result');
      assert.equal(eve.socket.closeCode, undefined, 'the connection stays');
      for (const person of [host, dora, eve]) person.socket.socket.close();
    });

    it('logs the minutes only while the host has it on, shows everyone the banner, and lets the host export them', async () => {
      const room = await createMeeting(kit, 'Minutes meeting');
      const host = await joinAsHost(kit, room);
      const anna = await joinAsGuest(kit, room, 'Anna');
      await anna.request('chat.send', { text: 'before the banner' });

      const on = await host.request('chat.minutes', { on: true });
      assert.equal((on.data as { minutes: { by: string } }).minutes.by, 'Ada Admin');
      const banner = await anna.socket.next((m) => m.type === 'chat.minutes');
      assert.equal((banner.minutes as { by: string }).by, 'Ada Admin');
      await anna.request('chat.send', { text: 'during the minutes' });
      await anna.request('chat.send', { text: 'private during the minutes', to: 'hosts' });
      await host.request('chat.send', { text: 'reply during the minutes', to: anna.id });
      await host.request('chat.minutes', { on: false });
      await anna.socket.next((m) => m.type === 'chat.minutes' && m.minutes === null);
      await anna.request('chat.send', { text: 'after the banner' });

      // A reconnect learns the state of the banner with the history.
      await host.request('chat.minutes', { on: true });
      const late = await joinAsGuest(kit, room, 'Late');
      assert.notEqual((await late.socket.next((m) => m.type === 'chat.history')).minutes, null);
      await host.request('chat.minutes', { on: false });

      const rows = await kit.plenum.store.db.selectFrom('chat_minutes').selectAll().where('room_id', '=', room.id).orderBy('at').execute();
      assert.deepEqual(
        rows.map((r) => [r.kind, r.text, r.private]),
        [
          ['logging_on', null, 0],
          ['message', 'during the minutes', 0],
          ['message', 'private during the minutes', 1],
          ['message', 'reply during the minutes', 1],
          ['logging_off', null, 0],
          ['logging_on', null, 0],
          ['logging_off', null, 0],
        ],
      );

      const exported = await inject(kit, 'GET', `/api/meetings/${room.id}/minutes`, { cookie: kit.admin });
      assert.equal(exported.statusCode, 200);
      assert.match(exported.headers['content-type'] as string, /^text\/markdown/);
      assert.match(exported.headers['content-disposition'] as string, /attachment; filename="minutes-/);
      assert.match(exported.body, /# Minutes: Minutes meeting/);
      assert.match(exported.body, /\*\*Anna\*\*: during the minutes/);
      assert.match(exported.body, /\*\*Anna\*\* \(privately to the hosts\): private during the minutes/);
      assert.match(exported.body, /\*\*Ada Admin\*\* \(privately to Anna\): reply during the minutes/);
      assert.doesNotMatch(exported.body, /before the banner|after the banner/);
      const german = await inject(kit, 'GET', `/api/meetings/${room.id}/minutes`, { cookie: kit.admin, language: 'de' });
      assert.match(german.body, /# Protokoll: Minutes meeting/);

      const audit = await kit.plenum.store.db.selectFrom('audit_entries').select('action').where('subject_id', '=', room.id).execute();
      assert.deepEqual(
        audit.map((a) => a.action).filter((a) => a.startsWith('chat.')),
        ['chat.minutes.on', 'chat.minutes.off', 'chat.minutes.on', 'chat.minutes.off', 'chat.minutes.exported', 'chat.minutes.exported'],
      );
      for (const person of [host, anna, late]) person.socket.socket.close();
    });

    it('refuses a display name that would forge a line, and escapes names and messages in the minutes', async () => {
      const room = await createMeeting(kit, 'Escaped *minutes*');
      for (const forged of ['Eve\n- 2026-01-01 00:00:00 UTC — **Ada Admin**: forged', 'Eve <script>', 'Eve\u0007', '\u202eEve']) {
        const refused = await inject(kit, 'POST', '/api/join', {
          payload: { meetingNumber: room.meetingNumber, passcode: room.passcode, displayName: forged },
        });
        assert.equal(refused.statusCode, 400, `a person’s name rule: ${JSON.stringify(forged)}`);
      }
      const host = await joinAsHost(kit, room);
      const eve = await joinAsGuest(kit, room, 'Eve **Boss** [x](y)');
      await host.request('chat.minutes', { on: true });
      await eve.request('chat.send', { text: 'hello\n- 2026-01-01 00:00:00 UTC — **Ada Admin**: I approve everything\n# Decisions' });
      await host.request('chat.minutes', { on: false });
      const exported = (await inject(kit, 'GET', `/api/meetings/${room.id}/minutes`, { cookie: kit.admin })).body;
      const entries = exported.split('\n').filter((line) => line.startsWith('- '));
      assert.equal(entries.length, 3, `on, one message, off: ${exported}`);
      assert.equal(exported.split('\n').filter((line) => line.startsWith('#')).length, 1, 'one heading: the title');
      assert.ok(exported.includes('# Minutes: Escaped \\*minutes\\*'));
      assert.ok(
        exported.includes(
          '**Eve \\*\\*Boss\\*\\* \\[x\\](y)**: hello\n  \\- 2026-01-01 00:00:00 UTC — \\*\\*Ada Admin\\*\\*: I approve everything\n  \\# Decisions',
        ),
        exported,
      );
      for (const person of [host, eve]) person.socket.socket.close();
    });

    it('exports the minutes to the meeting’s own host only', async () => {
      const room = await createMeeting(kit, 'Not yours');
      assert.equal((await inject(kit, 'GET', `/api/meetings/${room.id}/minutes`)).statusCode, 401);
      const otherHost = await inviteHost(kit, `other-${dialect}@example.org`);
      const refused = await inject(kit, 'GET', `/api/meetings/${room.id}/minutes`, { cookie: otherHost });
      assert.equal(refused.statusCode, 404);
      assert.equal(refused.json().error.code, 'ERR_NOT_FOUND');
      assert.equal((await inject(kit, 'GET', '/api/meetings/not-a-uuid/minutes', { cookie: kit.admin })).statusCode, 400);
    });

    it('closes the minutes when the meeting ends with logging still on', async () => {
      const room = await createMeeting(kit);
      const host = await joinAsHost(kit, room);
      await host.request('chat.minutes', { on: true });
      host.socket.send({ type: 'end', id: 1 });
      await host.socket.next((m) => m.type === 'ended');
      await settle(300);
      const kinds = await kit.plenum.store.db
        .selectFrom('chat_minutes')
        .select(['kind', 'author_name'])
        .where('room_id', '=', room.id)
        .orderBy('at')
        .execute();
      assert.deepEqual(kinds, [
        { kind: 'logging_on', author_name: 'Ada Admin' },
        { kind: 'logging_off', author_name: null },
      ]);
    });
  });
}
