import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createMeeting,
  createWebinar,
  inject,
  inviteHost,
  joinAsGuest,
  joinAsHost,
  settle,
  startRoomKit,
  type RoomKit,
} from '../chat/testing.js';
import type { RoomSocketMessage } from '../testing/room-socket.js';
import { dialects } from '../testing/stores.js';

interface QuestionView {
  id: string;
  text: string;
  asker: string | null;
  askerPseudonym: unknown;
  anonymous: boolean;
  mine: boolean;
  upvotes: number;
  voted: boolean;
  status: string;
  answer: { text: string; private: boolean; by: string } | null;
  answeredPrivately: boolean;
}

const questionOf = (push: RoomSocketMessage) => push.question as QuestionView;

for (const dialect of dialects) {
  describe(`webinar Q&A on ${dialect}`, () => {
    let kit: RoomKit;
    before(async () => {
      kit = await startRoomKit(dialect);
    });
    after(() => kit.plenum.dispose());

    it('keeps anonymous askers anonymous to attendees, never to the host, counts one vote per person and answers privately or to all', async () => {
      const room = await createWebinar(kit);
      const host = await joinAsHost(kit, room);
      const anna = await joinAsGuest(kit, room, 'Anna Asker');
      const bob = await joinAsGuest(kit, room, 'Bob');
      const carol = await joinAsGuest(kit, room, 'Carol');

      const asked = await anna.request('qa.ask', { text: 'Is the recording shared?', anonymous: true });
      assert.equal(asked.type, 'result');
      const id = (asked.data as { id: string }).id;
      const forHost = questionOf(await host.socket.next((m) => m.type === 'qa.question' && questionOf(m).id === id));
      assert.equal(forHost.asker, 'Anna Asker', 'the host knows who asked');
      assert.equal(forHost.anonymous, true);
      const forBob = questionOf(await bob.socket.next((m) => m.type === 'qa.question' && questionOf(m).id === id));
      assert.equal(forBob.asker, null);
      assert.equal(forBob.mine, false);
      const forAnna = questionOf(await anna.socket.next((m) => m.type === 'qa.question' && questionOf(m).id === id));
      assert.deepEqual([forAnna.asker, forAnna.mine], ['Anna Asker', true]);

      const named = (await bob.request('qa.ask', { text: 'Where are the slides?', anonymous: false })).data as { id: string };
      const namedForCarol = questionOf(await carol.socket.next((m) => m.type === 'qa.question' && questionOf(m).id === named.id));
      assert.equal(namedForCarol.asker, null, 'other attendees see a named asker under a pseudonym (src/rooms/pseudonyms.test.ts)');
      assert.ok(namedForCarol.askerPseudonym);
      assert.equal(questionOf(await host.socket.next((m) => m.type === 'qa.question' && questionOf(m).id === named.id)).asker, 'Bob');

      assert.deepEqual((await bob.request('qa.upvote', { questionId: id })).data, { upvotes: 1 });
      assert.equal((await bob.request('qa.upvote', { questionId: id })).code, 'ERR_ALREADY_VOTED');
      assert.deepEqual((await carol.request('qa.upvote', { questionId: id })).data, { upvotes: 2 });
      assert.equal((await carol.request('qa.upvote', { questionId: '00000000-0000-4000-8000-000000000000' })).code, 'ERR_NOT_FOUND');

      assert.equal(
        (await bob.request('qa.answer', { questionId: id, text: 'me?', private: false })).code,
        'ERR_FORBIDDEN',
        'attendees do not answer',
      );
      assert.equal((await bob.request('qa.mark', { questionId: id, status: 'dismissed' })).code, 'ERR_FORBIDDEN');
      assert.equal((await host.request('qa.answer', { questionId: id, text: 'Yes, to registrants only.', private: true })).type, 'result');
      const answered = questionOf(await anna.socket.next((m) => m.type === 'qa.question' && questionOf(m).answer !== null));
      assert.deepEqual(
        [answered.answer?.text, answered.answer?.private, answered.answer?.by],
        ['Yes, to registrants only.', true, 'Ada Admin'],
      );
      const seenByCarol = questionOf(await carol.socket.next((m) => m.type === 'qa.question' && questionOf(m).status === 'answered'));
      assert.deepEqual([seenByCarol.answer, seenByCarol.answeredPrivately], [null, true], 'a private answer reaches the asker only');

      assert.equal((await host.request('qa.mark', { questionId: named.id, status: 'dismissed' })).type, 'result');
      await carol.socket.next((m) => m.type === 'qa.removed' && m.questionId === named.id);
      assert.equal(
        questionOf(await bob.socket.next((m) => m.type === 'qa.question' && questionOf(m).status === 'dismissed')).mine,
        true,
        'the asker still sees their dismissed question',
      );
      assert.equal((await host.request('qa.mark', { questionId: id, status: 'answered_live' })).type, 'result');

      // A late attendee gets the list, still without the anonymous asker's name.
      const dan = await joinAsGuest(kit, room, 'Dan');
      const list = await dan.socket.next((m) => m.type === 'qa.list');
      assert.deepEqual(
        (list.questions as QuestionView[]).map((q) => [q.text, q.asker, q.upvotes, q.status]),
        [['Is the recording shared?', null, 2, 'answered_live']],
      );
      await settle();
      for (const attendee of [bob, carol, dan]) {
        const qaPushes = JSON.stringify(attendee.socket.messages.filter((m) => m.type.startsWith('qa.') || m.type === 'result'));
        assert.doesNotMatch(qaPushes, /Anna Asker/, 'no attendee ever receives the anonymous asker’s name');
      }

      const stored = await kit.plenum.store.db.selectFrom('qa_questions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(
        [stored.asker_name, stored.anonymous, stored.upvotes, stored.status, stored.answer_private],
        ['Anna Asker', 1, 2, 'answered_live', 1],
      );
      for (const person of [host, anna, bob, carol, dan]) person.socket.socket.close();
    });

    it('lets a promoted panelist answer and mark, and takes it back on demotion', async () => {
      const room = await createWebinar(kit);
      const host = await joinAsHost(kit, room);
      const paula = await joinAsGuest(kit, room, 'Paula');
      const asker = await joinAsGuest(kit, room, 'Quinn');
      const { id } = (await asker.request('qa.ask', { text: 'Who answers?', anonymous: true })).data as { id: string };
      assert.equal((await paula.request('qa.answer', { questionId: id, text: 'I do', private: false })).code, 'ERR_FORBIDDEN');
      assert.equal((await host.request('webinar.promote', { participantId: paula.id })).type, 'result');
      // Invited to speak, Paula accepts (the attendee is asked first).
      assert.equal((await paula.request('webinar.reply', { accept: true })).type, 'result');
      assert.equal((await paula.request('qa.answer', { questionId: id, text: 'I do', private: false })).type, 'result');
      const seen = questionOf(await asker.socket.next((m) => m.type === 'qa.question' && questionOf(m).answer?.text === 'I do'));
      assert.equal(seen.answer?.by, 'Paula');
      const forPanelist = questionOf(paula.pushes('qa.question').at(-1)!);
      assert.equal(forPanelist.asker, null, 'panelists answer anonymous questions without learning the name; only the host does');
      assert.equal((await host.request('webinar.demote', { participantId: paula.id })).type, 'result');
      assert.equal((await paula.request('qa.mark', { questionId: id, status: 'dismissed' })).code, 'ERR_FORBIDDEN');
      for (const person of [host, paula, asker]) person.socket.socket.close();
    });

    it('refuses bad questions and offers Q&A in webinars only', async () => {
      const webinar = await createWebinar(kit);
      const host = await joinAsHost(kit, webinar);
      const eve = await joinAsGuest(kit, webinar, 'Eve', 'de');
      assert.equal((await eve.request('qa.ask', { text: ' ', anonymous: false })).code, 'ERR_MESSAGE_EMPTY');
      const long = await eve.request('qa.ask', { text: 'x'.repeat(1001), anonymous: false });
      assert.equal(long.code, 'ERR_MESSAGE_TOO_LONG');
      assert.match(long.message!, /1000 Zeichen/);
      assert.equal((await eve.request('qa.ask', { text: 'hi' })).code, 'ERR_VALIDATION', 'anonymous must be chosen');
      assert.equal((await eve.request('qa.upvote', { questionId: 'x' })).code, 'ERR_VALIDATION');

      const meeting = await createMeeting(kit);
      const meetingHost = await joinAsHost(kit, meeting);
      const frank = await joinAsGuest(kit, meeting, 'Frank');
      assert.deepEqual((await frank.request('qa.list')).data, { enabled: false, questions: [] });
      assert.equal((await frank.request('qa.ask', { text: 'hello?', anonymous: false })).code, 'ERR_QA_UNAVAILABLE');
      for (const person of [host, eve, meetingHost, frank]) person.socket.socket.close();
    });

    it('exports the questions to the webinar’s host as formula-safe CSV or JSON, audited', async () => {
      const room = await createWebinar(kit, 'Export webinar');
      const host = await joinAsHost(kit, room);
      const greta = await joinAsGuest(kit, room, 'Greta');
      await greta.request('qa.ask', { text: '=HYPERLINK("http://evil.example")', anonymous: true });
      await greta.request('qa.ask', { text: 'A "quoted" question', anonymous: false });

      const csv = await inject(kit, 'GET', `/api/meetings/${room.id}/questions`, { cookie: kit.admin });
      assert.equal(csv.statusCode, 200);
      assert.match(csv.headers['content-type'] as string, /^text\/csv/);
      assert.match(csv.headers['content-disposition'] as string, /attachment; filename="questions-.*\.csv"/);
      const lines = csv.body.trim().split('\r\n');
      assert.equal(
        lines[0],
        '"asked_at","asker","anonymous","question","upvotes","status","answer","answer_private","answered_by","answered_at"',
      );
      assert.match(lines[1]!, /"Greta","yes","'=HYPERLINK\(""http:\/\/evil\.example""\)"/);
      assert.match(lines[2]!, /"A ""quoted"" question"/);

      const json = await inject(kit, 'GET', `/api/meetings/${room.id}/questions?format=json`, { cookie: kit.admin });
      assert.equal(json.json().title, 'Export webinar');
      assert.deepEqual(
        json.json().questions.map((q: { asker: string; anonymous: boolean }) => [q.asker, q.anonymous]),
        [
          ['Greta', true],
          ['Greta', false],
        ],
      );
      assert.equal((await inject(kit, 'GET', `/api/meetings/${room.id}/questions?format=xlsx`, { cookie: kit.admin })).statusCode, 400);
      assert.equal((await inject(kit, 'GET', `/api/meetings/${room.id}/questions`)).statusCode, 401);
      const otherHost = await inviteHost(kit, `qa-other-${dialect}@example.org`);
      assert.equal((await inject(kit, 'GET', `/api/meetings/${room.id}/questions`, { cookie: otherHost })).statusCode, 404);

      const audit = await kit.plenum.store.db
        .selectFrom('audit_entries')
        .select(['action', 'detail'])
        .where('subject_id', '=', room.id)
        .where('action', '=', 'qa.exported')
        .execute();
      assert.equal(audit.length, 2);
      for (const person of [host, greta]) person.socket.socket.close();
    });
  });
}
