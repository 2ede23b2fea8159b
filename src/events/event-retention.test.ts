import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { dialects } from '../testing/stores.js';
import { buildEvent, confirmLink, mailsTo, solvedCaptcha } from './testing.js';
import { injectFromFreshClients } from '../testing/inject.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

interface RunResult {
  categories: string[];
  count: number;
  rule: string;
}

for (const dialect of dialects) {
  describe(`retention the host sets per event on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    let dpo: Record<string, string>;

    const inject = injectFromFreshClients(() => plenum.app);

    before(async () => {
      plenum = await startTestPlenum(dialect);
      admin = await setUpAdmin(plenum);
      const token = await inject('POST', '/api/api-tokens', { name: 'dpo', role: 'dpo' }, { cookie: admin });
      assert.equal(token.statusCode, 201, token.body);
      dpo = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    });
    after(() => plenum.dispose());

    async function createEvent(overrides: Record<string, unknown> = {}) {
      const response = await inject('POST', '/api/events', buildEvent(overrides), { cookie: admin });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string; slug: string; retention: Record<string, unknown> }>();
    }

    it('refuses periods outside 1–3650 whole days with a clear error in German and English', async () => {
      for (const retention of [{ minutesDays: 0 }, { recordingDays: 1.5 }, { registrationDays: 3651 }]) {
        for (const [language, text] of [
          ['en', /whole number of days from 1 to 3650/],
          ['de', /ganze Zahl von 1 bis 3650 Tagen/],
        ] as const) {
          const response = await inject('POST', '/api/events', buildEvent({ retention }), { cookie: admin, 'accept-language': language });
          assert.equal(response.statusCode, 400, response.body);
          assert.match(response.body, text);
        }
      }
      const unknown = await inject('POST', '/api/events', buildEvent({ retention: { chatDays: 3 } }), { cookie: admin });
      assert.equal(unknown.statusCode, 400, 'unknown fields are refused');
    });

    it('deletes minutes, questions and recordings of an event with shorter periods earlier than those of an event with the defaults', async () => {
      const short = await createEvent({ retention: { registrationDays: 10, minutesDays: 5, recordingDays: 2 } });
      const usual = await createEvent();
      assert.deepEqual(short.retention, {
        registrationDays: 10,
        minutesDays: 5,
        recordingDays: 2,
        defaults: { registrationDays: 180, minutesDays: 180, recordingDays: 30 },
      });
      assert.deepEqual(usual.retention, {
        registrationDays: null,
        minutesDays: null,
        recordingDays: null,
        defaults: { registrationDays: 180, minutesDays: 180, recordingDays: 30 },
      });
      const page = (await inject('GET', `/api/public/events/${short.slug}`)).json<{ retentionDays: unknown }>();
      assert.deepEqual(
        page.retentionDays,
        { registration: 10, minutes: 5, recording: 2 },
        'the registration page states the event’s periods',
      );

      // Both events ended 20 days ago; each room has a minutes entry, a question and a recording that stopped 5 days ago.
      const { db } = plenum.store;
      const ended = daysAgo(20);
      await db
        .updateTable('events')
        .set({ starts_at: daysAgo(21), ends_at: ended })
        .where('id', 'in', [short.id, usual.id])
        .execute();
      const rooms = await db
        .selectFrom('rooms')
        .select(['id', 'event_id', 'host_account_id'])
        .where('event_id', 'in', [short.id, usual.id])
        .execute();
      assert.equal(rooms.length, 2);
      const roomOf = (eventId: string) => rooms.find((r) => r.event_id === eventId)!;
      for (const [name, eventId] of [
        ['short', short.id],
        ['usual', usual.id],
      ] as const) {
        const room = roomOf(eventId);
        await db
          .insertInto('chat_minutes')
          .values({
            id: `m-${name}`,
            room_id: room.id,
            at: ended,
            kind: 'message',
            author_name: 'Erika',
            author_registration_id: null,
            recipient_name: null,
            private: 0,
            text: 'hello',
          })
          .execute();
        await db
          .insertInto('qa_questions')
          .values({
            id: `q-${name}`,
            room_id: room.id,
            asked_at: ended,
            asker_name: 'Erika',
            asker_registration_id: null,
            anonymous: 0,
            text: 'why?',
            upvotes: 0,
            status: 'open',
            answer: null,
            answer_private: 0,
            answered_by_name: null,
            answered_at: null,
          })
          .execute();
        await db
          .insertInto('recordings')
          .values({
            id: `r-${name}`,
            room_id: room.id,
            host_account_id: room.host_account_id,
            title: name,
            status: 'ready',
            started_at: daysAgo(5.1),
            stopped_at: daysAgo(5),
            file_size: 1,
            duration_seconds: 1,
            delete_after: daysAgo(-25),
          })
          .execute();
      }

      const run = async (dryRun: boolean) => {
        const response = await inject('POST', '/api/privacy/retention/run', { dryRun }, dpo);
        assert.equal(response.statusCode, 200, response.body);
        const results = response.json<{ results: RunResult[] }>().results;
        return (category: string) => results.find((r) => r.categories.includes(category))!;
      };
      const dry = await run(true);
      for (const category of ['chat.minutes', 'qa.questions', 'recording.tracks'])
        assert.equal(dry(category).count, 1, `${category}: the short event’s item is listed`);
      assert.match(dry('chat.minutes').rule, /180 days after the meeting or event ended, or the event's retention_minutes_days/);
      assert.match(dry('recording.tracks').rule, /30 days after each recording stopped/);
      const ids = async () => ({
        minutes: (await db.selectFrom('chat_minutes').select('id').orderBy('id').execute()).map((r) => r.id),
        questions: (await db.selectFrom('qa_questions').select('id').orderBy('id').execute()).map((r) => r.id),
        recordings: (await db.selectFrom('recordings').select('id').orderBy('id').execute()).map((r) => r.id),
      });
      assert.deepEqual(
        await ids(),
        { minutes: ['m-short', 'm-usual'], questions: ['q-short', 'q-usual'], recordings: ['r-short', 'r-usual'] },
        'a dry run deletes nothing',
      );

      const real = await run(false);
      assert.equal(real('chat.minutes').count, 1);
      assert.deepEqual(
        await ids(),
        { minutes: ['m-usual'], questions: ['q-usual'], recordings: ['r-usual'] },
        'the event with the defaults keeps its data',
      );
      const kept = await db
        .selectFrom('recordings')
        .select(['stopped_at', 'delete_after'])
        .where('id', '=', 'r-usual')
        .executeTakeFirstOrThrow();
      assert.equal(
        Date.parse(kept.delete_after) - Date.parse(kept.stopped_at!),
        30 * 86_400_000,
        'the deadline the host sees follows the period',
      );

      // The host shortens the other event's recording period afterwards: the next run takes its recording.
      const edit = await inject(
        'POST',
        `/api/events/${usual.id}`,
        buildEvent({ startsAt: daysAgo(21), endsAt: ended, retention: { recordingDays: 4 } }),
        { cookie: admin },
      );
      assert.equal(edit.statusCode, 200, edit.body);
      assert.equal((await run(false))('recording.tracks').count, 1);
      assert.deepEqual((await ids()).recordings, []);
    });
  });

  describe(`configured retention defaults on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    before(async () => {
      plenum = await startTestPlenum(dialect, { RETENTION_UNCONFIRMED_HOURS: '2', RETENTION_RECORDING_DAYS: '7' });
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    it('RETENTION_UNCONFIRMED_HOURS sets when an unconfirmed registration goes (and the mail says so); RETENTION_RECORDING_DAYS is the recordings’ default', async () => {
      const created = await plenum.app.inject({ method: 'POST', url: '/api/events', payload: buildEvent(), headers: { cookie: admin } });
      assert.equal(created.statusCode, 201, created.body);
      const event = created.json<{ slug: string; retention: { defaults: { recordingDays: number } } }>();
      assert.equal(event.retention.defaults.recordingDays, 7);
      const listed = await plenum.app.inject({ method: 'GET', url: '/api/events', headers: { cookie: admin } });
      assert.equal(
        listed.json<{ retentionDefaults: { recordingDays: number } }>().retentionDefaults.recordingDays,
        7,
        'the form shows the defaults before the first event exists',
      );

      const page = (
        await plenum.app.inject({ method: 'GET', url: `/api/public/events/${event.slug}`, headers: { 'accept-language': 'en' } })
      ).json<{ confirmWithinHours: number; notice: { sections: { paragraphs: string[] }[] } }>();
      assert.equal(page.confirmWithinHours, 2);
      assert.ok(
        page.notice.sections.some((s) => s.paragraphs.some((p) => p.includes('after 2 hours when you never confirm your address'))),
        'the notice states the configured hours',
      );

      const before = Date.now();
      const registered = await plenum.app.inject({
        method: 'POST',
        url: `/api/public/events/${event.slug}/registrations`,
        payload: {
          firstName: 'Erika',
          lastName: 'Mustermann',
          email: 'erika@example.org',
          language: 'en',
          captcha: await solvedCaptcha(plenum),
        },
        remoteAddress: '10.4.0.1',
      });
      assert.equal(registered.statusCode, 202, registered.body);
      const stored = await plenum.store.db
        .selectFrom('registrations')
        .select('expires_at')
        .where('email', '=', 'erika@example.org')
        .executeTakeFirstOrThrow();
      const hours = (Date.parse(stored.expires_at!) - before) / 3_600_000;
      assert.ok(hours > 1.9 && hours < 2.1, `expires after ${hours} hours`);
      const mail = (await mailsTo(plenum, 'erika@example.org')).find((m) => confirmLink.test(m.body_text))!;
      assert.match(mail.body_text, /within 2 hours/);
      assert.match(mail.body_text, /deleted after 2 hours/);
    });
  });
}
