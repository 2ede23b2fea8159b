import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createQaSubjectData, qaRetentionTasks } from '../qa/subject-data.js';
import { dialects, openTestStore } from '../testing/stores.js';
import { chatRetentionTasks, createChatSubjectData } from './subject-data.js';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;
const subject = { email: 'erika@example.org', phones: [], registrationIds: ['reg-erika'] };
const now = new Date('2026-08-01T00:00:00Z');

async function seed(store: TestStore) {
  const at = '2026-01-01T10:00:00.000Z';
  await store.db
    .insertInto('staff_accounts')
    .values({
      id: 'host',
      email: 'h@example.org',
      display_name: 'H',
      role: 'host',
      status: 'active',
      password_hash: null,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      language: 'en',
      created_at: at,
      updated_at: at,
      last_login_at: null,
    })
    .execute();
  for (const [id, ended] of [
    ['room-old', '2026-01-01T11:00:00.000Z'],
    ['room-live', null],
  ] as const) {
    await store.db
      .insertInto('rooms')
      .values({
        id,
        meeting_number: `1000000000${id.length}`,
        passcode: 'x',
        title: id,
        kind: 'webinar',
        host_account_id: 'host',
        owner_id: 'host',
        event_id: null,
        created_at: at,
        ended_at: ended,
      })
      .execute();
  }
  const minutes = (id: string, room: string, registration: string | null) =>
    ({
      id,
      room_id: room,
      at,
      kind: 'message',
      author_name: 'Erika',
      author_registration_id: registration,
      recipient_name: null,
      private: 0,
      text: `text ${id}`,
    }) as const;
  await store.db
    .insertInto('chat_minutes')
    .values([minutes('m1', 'room-old', 'reg-erika'), minutes('m2', 'room-live', 'reg-erika'), minutes('m3', 'room-live', null)])
    .execute();
  const question = (id: string, room: string, registration: string | null) =>
    ({
      id,
      room_id: room,
      asked_at: at,
      asker_name: 'Erika',
      asker_registration_id: registration,
      anonymous: 1,
      text: `question ${id}`,
      upvotes: 0,
      status: 'open',
      answer: null,
      answer_private: 0,
      answered_by_name: null,
      answered_at: null,
    }) as const;
  await store.db
    .insertInto('qa_questions')
    .values([question('q1', 'room-old', 'reg-erika'), question('q2', 'room-live', 'reg-erika'), question('q3', 'room-live', 'reg-other')])
    .execute();
}

for (const dialect of dialects) {
  describe(`chat and Q&A subject data on ${dialect}`, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(dialect);
      await seed(store);
    });
    after(() => store.dispose());

    it('finds, corrects and erases exactly the subject’s minutes and questions', async () => {
      const chat = createChatSubjectData();
      const qa = createQaSubjectData();
      assert.deepEqual(
        (await chat.collect(subject, store.db)).map((i) => [i.id, i.context, i.data.text]),
        [
          ['m1', 'room-old', 'text m1'],
          ['m2', 'room-live', 'text m2'],
        ],
      );
      assert.deepEqual(
        (await qa.collect(subject, store.db)).map((i) => i.id),
        ['q1', 'q2'],
      );
      assert.equal(await qa.correct!(subject, { category: 'qa.questions', id: 'q3' }, { question: 'not mine' }, store.db), false);
      assert.equal(await qa.correct!(subject, { category: 'qa.questions', id: 'q2' }, { question: ' Better wording ' }, store.db), true);
      assert.equal(
        (await store.db.selectFrom('qa_questions').select('text').where('id', '=', 'q2').executeTakeFirstOrThrow()).text,
        'Better wording',
      );

      const keepM2 = (item: { id: string }) => item.id === 'm2';
      assert.deepEqual(await chat.erase(subject, keepM2, store.db), { erased: 1, kept: [{ category: 'chat.minutes', id: 'm2' }] });
      assert.deepEqual(
        await chat.withdraw!(subject, { category: 'chat.minutes', id: 'm3' }, 'objection', store.db),
        null,
        'not the subject’s entry',
      );
      assert.notEqual(await chat.withdraw!(subject, { category: 'chat.minutes', id: 'm2' }, 'objection', store.db), null);
      assert.deepEqual(
        (await store.db.selectFrom('chat_minutes').select('id').execute()).map((r) => r.id),
        ['m3'],
      );
    });

    it('deletes minutes and questions 180 days after their room ended, except held ones', async () => {
      const [questions] = qaRetentionTasks();
      const [minutes] = chatRetentionTasks();
      assert.equal(await questions!.run({ now, days: 180, dryRun: true, held: () => false }, store.db), 1);
      assert.equal(
        await questions!.run({ now: new Date('2026-06-01T00:00:00Z'), days: 180, dryRun: false, held: () => false }, store.db),
        0,
        'not yet 180 days',
      );
      assert.equal(await questions!.run({ now, days: 180, dryRun: false, held: (id) => id === 'q1' }, store.db), 0, 'held');
      assert.equal(await questions!.run({ now, days: 180, dryRun: false, held: () => false }, store.db), 1);
      assert.deepEqual(
        (await store.db.selectFrom('qa_questions').select('id').orderBy('id').execute()).map((r) => r.id),
        ['q2', 'q3'],
        'questions of a live room stay',
      );
      assert.equal(await minutes!.run({ now, days: 180, dryRun: false, held: () => false }, store.db), 0);
    });
  });
}
