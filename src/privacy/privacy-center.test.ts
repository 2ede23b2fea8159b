import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildEvent, confirmLink, linkToken, mailsTo, solvedCaptcha } from '../events/testing.js';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { injectFromFreshClients } from '../testing/inject.js';

const portalLink = /\/privacy\/access#([\w-]+)/;

for (const dialect of dialects) {
  describe(`privacy center over HTTP on ${dialect}`, () => {
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
      return response.json<{ id: string; slug: string }>();
    }

    async function registerAndConfirm(slug: string, email: string, extra: Record<string, unknown> = {}) {
      const response = await inject('POST', `/api/public/events/${slug}/registrations`, {
        captcha: await solvedCaptcha(plenum),
        firstName: 'Erika',
        lastName: 'Mustermann',
        email,
        language: 'de',
        ...extra,
      });
      assert.equal(response.statusCode, 202, response.body);
      const confirmed = await inject('POST', '/api/public/registrations/confirm', { token: await linkToken(plenum, email, confirmLink) });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      return (
        await plenum.store.db
          .selectFrom('registrations')
          .select('id')
          .where('email', '=', email)
          .orderBy('registered_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
    }

    /** The link is mailed after the answer; wait for it. */
    async function awaitPortalLink(email: string) {
      for (let i = 0; i < 100; i++) {
        const mails = await mailsTo(plenum, email);
        const match = mails.map((m) => portalLink.exec(m.body_text)).findLast(Boolean);
        if (match?.[1]) return match[1];
        await sleep(20);
      }
      throw new Error(`no portal link mailed to ${email}`);
    }

    async function openPortal(email: string) {
      assert.equal((await inject('POST', '/api/public/privacy/access', { email, language: 'en' })).statusCode, 202);
      const token = await awaitPortalLink(email);
      const session = await inject('POST', '/api/public/privacy/session', { token });
      assert.equal(session.statusCode, 204, session.body);
      const cookie = session.cookies.find((c) => c.name === 'plenum_privacy');
      assert.ok(cookie, 'portal cookie set');
      assert.equal(cookie.httpOnly, true);
      return { cookie: `plenum_privacy=${cookie.value}`, token };
    }

    async function attend(eventId: string, registrationId: string) {
      const room = await plenum.store.db.selectFrom('rooms').select('id').where('event_id', '=', eventId).executeTakeFirstOrThrow();
      const id = randomUUID();
      await plenum.store.db
        .insertInto('room_attendance')
        .values({
          id,
          room_id: room.id,
          registration_id: registrationId,
          display_name: 'Erika M.',
          role: 'attendee',
          joined_at: new Date().toISOString(),
          left_at: null,
        })
        .execute();
      return id;
    }

    it('corrects only what the registration form would take: a name with a line break, markup or control characters is refused, and so is free text for a choice answer', async () => {
      const email = 'corrector@example.org';
      const event = await createEvent({
        questions: [
          { kind: 'choice', label: 'Level?', purpose: 'Adapt the content', choices: ['none', 'some'] },
          { kind: 'text', label: 'Role?', purpose: 'Adapt the content' },
        ],
      });
      const page = (await inject('GET', `/api/public/events/${event.slug}`)).json<{ questions: { id: string }[] }>();
      const [choice, text] = page.questions.map((q) => q.id) as [string, string];
      const registration = await registerAndConfirm(event.slug, email, { answers: { [choice]: 'none', [text]: 'Engineer' } });
      const attendance = await attend(event.id, registration);
      const { cookie } = await openPortal(email);
      const correct = (category: string, id: string, fields: Record<string, string>) =>
        inject('POST', '/api/public/privacy/me/correct', { item: { category, id }, fields }, { cookie });

      for (const forged of ['Erika\n- forged line', 'Erika <b>', 'Erika\u0007', 'Erika\u202eakirE', 'E'.repeat(101)]) {
        const refused = await correct('events.registrant-required', registration, { lastName: forged });
        assert.equal(refused.statusCode, 400, JSON.stringify(forged));
        assert.equal(
          refused.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field,
          'fields.lastName',
          'told per field',
        );
        assert.equal((await correct('rooms.attendance', attendance, { displayName: forged })).statusCode, 409, JSON.stringify(forged));
      }
      assert.equal((await correct('events.registrant-voluntary', registration, { company: 'ACME\r\nBcc: x' })).statusCode, 400);
      const phone = await correct('events.registrant-voluntary', registration, { phone: '12' });
      assert.deepEqual(
        phone.json<{ error: { details: { field: string; message: string }[] } }>().error.details,
        [{ field: 'fields.phone', message: 'This is not a valid phone number. Include the country code, e.g. +49 30 1234567.' }],
        'the registration form’s rule and message for a phone number',
      );
      assert.equal(
        (await correct('events.registration-answers', `${registration}:${choice}`, { answer: 'anything I like' })).statusCode,
        409,
        'a choice answer stays one of the choices',
      );
      assert.equal((await correct('events.registration-answers', `${registration}:${text}`, { answer: 'Line\nbreak' })).statusCode, 409);
      assert.equal((await correct('events.registration-answers', `${registration}:${choice}`, { answer: 'some' })).statusCode, 204);
      assert.equal((await correct('events.registrant-required', registration, { lastName: '  Musterfrau ' })).statusCode, 204);
      const row = await plenum.store.db
        .selectFrom('registrations')
        .select('last_name')
        .where('id', '=', registration)
        .executeTakeFirstOrThrow();
      assert.equal(row.last_name, 'Musterfrau');
      const answer = await plenum.store.db
        .selectFrom('registration_answers')
        .select('answer')
        .where('registration_id', '=', registration)
        .where('question_id', '=', choice)
        .executeTakeFirstOrThrow();
      assert.equal(answer.answer, 'some');

      type Shown = {
        category: string;
        title: { en: string; de: string };
        titleDate: string | null;
        fields: { key: string; label: { en: string; de: string }; value: { kind: string } }[];
        deletion: { rule: { en: string }; on: string | null };
      };
      const items = (await inject('GET', '/api/public/privacy/me', undefined, { cookie })).json<{ items: Shown[] }>().items;
      for (const item of items) {
        assert.doesNotMatch(`${item.title.en} ${item.title.de}`, /\{\{|\d{4}-\d{2}-\d{2}/, 'a title in words');
        for (const field of item.fields) assert.notEqual(field.label.en, field.key, `${item.category}: ${field.key} has a label`);
      }
      const registered = items.find((i) => i.category === 'events.registrant-required')!;
      assert.equal(registered.title.de, 'Anmeldung zu „Datenschutz im Alltag“');
      assert.ok(registered.titleDate, 'the event’s date for the title');
      const version = registered.fields.find((f) => f.key === 'noticeVersion');
      assert.equal(version?.value.kind, 'time', 'the notice shown, as the date of its version');
      const ends = Date.parse(buildEvent().endsAt);
      assert.ok(
        Math.abs(Date.parse(registered.deletion.on!) - (ends + 180 * 86_400_000)) < 60_000,
        'deleted 180 days after the event ends',
      );
      assert.match(registered.deletion.rule.en, /delete them 180 days after it ends/);
    });

    it('lists, exports and erases everything of one person across two events, except the item under a legal hold', async () => {
      const email = 'subject@example.org';
      const first = await createEvent();
      const second = await createEvent({ title: 'Zweites Webinar' });
      const firstRegistration = await registerAndConfirm(first.slug, email, { company: 'ACME', phone: '030 1234567' });
      const secondRegistration = await registerAndConfirm(second.slug, email);
      const attendance = await attend(first.id, firstRegistration);
      const bystander = await registerAndConfirm(first.slug, 'bystander@example.org');

      const { cookie } = await openPortal(email);
      const listed = await inject('GET', '/api/public/privacy/me', undefined, { cookie });
      assert.equal(listed.statusCode, 200, listed.body);
      const items = listed.json<{
        email: string;
        items: {
          category: string;
          id: string;
          data: Record<string, unknown>;
          correctable: string[] | null;
          can: Record<string, boolean>;
          heading: { en: string };
          group: { key: string; title: { en: string; de: string }; date: string | null };
        }[];
      }>().items;
      const ids = (category: string) =>
        items
          .filter((i) => i.category === category)
          .map((i) => i.id)
          .sort();
      assert.deepEqual(ids('events.registrant-required'), [firstRegistration, secondRegistration].sort());
      assert.deepEqual(ids('events.registrant-voluntary'), [firstRegistration]);
      assert.deepEqual(ids('rooms.attendance'), [attendance]);
      assert.ok(ids('mail.messages').length >= 3, 'confirmation mails and the portal link');
      assert.ok(!items.some((i) => JSON.stringify(i.data).includes('bystander')), 'nothing of anyone else');
      const voluntary = items.find((i) => i.category === 'events.registrant-voluntary')!;
      assert.deepEqual(voluntary.can, { correct: true, withdrawConsent: true, object: false, erase: true });
      assert.equal(items.find((i) => i.category === 'rooms.attendance')!.can.object, true);
      // One card per registration with what hangs on it, titled like the registration; the rest by kind.
      const groups = [...new Map(items.map((i) => [i.group.key, i.group])).values()];
      const cards = groups.map((g) => [g.title.en, items.filter((i) => i.group.key === g.key).map((i) => i.heading.en)]);
      assert.deepEqual(cards.slice(0, 2), [
        ['Registration for ‘Zweites Webinar’', ['Your registration']],
        ['Registration for ‘Datenschutz im Alltag’', ['Your registration', 'Your voluntary details', 'Your taking part']],
      ]);
      assert.ok(groups.slice(0, 2).every((g) => g.date !== null && g.title.de.startsWith('Anmeldung zu „')));
      assert.deepEqual(
        groups.slice(2).map((g) => g.title.en),
        ['Mails we sent you', 'Access to this page'],
      );

      const exported = await inject('GET', '/api/public/privacy/me/export', undefined, { cookie });
      assert.equal(exported.statusCode, 200);
      assert.match(String(exported.headers['content-disposition']), /attachment/);
      const dump = exported.json<{ items: { category: string; data: Record<string, unknown>; legalBasis: { article: string } }[] }>();
      assert.equal(dump.items.length, items.length);
      assert.ok(
        dump.items.some(
          (i) => i.category === 'events.registrant-voluntary' && i.data.phone === '+49301234567' && i.legalBasis.article === '6(1)(a)',
        ),
      );

      const corrected = await inject(
        'POST',
        '/api/public/privacy/me/correct',
        { item: { category: 'events.registrant-required', id: secondRegistration }, fields: { lastName: 'Musterfrau' } },
        { cookie },
      );
      assert.equal(corrected.statusCode, 204, corrected.body);
      const phoneFixed = await inject(
        'POST',
        '/api/public/privacy/me/correct',
        { item: { category: 'events.registrant-voluntary', id: firstRegistration }, fields: { phone: '0171 2345678' } },
        { cookie },
      );
      assert.equal(phoneFixed.statusCode, 204, phoneFixed.body);
      assert.equal(
        (await plenum.store.db.selectFrom('registrations').select('phone').where('id', '=', firstRegistration).executeTakeFirstOrThrow())
          .phone,
        '+491712345678',
      );
      const notAllowed = await inject(
        'POST',
        '/api/public/privacy/me/correct',
        { item: { category: 'events.registrant-required', id: secondRegistration }, fields: { email: 'other@example.org' } },
        { cookie },
      );
      assert.equal(notAllowed.statusCode, 409, 'the address is the key of the request, not correctable here');
      assert.deepEqual(items.find((i) => i.category === 'events.registrant-voluntary')!.correctable, ['company', 'industry', 'phone']);
      const notMine = await inject(
        'POST',
        '/api/public/privacy/me/correct',
        { item: { category: 'events.registrant-required', id: bystander }, fields: { lastName: 'X' } },
        { cookie },
      );
      assert.equal(notMine.statusCode, 409);

      const withdrawn = await inject(
        'POST',
        '/api/public/privacy/me/withdraw',
        { item: { category: 'events.registrant-voluntary', id: firstRegistration }, right: 'consent' },
        { cookie },
      );
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.match(withdrawn.json<{ effect: { en: string } }>().effect.en, /deleted/);
      const afterWithdrawal = await plenum.store.db
        .selectFrom('registrations')
        .selectAll()
        .where('id', '=', firstRegistration)
        .executeTakeFirstOrThrow();
      assert.deepEqual([afterWithdrawal.company, afterWithdrawal.phone], [null, null]);

      const hold = await inject(
        'POST',
        '/api/privacy/holds',
        { category: 'events.registrant-required', itemId: secondRegistration, reason: 'invoice dispute', until: '2099-12-31' },
        dpo,
      );
      assert.equal(hold.statusCode, 201, hold.body);

      const bystanderMails = (await mailsTo(plenum, 'bystander@example.org')).length;
      const erased = await inject('POST', '/api/public/privacy/me/erase', { confirm: true }, { cookie });
      assert.equal(erased.statusCode, 200, erased.body);
      const report = erased.json<{
        erased: number;
        kept: { category: string; id: string; whatDate: string | null; reason: { en: string } | null; until: string | null }[];
      }>();
      assert.deepEqual(
        report.kept.map(({ whatDate, ...k }) => ({ ...k, dated: typeof whatDate === 'string' })),
        [
          {
            category: 'events.registrant-required',
            id: secondRegistration,
            what: { en: 'Registration for ‘Zweites Webinar’', de: 'Anmeldung zu „Zweites Webinar“' },
            dated: true,
            reason: { en: 'invoice dispute', de: 'invoice dispute' },
            until: '2099-12-31',
          },
        ],
        'named as the portal named it, with the event’s date, the reason and the end date',
      );
      assert.ok(report.erased >= 4);

      const left = await plenum.store.db
        .selectFrom('registrations')
        .select(['id', 'email'])
        .where('event_id', 'in', [first.id, second.id])
        .execute();
      assert.deepEqual(left.map((r) => r.id).sort(), [secondRegistration, bystander].sort());
      assert.equal((await plenum.store.db.selectFrom('room_attendance').select('id').where('id', '=', attendance).execute()).length, 0);
      assert.equal((await mailsTo(plenum, email)).length, 0, 'outbox mails to the address are gone');
      assert.equal((await mailsTo(plenum, 'bystander@example.org')).length, bystanderMails, 'nobody else’s mails');

      const audit = await plenum.store.db.selectFrom('audit_entries').selectAll().where('action', 'like', 'privacy.%').execute();
      for (const action of [
        'privacy.subject.viewed',
        'privacy.subject.exported',
        'privacy.subject.corrected',
        'privacy.consent.withdrawn',
        'privacy.hold.placed',
        'privacy.subject.erased',
      ]) {
        assert.ok(
          audit.some((a) => a.action === action),
          action,
        );
      }
      assert.ok(!audit.some((a) => `${a.detail}${a.subject_id}`.includes(email)), 'audit entries never hold the email');
    });

    it('ends the portal session on the server at logout: the old cookie opens nothing', async () => {
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'leaving@example.org');
      const { cookie } = await openPortal('leaving@example.org');
      assert.equal((await inject('GET', '/api/public/privacy/me', undefined, { cookie })).statusCode, 200);
      assert.equal((await inject('POST', '/api/public/privacy/logout', undefined, { cookie })).statusCode, 204);
      const replayed = await inject('GET', '/api/public/privacy/me', undefined, { cookie });
      assert.equal(replayed.statusCode, 401);
      assert.equal(replayed.json<{ error: { code: string } }>().error.code, 'ERR_PRIVACY_SESSION_EXPIRED');
      assert.equal((await inject('GET', '/api/public/privacy/me/export', undefined, { cookie })).statusCode, 401);
    });

    it('takes the portal session it was asked from with the erasure: no trace of the address stays in the portal’s tables', async () => {
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'gone@example.org');
      const { cookie } = await openPortal('gone@example.org');
      const erased = await inject('POST', '/api/public/privacy/me/erase', { confirm: true }, { cookie });
      assert.equal(erased.statusCode, 200, erased.body);
      assert.deepEqual(erased.json<{ kept: unknown[] }>().kept, []);
      assert.equal(
        (await plenum.store.db.selectFrom('privacy_access_tokens').select('email').where('email', '=', 'gone@example.org').execute())
          .length,
        0,
      );
      assert.equal((await inject('GET', '/api/public/privacy/me', undefined, { cookie })).statusCode, 401);
    });

    it('never opens callback requests and call records through a phone number someone typed; the DPO does, with a number they verified', async () => {
      const phoneOfA = '+491709876543';
      const callback = await inject('POST', '/api/public/callbacks', {
        captcha: await solvedCaptcha(plenum),
        name: 'Anna A',
        phone: '0170 9876543',
        preferredTime: 'mornings',
        topic: 'licences',
        consent: true,
      });
      assert.equal(callback.statusCode, 202, callback.body);
      const callbackId = (
        await plenum.store.db.selectFrom('callback_requests').select('id').where('phone', '=', phoneOfA).executeTakeFirstOrThrow()
      ).id;
      const callId = randomUUID();
      await plenum.store.db
        .insertInto('call_records')
        .values({
          id: callId,
          room_id: null,
          caller_number: phoneOfA,
          called_number: '+49301234567',
          caller_country: 'Germany',
          source_ip: '192.0.2.1',
          source_port: 5060,
          transport: 'udp',
          outcome: 'refused',
          started_at: new Date().toISOString(),
          ended_at: new Date().toISOString(),
        })
        .execute();

      // B registers (never confirms) with A's number, and corrects it in the portal to A's number again.
      const event = await createEvent();
      const registered = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
        captcha: await solvedCaptcha(plenum),
        firstName: 'Bert',
        lastName: 'B',
        email: 'b@example.org',
        phone: '0170 9876543',
        language: 'en',
      });
      assert.equal(registered.statusCode, 202, registered.body);
      const { cookie } = await openPortal('b@example.org');
      const items = (await inject('GET', '/api/public/privacy/me', undefined, { cookie })).json<{
        items: { category: string; id: string }[];
      }>().items;
      assert.ok(
        items.some((i) => i.category === 'events.registrant-voluntary'),
        'B sees the number B typed, in B’s registration',
      );
      assert.ok(
        !items.some((i) => i.category === 'callback.requests' || i.category === 'telephony.call-records'),
        'but nothing stored under that number',
      );
      const exported = await inject('GET', '/api/public/privacy/me/export', undefined, { cookie });
      assert.ok(!exported.body.includes(callbackId) && !exported.body.includes(callId) && !exported.body.includes('Anna'));
      assert.equal(
        (
          await inject(
            'POST',
            '/api/public/privacy/me/withdraw',
            { item: { category: 'callback.requests', id: callbackId }, right: 'consent' },
            { cookie },
          )
        ).statusCode,
        409,
      );
      assert.equal(
        (
          await inject(
            'POST',
            '/api/public/privacy/me/withdraw',
            { item: { category: 'telephony.call-records', id: callId }, right: 'objection' },
            { cookie },
          )
        ).statusCode,
        409,
      );
      assert.equal((await inject('POST', '/api/public/privacy/me/erase', { confirm: true }, { cookie })).statusCode, 200);
      assert.ok(
        await plenum.store.db.selectFrom('callback_requests').select('id').where('id', '=', callbackId).executeTakeFirst(),
        'A’s callback request remains',
      );
      assert.ok(
        await plenum.store.db.selectFrom('call_records').select('id').where('id', '=', callId).executeTakeFirst(),
        'A’s call record remains',
      );

      // A writes to the DPO, who verifies the number (calls it back) and records it with the request.
      const typo = await inject(
        'POST',
        '/api/privacy/requests',
        { type: 'erasure', email: 'anna@example.org', receivedAt: '2026-12-01', verifiedPhone: '12' },
        dpo,
      );
      assert.equal(typo.statusCode, 400);
      const recorded = await inject(
        'POST',
        '/api/privacy/requests',
        { type: 'erasure', email: 'anna@example.org', receivedAt: '2026-12-01', verifiedPhone: '0170 9876543' },
        dpo,
      );
      assert.equal(recorded.statusCode, 201, recorded.body);
      const { id } = recorded.json<{ id: string }>();
      assert.equal(
        (await inject('GET', `/api/privacy/requests/${id}`, undefined, dpo)).json<{ verifiedPhone: string }>().verifiedPhone,
        phoneOfA,
      );
      const found = (await inject('GET', `/api/privacy/requests/${id}/items`, undefined, dpo)).json<{
        items: { category: string; id: string }[];
      }>().items;
      assert.deepEqual(
        found
          .filter((i) => i.category !== 'privacy.requests')
          .map((i) => i.id)
          .sort(),
        [callbackId, callId].sort(),
      );
      assert.equal((await inject('POST', `/api/privacy/requests/${id}/erase`, { confirm: true }, dpo)).statusCode, 200);
      assert.equal(
        await plenum.store.db.selectFrom('callback_requests').select('id').where('id', '=', callbackId).executeTakeFirst(),
        undefined,
      );
      assert.equal(await plenum.store.db.selectFrom('call_records').select('id').where('id', '=', callId).executeTakeFirst(), undefined);
      assert.equal((await inject('POST', `/api/privacy/requests/${id}/close`, { status: 'done' }, dpo)).statusCode, 204);
    });

    it('leaves an erased registrant readable nowhere: not in the SQLite file, not in its WAL', { skip: dialect !== 'sqlite' }, async () => {
      const marker = `Marker${randomUUID().replace(/-/g, '')}`;
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'marker@example.org', { lastName: marker, company: `${marker} GmbH` });
      const { cookie } = await openPortal('marker@example.org');
      assert.equal((await inject('POST', '/api/public/privacy/me/erase', { confirm: true }, { cookie })).statusCode, 200);
      const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(plenum.store.db);
      const file = rows[0]!.file;
      for (const path of [file, `${file}-wal`]) {
        const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
        assert.equal(bytes.indexOf(marker), -1, `${path} holds the erased marker`);
      }
    });

    it('gives an erased registrant’s seat to the first on the waiting list, as a cancellation does', async () => {
      const event = await createEvent({ capacity: 1 });
      await registerAndConfirm(event.slug, 'seated@example.org');
      const waiting = await registerAndConfirm(event.slug, 'waiting@example.org');
      const stateOf = async (id: string) =>
        (await plenum.store.db.selectFrom('registrations').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
      assert.equal(await stateOf(waiting), 'waitlisted');
      const { cookie } = await openPortal('seated@example.org');
      assert.equal((await inject('POST', '/api/public/privacy/me/erase', { confirm: true }, { cookie })).statusCode, 200);
      assert.equal(await stateOf(waiting), 'confirmed');
    });

    it('answers alike for known and unknown addresses, and mails only the known', async () => {
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'known@example.org');
      const known = await inject('POST', '/api/public/privacy/access', { email: 'known@example.org' });
      const unknown = await inject('POST', '/api/public/privacy/access', { email: 'nobody@example.org' });
      assert.deepEqual([known.statusCode, known.body], [unknown.statusCode, unknown.body]);
      await awaitPortalLink('known@example.org');
      await sleep(100);
      assert.equal((await mailsTo(plenum, 'nobody@example.org')).length, 0);
      assert.equal(
        (await plenum.store.db.selectFrom('privacy_access_tokens').select('email').where('email', '=', 'nobody@example.org').execute())
          .length,
        0,
      );
    });

    it('cannot be kept from their own link by someone who asked first: after three requests for an address each needs a captcha, one client is limited alone', async () => {
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'flooded@example.org');
      const ask = (remoteAddress: string, captcha?: string) =>
        plenum.app.inject({
          method: 'POST',
          url: '/api/public/privacy/access',
          payload: { email: 'flooded@example.org', ...(captcha ? { captcha } : {}) },
          remoteAddress,
        });
      const codeOf = (response: { statusCode: number; json(): unknown }) =>
        response.statusCode === 202 ? 202 : (response.json() as { error: { code: string } }).error.code;
      const byAttacker: (number | string)[] = [];
      for (let i = 0; i < 6; i++) byAttacker.push(codeOf(await ask('10.9.0.1')));
      assert.deepEqual(byAttacker, [202, 202, 202, 'ERR_CAPTCHA_REQUIRED', 'ERR_CAPTCHA_REQUIRED', 'ERR_RATE_LIMITED']);
      const links = async () =>
        (
          await plenum.store.db
            .selectFrom('privacy_access_tokens')
            .select('email')
            .where('email', '=', 'flooded@example.org')
            .where('kind', '=', 'link')
            .execute()
        ).length;

      // The owner, elsewhere, is asked for the captcha, not refused; with it the link is mailed.
      assert.equal(codeOf(await ask('10.9.0.2')), 'ERR_CAPTCHA_REQUIRED');
      const captcha = await solvedCaptcha(plenum);
      assert.equal(codeOf(await ask('10.9.0.2', captcha)), 202);
      assert.equal(codeOf(await ask('10.9.0.3', captcha)), 'ERR_CAPTCHA_INVALID', 'a solution counts once');
      // Three links for the attacker's requests, the fourth for the owner's (the mail is sent after the answer).
      for (let i = 0; i < 100 && (await links()) < 4; i++) await sleep(20);
      assert.equal(await links(), 4);

      // An unknown address is asked for the captcha just the same: the answers tell nothing.
      const unknown: (number | string)[] = [];
      for (let i = 0; i < 4; i++)
        unknown.push(
          codeOf(
            await plenum.app.inject({
              method: 'POST',
              url: '/api/public/privacy/access',
              payload: { email: 'nobody-flooded@example.org' },
              remoteAddress: '10.9.0.4',
            }),
          ),
        );
      assert.deepEqual(unknown, [202, 202, 202, 'ERR_CAPTCHA_REQUIRED']);
    });

    it('accepts a magic link once and not after 30 minutes', async () => {
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'once@example.org');
      const { token } = await openPortal('once@example.org');
      const again = await inject('POST', '/api/public/privacy/session', { token });
      assert.equal(again.statusCode, 404);
      assert.equal(again.json<{ error: { code: string } }>().error.code, 'ERR_PRIVACY_LINK_INVALID');

      assert.equal((await inject('POST', '/api/public/privacy/access', { email: 'once@example.org' })).statusCode, 202);
      let second = token;
      for (let i = 0; i < 100 && second === token; i++) {
        second = await awaitPortalLink('once@example.org');
        await sleep(20);
      }
      assert.notEqual(second, token);
      await plenum.store.db
        .updateTable('privacy_access_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('kind', '=', 'link')
        .where('used_at', 'is', null)
        .execute();
      assert.equal((await inject('POST', '/api/public/privacy/session', { token: second })).statusCode, 404);
      assert.equal((await inject('GET', '/api/public/privacy/me', undefined, { cookie: 'plenum_privacy=forged' })).statusCode, 401);
    });

    it('purges what passed its retention, dry run first, with an audit entry per run', async () => {
      const past = await createEvent();
      const registration = await registerAndConfirm(past.slug, 'past@example.org');
      const held = await registerAndConfirm(past.slug, 'held@example.org');
      const heldDetails = await registerAndConfirm(past.slug, 'details@example.org');
      const longAgo = new Date(Date.now() - 200 * 86_400_000).toISOString();
      await plenum.store.db.updateTable('events').set({ starts_at: longAgo, ends_at: longAgo }).where('id', '=', past.id).execute();
      assert.equal(
        (
          await inject(
            'POST',
            '/api/privacy/holds',
            { category: 'events.registrant-required', itemId: held, reason: 'court order', until: '2099-01-01' },
            dpo,
          )
        ).statusCode,
        201,
      );
      assert.equal(
        (
          await inject(
            'POST',
            '/api/privacy/holds',
            { category: 'events.registrant-voluntary', itemId: heldDetails, reason: 'audit', until: '2099-01-01' },
            dpo,
          )
        ).statusCode,
        201,
      );
      const ended = await inject(
        'POST',
        '/api/privacy/holds',
        { category: 'events.registrant-required', itemId: held, reason: 'court order', until: '2001-01-01' },
        dpo,
      );
      assert.equal(ended.json<{ error: { code: string } }>().error.code, 'ERR_PRIVACY_HOLD_ENDED');
      const unknown = await inject(
        'POST',
        '/api/privacy/holds',
        { category: 'events.nothing', reason: 'court order', until: '2099-01-01' },
        dpo,
      );
      assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'ERR_PRIVACY_CATEGORY_UNKNOWN');

      const dry = await inject('POST', '/api/privacy/retention/run', { dryRun: true }, dpo);
      assert.equal(dry.statusCode, 200, dry.body);
      const dryCount = dry
        .json<{ results: { categories: string[]; count: number }[] }>()
        .results.find((r) => r.categories.includes('events.registrant-required'))!.count;
      assert.equal(dryCount, 1);
      assert.ok(
        await plenum.store.db.selectFrom('registrations').select('id').where('id', '=', registration).executeTakeFirst(),
        'a dry run deletes nothing',
      );

      const real = await inject('POST', '/api/privacy/retention/run', { dryRun: false }, dpo);
      assert.equal(real.statusCode, 200, real.body);
      assert.equal(
        await plenum.store.db.selectFrom('registrations').select('id').where('id', '=', registration).executeTakeFirst(),
        undefined,
      );
      assert.ok(
        await plenum.store.db.selectFrom('registrations').select('id').where('id', '=', held).executeTakeFirst(),
        'the held registration stays',
      );
      assert.ok(
        await plenum.store.db.selectFrom('registrations').select('id').where('id', '=', heldDetails).executeTakeFirst(),
        'a hold on its voluntary details keeps the row too',
      );

      const audit = await inject('GET', '/api/privacy/audit?action=retention.run', undefined, dpo);
      // The DPO's run only: Plenum's own scheduled run (a minute after start) may have come by on a slow machine.
      const entries = audit
        .json<{ entries: { actorKind: string; detail: Record<string, unknown> }[] }>()
        .entries.filter((e) => e.actorKind !== 'system');
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.detail['count events.registrant-required'], 1);
      assert.match(String(entries[0]!.detail['rule events.registrant-required']), /180 days after the event ends/);
      assert.ok(!JSON.stringify(entries).includes('past@example.org'));
      // The same entry in words for the DPO's page: the action, who, and each count under its data's name.
      const read = audit
        .json<{
          entries: {
            actorKind: string;
            what: { en: string; de: string };
            actorName: string | null;
            facts: { label: { en: string }; value: { kind: string; text?: string; yes?: boolean } }[];
          }[];
        }>()
        .entries.find((e) => e.actorKind !== 'system')!;
      assert.deepEqual(read.what, { en: 'Deletion periods applied', de: 'Löschfristen angewendet' });
      assert.equal(read.actorName, 'dpo', 'the API token’s name');
      assert.deepEqual(read.facts[0], { label: { en: 'Dry run', de: 'Probelauf' }, value: { kind: 'yes-no', yes: false } });
      assert.deepEqual(
        read.facts.find((f) => f.label.en === 'Registration for an event')?.value,
        { kind: 'text', text: '1' },
        'the count under the data’s name; the rule, an engineer’s note, stays in the detail',
      );
      assert.ok(!read.facts.some((f) => /events\.|_/.test(f.label.en)), JSON.stringify(read.facts));
      assert.equal(
        (await inject('GET', '/api/privacy/audit?action=retention.dry-run', undefined, dpo)).json<{ entries: unknown[] }>().entries.length,
        1,
      );
      const prefixed = (await inject('GET', '/api/privacy/audit?action=retention.*', undefined, dpo)).json<{
        entries: { action: string; actorKind: string }[];
      }>().entries;
      assert.deepEqual(
        prefixed
          .filter((e) => e.actorKind !== 'system')
          .map((e) => e.action)
          .sort(),
        ['retention.dry-run', 'retention.run'],
      );
    });

    it('makes a new notice version when a processor is added, and registrations record it', async () => {
      const before = (await inject('GET', '/api/public/privacy/notice?language=de')).json<{ version: string; processors: unknown[] }>();
      const added = await inject(
        'POST',
        '/api/privacy/processors',
        { name: 'Mail GmbH', purposeEn: 'Sending mail', purposeDe: 'E-Mail-Versand', country: 'de', transferBasis: 'eu' },
        { cookie: admin },
      );
      assert.equal(added.statusCode, 201, added.body);
      const notice = (await inject('GET', '/api/public/privacy/notice?language=de')).json<{
        version: string;
        processors: { name: string; thirdCountry: boolean }[];
        thirdCountryTransfers: boolean;
      }>();
      assert.notEqual(notice.version, before.version);
      assert.equal(added.json<{ noticeVersion: string }>().noticeVersion, notice.version);
      assert.deepEqual(
        notice.processors.map((p) => [p.name, p.thirdCountry]),
        [['Mail GmbH', false]],
      );
      assert.equal(notice.thirdCountryTransfers, false);

      const abroad = await inject(
        'POST',
        '/api/privacy/processors',
        { name: 'Cloud Inc', purposeEn: 'Hosting', purposeDe: 'Hosting', country: 'US', transferBasis: 'eu' },
        { cookie: admin },
      );
      assert.equal(
        abroad.json<{ error: { code: string } }>().error.code,
        'ERR_PROCESSOR_TRANSFER_BASIS',
        'outside the EEA a transfer basis must be named',
      );
      const scc = await inject(
        'POST',
        '/api/privacy/processors',
        { name: 'Cloud Inc', purposeEn: 'Hosting', purposeDe: 'Hosting', country: 'US', transferBasis: 'scc' },
        { cookie: admin },
      );
      assert.equal(scc.statusCode, 201, scc.body);
      const abroadNotice = (await inject('GET', '/api/public/privacy/notice?language=en')).json<{
        version: string;
        processors: { name: string; transferBasis: string | null }[];
        thirdCountryTransfers: boolean;
      }>();
      assert.equal(abroadNotice.thirdCountryTransfers, true);
      assert.match(abroadNotice.processors.find((p) => p.name === 'Cloud Inc')!.transferBasis!, /standard contractual clauses/);
      assert.equal(
        (await inject('DELETE', `/api/privacy/processors/${scc.json<{ id: string }>().id}`, undefined, { cookie: admin })).json<{
          noticeVersion: string;
        }>().noticeVersion,
        notice.version,
        'removing it restores the earlier version',
      );
      const stored = (await inject('GET', `/api/public/privacy/notice/versions/${before.version}`)).json<{
        version: string;
        source: { processors: unknown[] };
      }>();
      assert.deepEqual([stored.version, stored.source.processors], [before.version, []], 'earlier versions stay readable');

      const event = await createEvent();
      const page = (await inject('GET', `/api/public/events/${event.slug}`)).json<{ notice: { version: string } }>();
      assert.equal(page.notice.version, notice.version);
      const id = await registerAndConfirm(event.slug, 'versioned@example.org');
      assert.equal(
        (await plenum.store.db.selectFrom('registrations').select('notice_version').where('id', '=', id).executeTakeFirstOrThrow())
          .notice_version,
        notice.version,
      );
      assert.ok(
        await plenum.store.db.selectFrom('notice_versions').select('version').where('version', '=', notice.version).executeTakeFirst(),
        'the version is stored',
      );

      const record = await inject('GET', '/api/privacy/record?language=en', undefined, dpo);
      assert.equal(record.statusCode, 200, record.body);
      const art30 = record.json<{ activities: { title: string; dataSubjects: string[] }[]; processors: string[] }>();
      assert.deepEqual(art30.processors, ['Mail GmbH (Germany): Sending mail']);
      assert.deepEqual(art30.activities.find((a) => a.title === 'Registering for an event')?.dataSubjects, [
        'people who register for an event',
      ]);
      const german = (await inject('GET', '/api/privacy/record?language=de', undefined, dpo)).json<{
        measures: { title: string; text: string }[];
      }>();
      assert.ok(
        german.measures.some((m) => m.title === 'Prüfprotokoll'),
        'the measures in German',
      );
      assert.doesNotMatch(record.body + JSON.stringify(german), /"[a-z]+\.[a-z]+-[a-z-]+"|\b[a-z]+_[a-z]+\b/, 'no category id, no column');
      assert.equal((await inject('GET', '/api/privacy/record', undefined, { cookie: admin })).statusCode, 403, 'the record is the DPO’s');
    });

    it('shows what changed from one notice version to the next in words, and says where an old version’s wording was not kept', async () => {
      // A version stored before the wording was kept (as after an upgrade).
      await plenum.store.db
        .insertInto('notice_versions')
        .values({
          version: '00000000000000aa',
          content: '{}',
          texts: null,
          created_at: '2000-01-01T00:00:00.000Z',
          in_force_at: '2000-01-01T00:00:00.000Z',
        })
        .execute();
      const added = await inject(
        'POST',
        '/api/privacy/processors',
        {
          name: 'Diff GmbH',
          purposeEn: 'Delivering mail',
          purposeDe: 'E-Mail-Zustellung',
          country: 'DE',
          transferBasis: 'eu',
          service: 'mail',
        },
        { cookie: admin },
      );
      assert.equal(added.statusCode, 201, added.body);
      type History = {
        versions: {
          date: string;
          inForce: boolean;
          previousDate: string | null;
          changes: { title: string; kind: string; paragraphs: { kind: string; text?: string; before?: string; after?: string }[] }[] | null;
        }[];
      };
      const history = (await inject('GET', '/api/public/privacy/notice/changes?language=de')).json<History>();
      const [latest] = history.versions;
      assert.ok(latest?.inForce, 'the newest is the version in force');
      const recipients = latest.changes?.find((c) => c.title === 'Empfänger und Auftragsverarbeiter');
      assert.deepEqual(recipients?.paragraphs, [{ kind: 'added', text: 'Diff GmbH (DE): E-Mail-Zustellung' }]);
      assert.ok(
        latest.changes?.some((c) =>
          c.paragraphs.some((p) => p.kind === 'changed' && /Diff GmbH verarbeitet diese Daten/.test(p.after ?? '')),
        ),
        'the mails’ section names the new mail provider, shown as a changed paragraph',
      );
      assert.doesNotMatch(JSON.stringify(latest.changes), /[0-9a-f]{16}|\d{4}-\d{2}-\d{2}T/, 'no hash, no timestamp in the words');
      const [oldest, second] = history.versions.slice(-2).reverse();
      assert.deepEqual([oldest?.previousDate, oldest?.changes], [null, null], 'the first version has nothing to compare with');
      assert.equal(second?.changes, null, 'no comparison with a version whose wording was not kept');
      const english = (await inject('GET', '/api/public/privacy/notice/changes?language=en')).json<History>();
      assert.ok(english.versions[0]?.changes?.some((c) => c.title === 'Recipients and processors'));
      const { id } = added.json<{ id: string }>();
      assert.equal((await inject('DELETE', `/api/privacy/processors/${id}`, undefined, { cookie: admin })).statusCode, 200);
    });

    it('tracks requests received by email with their one-month deadline, one extension and the overdue view', async () => {
      const forgedName = await inject(
        'POST',
        '/api/privacy/requests',
        { type: 'access', email: 'Letter@Example.org', name: 'Eve\r\nMallory', receivedAt: '2026-01-31' },
        dpo,
      );
      assert.equal(forgedName.statusCode, 400, 'a person’s name rule');
      const recorded = await inject(
        'POST',
        '/api/privacy/requests',
        { type: 'access', email: 'Letter@Example.org', receivedAt: '2026-01-31' },
        dpo,
      );
      assert.equal(recorded.statusCode, 201, recorded.body);
      const { id, dueAt } = recorded.json<{ id: string; dueAt: string }>();
      assert.equal(dueAt.slice(0, 10), '2026-02-28');
      const overdue = (await inject('GET', '/api/privacy/requests?filter=overdue', undefined, dpo)).json<{
        requests: { id: string; overdue: boolean; email: string }[];
      }>();
      assert.deepEqual(
        overdue.requests.map((r) => [r.id, r.overdue, r.email]),
        [[id, true, 'letter@example.org']],
      );
      const extended = await inject('POST', `/api/privacy/requests/${id}/extend`, { months: 2, reason: 'many systems to search' }, dpo);
      assert.equal(extended.json<{ dueAt: string }>().dueAt.slice(0, 10), '2026-04-28');
      assert.equal((await inject('POST', `/api/privacy/requests/${id}/extend`, { months: 1, reason: 'again' }, dpo)).statusCode, 400);
      assert.equal((await inject('GET', `/api/privacy/requests/${id}/items`, undefined, dpo)).statusCode, 200);
      const items = (await inject('GET', `/api/privacy/requests/${id}/items`, undefined, dpo)).json<{
        items: { category: string; id: string }[];
      }>().items;
      assert.deepEqual(
        items.map((i) => [i.category, i.id]),
        [['privacy.requests', id]],
        'the request itself is part of what is stored',
      );
      const erased = (await inject('POST', `/api/privacy/requests/${id}/erase`, { confirm: true }, dpo)).json<{
        kept: { category: string; id: string; reason: { en: string } | null }[];
      }>();
      assert.deepEqual(
        erased.kept.map((k) => [k.category, k.id]),
        [['privacy.requests', id]],
      );
      assert.match(erased.kept[0]!.reason!.en, /proof that your request was answered/);
      assert.equal((await inject('POST', `/api/privacy/requests/${id}/close`, { status: 'done' }, dpo)).statusCode, 204);
      assert.equal(
        (await inject('GET', '/api/privacy/requests?filter=open', undefined, dpo)).json<{ requests: unknown[] }>().requests.length,
        0,
      );
      assert.equal((await inject('GET', '/api/privacy/requests', undefined, { cookie: admin })).statusCode, 403);
    });
  });
}
