import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { buildEvent, confirmLink, joinLink, linkToken, mailsTo, manageLink, solvedCaptcha } from './testing.js';
import { injectFromFreshClients } from '../testing/inject.js';

for (const dialect of dialects) {
  describe(`registration over HTTP on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;

    before(async () => {
      plenum = await startTestPlenum(dialect);
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    const inject = injectFromFreshClients(() => plenum.app);

    async function createEvent(overrides: Record<string, unknown> = {}) {
      const response = await inject('POST', '/api/events', buildEvent(overrides), { cookie: admin });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string; slug: string }>();
    }

    const person = (email: string, extra: Record<string, unknown> = {}) => ({
      firstName: 'Erika',
      lastName: 'Mustermann',
      email,
      language: 'de',
      ...extra,
    });

    async function register(slug: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
      return inject('POST', `/api/public/events/${slug}/registrations`, { captcha: await solvedCaptcha(plenum), ...body }, headers);
    }

    async function registerAndConfirm(slug: string, email: string) {
      assert.equal((await register(slug, person(email))).statusCode, 202);
      const token = await linkToken(plenum, email, confirmLink);
      const confirmed = await inject('POST', '/api/public/registrations/confirm', { token });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      return confirmed.json<{ state: string }>().state;
    }

    const registrationCount = async () =>
      Number(
        (
          await plenum.store.db
            .selectFrom('registrations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('registers with exactly the promised fields, confirms by mail and mails the personal join link', async () => {
      const event = await createEvent({
        questions: [{ kind: 'choice', label: 'Vorkenntnisse?', purpose: 'Inhalt anpassen', choices: ['keine', 'einige'] }],
      });
      const page = (await inject('GET', `/api/public/events/${event.slug}`, undefined, { 'accept-language': 'de' })).json();
      assert.equal(page.registrationOpen, true);
      assert.match(page.notice.version, /^[0-9a-f]{16}$/);
      const questionId = page.questions[0].id;

      const response = await register(
        event.slug,
        person('erika@example.org', { company: 'ACME', phone: '030 1234567', answers: { [questionId]: 'einige' }, language: 'de' }),
      );
      assert.equal(response.statusCode, 202, response.body);
      assert.deepEqual(response.json(), { status: 'check_email' });

      const stored = await plenum.store.db
        .selectFrom('registrations')
        .selectAll()
        .where('email', '=', 'erika@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(stored.state, 'unconfirmed');
      assert.equal(stored.phone, '+49301234567');
      assert.equal(stored.notice_version, page.notice.version);
      assert.ok(Date.parse(stored.registered_at) <= Date.now());
      const [confirmation] = await mailsTo(plenum, 'erika@example.org');
      assert.match(confirmation!.subject, /Bitte bestätigen Sie Ihre Anmeldung/);
      assert.doesNotMatch(confirmation!.body_text, /<img|https?:\/\/(?!127\.0\.0\.1|localhost)/i);

      const state = await inject('POST', '/api/public/registrations/confirm', {
        token: await linkToken(plenum, 'erika@example.org', confirmLink),
      });
      assert.equal(state.json().state, 'confirmed');
      const join = await linkToken(plenum, 'erika@example.org', joinLink);
      const seatMail = (await mailsTo(plenum, 'erika@example.org')).at(-1)!;
      assert.match(seatMail.subject, /Zugangslink/);
      assert.match(seatMail.body_text, /calendar\.ics/);
      const row = await plenum.store.db
        .selectFrom('registrations')
        .selectAll()
        .where('email', '=', 'erika@example.org')
        .executeTakeFirstOrThrow();
      assert.notEqual(row.join_token_hash, join, 'only the hash of the join token is stored');
      assert.equal(row.join_token_hash?.length, 64);

      const ics = await inject('GET', `/api/public/join/${join}/calendar.ics`);
      assert.equal(ics.statusCode, 200);
      assert.match(ics.headers['content-type'] as string, /text\/calendar/);
      assert.match(ics.body, /^BEGIN:VCALENDAR\r\n/);
      assert.match(ics.body.replace(/\r\n /g, ''), new RegExp(`/j/${join}`));
      // A week after the event ended, the link (which sits in URL paths and proxy logs) no longer works.
      const { starts_at, ends_at } = await plenum.store.db
        .selectFrom('events')
        .select(['starts_at', 'ends_at'])
        .where('id', '=', event.id)
        .executeTakeFirstOrThrow();
      const longOver = new Date(Date.now() - 8 * 86_400_000).toISOString();
      await plenum.store.db.updateTable('events').set({ starts_at: longOver, ends_at: longOver }).where('id', '=', event.id).execute();
      assert.equal((await inject('GET', `/api/public/join/${join}/calendar.ics`)).statusCode, 404);
      await plenum.store.db.updateTable('events').set({ starts_at, ends_at }).where('id', '=', event.id).execute();

      const list = (
        await inject('GET', `/api/events/${event.id}/registrations?state=confirmed&search=muster`, undefined, { cookie: admin })
      ).json();
      assert.equal(list.registrations.length, 1);
      assert.equal(list.registrations[0].joinLink, 'active');
      assert.deepEqual(list.registrations[0].answers, [{ questionId, answer: 'einige' }]);

      const csv = await inject('GET', `/api/events/${event.id}/registrations.csv`, undefined, { cookie: admin });
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      const [header, line] = csv.body.split('\r\n');
      assert.equal(
        header,
        '"first_name","last_name","email","company","industry","phone","state","registered_at","confirmed_at","notice_version","Vorkenntnisse?"',
      );
      assert.match(line!, /^"Erika","Mustermann","erika@example.org","ACME","","'\+49301234567","confirmed",/);
      assert.match(line!, new RegExp(`"${page.notice.version}","einige"$`));
    });

    it('answers a second registration of the same address identically, without a duplicate, and mails the known person', async () => {
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'max@example.org');
      const before = await registrationCount();
      const again = await register(event.slug, person('MAX@example.org', { firstName: 'Mallory' }));
      const fresh = await register(event.slug, person('new@example.org'));
      assert.equal(again.statusCode, fresh.statusCode);
      assert.equal(again.body, fresh.body);
      assert.equal(await registrationCount(), before + 1);
      const known = (await mailsTo(plenum, 'max@example.org')).at(-1)!;
      assert.match(known.body_text, /bereits angemeldet/);
      const row = await plenum.store.db
        .selectFrom('registrations')
        .selectAll()
        .where('email', '=', 'max@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(row.first_name, 'Erika', 'a second submission does not change a confirmed registration');
    });

    it('refuses replayed, forged and missing captcha solutions and stores nothing', async () => {
      const event = await createEvent();
      const captcha = await solvedCaptcha(plenum);
      const first = await inject('POST', `/api/public/events/${event.slug}/registrations`, { ...person('once@example.org'), captcha });
      assert.equal(first.statusCode, 202);
      const before = await registrationCount();
      const replay = await inject(
        'POST',
        `/api/public/events/${event.slug}/registrations`,
        { ...person('twice@example.org'), captcha },
        { 'accept-language': 'de' },
      );
      assert.equal(replay.statusCode, 400);
      assert.equal(replay.json().error.code, 'ERR_CAPTCHA_INVALID');
      assert.match(replay.json().error.message, /Anti-Spam/);

      const payload = JSON.parse(Buffer.from(await solvedCaptcha(plenum), 'base64').toString());
      payload.solution.derivedKey = payload.solution.derivedKey.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
      const forged = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
        ...person('forged@example.org'),
        captcha: Buffer.from(JSON.stringify(payload)).toString('base64'),
      });
      assert.equal(forged.json().error.code, 'ERR_CAPTCHA_INVALID');
      const tampered = JSON.parse(Buffer.from(await solvedCaptcha(plenum), 'base64').toString());
      tampered.challenge.parameters.expiresAt += 3600;
      const extended = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
        ...person('late@example.org'),
        captcha: Buffer.from(JSON.stringify(tampered)).toString('base64'),
      });
      assert.equal(extended.json().error.code, 'ERR_CAPTCHA_INVALID');
      const garbage = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
        ...person('junk@example.org'),
        captcha: 'bm90IGpzb24=',
      });
      assert.equal(garbage.json().error.code, 'ERR_CAPTCHA_INVALID');
      assert.equal(await registrationCount(), before);
    });

    it('rejects bad input with translated errors and stores nothing', async () => {
      const event = await createEvent();
      const before = await registrationCount();
      const captcha = 'x';
      const cases: [Record<string, unknown>, string][] = [
        [{ ...person('a@example.org'), firstName: '   ' }, 'ERR_VALIDATION'],
        [{ ...person('a@example.org'), lastName: 'x'.repeat(101) }, 'ERR_VALIDATION'],
        [{ ...person('a@example.org'), firstName: '<script>alert(1)</script>' }, 'ERR_VALIDATION'],
        [{ ...person('a@example.org'), lastName: 'Muster\nBcc: x@example.org' }, 'ERR_VALIDATION'],
        [{ ...person('a@example.org'), firstName: '\u202eakirE' }, 'ERR_VALIDATION'],
        [{ ...person('not-an-email') }, 'ERR_VALIDATION'],
        [{ ...person('a@example.org'), phone: '12' }, 'ERR_VALIDATION'],
        [{ ...person('a@example.org'), shoeSize: 44 }, 'ERR_VALIDATION'],
        [{ ...person('a@example.org'), answers: { '6f1c1f5e-4a57-4a53-9a3e-0d2b8f0b9d11': 'x' } }, 'ERR_CAPTCHA_INVALID'],
      ];
      for (const [body, code] of cases) {
        const response = await inject(
          'POST',
          `/api/public/events/${event.slug}/registrations`,
          { captcha, ...body },
          { 'accept-language': 'de' },
        );
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.equal(response.json().error.code, code, JSON.stringify(body));
      }
      const markup = await inject(
        'POST',
        `/api/public/events/${event.slug}/registrations`,
        { captcha, ...person('a@example.org'), firstName: 'a<b' },
        { 'accept-language': 'de' },
      );
      assert.match(markup.json().error.details[0].message, /keine Zeichen < >/);
      const phone = await inject(
        'POST',
        `/api/public/events/${event.slug}/registrations`,
        { captcha, ...person('a@example.org'), phone: '+49 12' },
        { 'accept-language': 'en' },
      );
      assert.match(phone.json().error.details[0].message, /not a valid phone number/);

      const huge = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
        captcha,
        ...person('a@example.org'),
        company: 'x'.repeat(20_000),
      });
      assert.equal(huge.statusCode, 413);
      assert.equal(huge.json().error.code, 'ERR_BODY_TOO_LARGE');

      const unknownQuestion = await register(
        event.slug,
        person('q@example.org', { answers: { '6f1c1f5e-4a57-4a53-9a3e-0d2b8f0b9d11': 'x' } }),
      );
      assert.equal(unknownQuestion.json().error.code, 'ERR_ANSWER_INVALID');
      const nowhere = await register('no-such-event', person('a@example.org'));
      assert.equal(nowhere.statusCode, 404);
      assert.equal(await registrationCount(), before);
    });

    it('refuses tampered and used links with a translated 404', async () => {
      for (const [method, url, payload] of [
        ['POST', '/api/public/registrations/confirm', { token: 'A'.repeat(43) }],
        ['GET', `/api/public/registrations/${'B'.repeat(43)}`, undefined],
        ['DELETE', `/api/public/registrations/${'C'.repeat(43)}`, undefined],
        ['GET', `/api/public/join/${'D'.repeat(43)}/calendar.ics`, undefined],
      ] as const) {
        const response = await inject(method, url, payload, { 'accept-language': 'de' });
        assert.equal(response.statusCode, 404, url);
        assert.equal(response.json().error.code, 'ERR_REGISTRATION_LINK_INVALID');
        assert.match(response.json().error.message, /ungültig oder abgelaufen/);
      }
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'used@example.org');
      const used = await inject('POST', '/api/public/registrations/confirm', {
        token: await linkToken(plenum, 'used@example.org', confirmLink),
      });
      assert.equal(used.statusCode, 404);
    });

    it('puts registrants beyond capacity on the waiting list and moves them up when someone cancels', async () => {
      const event = await createEvent({ capacity: 1 });
      assert.equal(await registerAndConfirm(event.slug, 'first@example.org'), 'confirmed');
      assert.equal(await registerAndConfirm(event.slug, 'second@example.org'), 'waitlisted');
      assert.match((await mailsTo(plenum, 'second@example.org')).at(-1)!.subject, /Warteliste/);

      const manage = await linkToken(plenum, 'first@example.org', manageLink);
      const own = await inject('GET', `/api/public/registrations/${manage}`);
      assert.equal(own.json().registration.email, 'first@example.org');
      const corrected = await inject('POST', `/api/public/registrations/${manage}`, {
        firstName: 'Erna',
        lastName: 'Muster',
        company: 'Neu GmbH',
        answers: {},
      });
      assert.equal(corrected.statusCode, 204, corrected.body);
      assert.equal((await inject('GET', `/api/public/registrations/${manage}`)).json().registration.firstName, 'Erna');

      assert.equal((await inject('DELETE', `/api/public/registrations/${manage}`)).statusCode, 204);
      assert.equal((await inject('GET', `/api/public/registrations/${manage}`)).statusCode, 404);
      const list = (await inject('GET', `/api/events/${event.id}/registrations`, undefined, { cookie: admin })).json();
      assert.deepEqual(
        list.registrations.map((r: { email: string; state: string }) => [r.email, r.state]),
        [['second@example.org', 'confirmed']],
      );
      assert.ok(await linkToken(plenum, 'second@example.org', joinLink));
    });

    it('lets the host approve or deny when approval is manual', async () => {
      const event = await createEvent({ approvalMode: 'manual' });
      assert.equal(await registerAndConfirm(event.slug, 'ann@example.org'), 'pending');
      assert.equal(await registerAndConfirm(event.slug, 'bob@example.org'), 'pending');
      const pending = (await inject('GET', `/api/events/${event.id}/registrations?state=pending`, undefined, { cookie: admin })).json()
        .registrations;
      const ann = pending.find((r: { email: string }) => r.email === 'ann@example.org');
      const bob = pending.find((r: { email: string }) => r.email === 'bob@example.org');
      const approved = await inject('POST', `/api/events/${event.id}/registrations/${ann.id}/approve`, undefined, { cookie: admin });
      assert.equal(approved.json().state, 'confirmed');
      assert.ok(await linkToken(plenum, 'ann@example.org', joinLink));
      assert.equal(
        (await inject('POST', `/api/events/${event.id}/registrations/${bob.id}/deny`, undefined, { cookie: admin })).statusCode,
        204,
      );
      assert.match((await mailsTo(plenum, 'bob@example.org')).at(-1)!.body_text, /nicht angenommen/);
      assert.equal(
        (await inject('GET', `/api/events/${event.id}/registrations`, undefined, { cookie: admin })).json().registrations.length,
        1,
      );
      const again = await inject('POST', `/api/events/${event.id}/registrations/${ann.id}/approve`, undefined, { cookie: admin });
      assert.equal(again.json().error.code, 'ERR_REGISTRATION_STATE');
    });

    it('cancels an event: registrants are told and registration closes', async () => {
      const event = await createEvent();
      await registerAndConfirm(event.slug, 'told@example.org');
      const cancelled = await inject('POST', `/api/events/${event.id}/cancel`, undefined, { cookie: admin });
      assert.equal(cancelled.json().status, 'cancelled');
      assert.match((await mailsTo(plenum, 'told@example.org')).at(-1)!.subject, /Abgesagt/);
      const late = await register(event.slug, person('late@example.org'));
      assert.equal(late.json().error.code, 'ERR_EVENT_CANCELLED');
      const row = await plenum.store.db
        .selectFrom('registrations')
        .selectAll()
        .where('email', '=', 'told@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(row.join_token_hash, null);
    });

    it('validates events and keeps hosts to their own', async () => {
      const bad = await inject('POST', '/api/events', buildEvent({ endsAt: new Date(Date.now() + 86_400_000).toISOString() }), {
        cookie: admin,
      });
      assert.equal(bad.json().error.code, 'ERR_EVENT_TIMES');
      const zone = await inject('POST', '/api/events', buildEvent({ timeZone: 'Mars/Olympus' }), { cookie: admin });
      assert.equal(zone.json().error.code, 'ERR_TIME_ZONE_INVALID');
      const unauthenticated = await inject('POST', '/api/events', buildEvent());
      assert.equal(unauthenticated.statusCode, 401);
    });

    it('limits submissions per client address and per email address from that client', async () => {
      const event = await createEvent();
      const url = `/api/public/events/${event.slug}/registrations`;
      const fromOneAddress = () =>
        plenum.app.inject({ method: 'POST', url, payload: { captcha: 'x', ...person('limit@example.org') }, remoteAddress: '10.9.9.9' });
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await fromOneAddress()).statusCode);
      assert.deepEqual(statuses.slice(0, 5), [400, 400, 400, 400, 400]);
      assert.equal(statuses.at(-1), 429);
      // The address limited is the one that sent them: the person with that email address, elsewhere, still registers.
      const elsewhere = await inject('POST', url, { captcha: 'x', ...person('limit@example.org') }, { 'accept-language': 'de' });
      assert.equal(elsewhere.json().error.code, 'ERR_CAPTCHA_INVALID');
    });

    it('asks only the optional fields the host chose: one not asked is refused, first name, last name and email stay required', async () => {
      const event = await createEvent({ optionalFields: { company: 'optional', industry: 'off', phone: 'off' } });
      const page = (await inject('GET', `/api/public/events/${event.slug}`)).json();
      assert.deepEqual(page.optionalFields, { company: 'optional', industry: 'off', phone: 'off' });
      const refused = await register(event.slug, person('fields@example.org', { phone: '030 1234567' }), { 'accept-language': 'en' });
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.code, 'ERR_FIELD_NOT_ASKED');
      assert.match(refused.json().error.message, /does not ask/);
      const missingLastName = await register(event.slug, { firstName: 'Erika', email: 'fields@example.org' });
      assert.equal(missingLastName.statusCode, 400);
      const accepted = await register(event.slug, person('fields@example.org', { company: 'ACME' }));
      assert.equal(accepted.statusCode, 202, accepted.body);

      // The host stops asking for the company: the registrant may keep or clear what they gave, not change it.
      const token = await linkToken(plenum, 'fields@example.org', confirmLink);
      assert.equal((await inject('POST', '/api/public/registrations/confirm', { token })).statusCode, 200);
      const manage = await linkToken(plenum, 'fields@example.org', manageLink);
      const off = await inject(
        'POST',
        `/api/events/${event.id}`,
        buildEvent({ optionalFields: { company: 'off', industry: 'off', phone: 'off' } }),
        { cookie: admin },
      );
      assert.equal(off.statusCode, 200, off.body);
      const correction = { firstName: 'Erika', lastName: 'Muster' };
      assert.equal((await inject('POST', `/api/public/registrations/${manage}`, { ...correction, company: 'Other' })).statusCode, 400);
      assert.equal((await inject('POST', `/api/public/registrations/${manage}`, { ...correction, company: 'ACME' })).statusCode, 204);
      assert.equal((await inject('POST', `/api/public/registrations/${manage}`, correction)).statusCode, 204);
      const stored = await plenum.store.db
        .selectFrom('registrations')
        .selectAll()
        .where('email', '=', 'fields@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(stored.company, null);
      assert.equal(stored.last_name, 'Muster');
    });

    it('lists registrants with the date of the notice version they were shown, and the event with its room to start', async () => {
      const event = await createEvent();
      assert.equal(await registerAndConfirm(event.slug, 'dated@example.org'), 'confirmed');
      const listed = (await inject('GET', `/api/events/${event.id}/registrations`, undefined, { cookie: admin })).json();
      const [registration] = listed.registrations;
      const version = await plenum.store.db
        .selectFrom('notice_versions')
        .selectAll()
        .where('version', '=', registration.noticeVersion)
        .executeTakeFirstOrThrow();
      assert.equal(registration.noticeDate, version.created_at);

      const hosted = (await inject('GET', `/api/events/${event.id}`, undefined, { cookie: admin })).json();
      const start = await inject('POST', `/api/meetings/${hosted.meetingId}/host-join`, undefined, { cookie: admin });
      assert.equal(start.statusCode, 200, start.body);
      assert.ok(start.json().joinToken);
    });

    it('describes the public registration and the hosts’ API in the OpenAPI document', async () => {
      const document = (await inject('GET', '/api/openapi.json')).json();
      for (const path of [
        '/api/events',
        '/api/events/{eventId}/registrations.csv',
        '/api/public/events/{slug}/registrations',
        '/api/public/captcha',
        '/api/public/registrations/confirm',
      ]) {
        assert.ok(document.paths[path], path);
      }
    });
  });
}
