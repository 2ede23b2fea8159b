import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { injectFromFreshClients } from '../testing/inject.js';
import { createReminders, type Reminders } from './reminders.js';
import { createSeats } from './seats.js';
import { createEventsSubjectData } from './subject-data.js';
import { buildEvent, confirmLink, joinLink, linkToken, mailsTo, manageLink, solvedCaptcha } from './testing.js';

const minute = 60_000;

for (const dialect of dialects) {
  describe(`reminder and rescheduling mails on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    let reminders: Reminders;
    const inject = injectFromFreshClients(() => plenum.app);

    before(async () => {
      plenum = await startTestPlenum(dialect);
      admin = await setUpAdmin(plenum);
      // The scheduled job's own service, driven here with the clock a test needs.
      reminders = createReminders(plenum.store, plenum.mail, createSeats(plenum.mail, new URL('http://127.0.0.1:8080/')));
    });
    after(() => plenum.dispose());

    async function createEvent(startsAt: Date, overrides: Record<string, unknown> = {}) {
      const body = buildEvent({
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 60 * minute).toISOString(),
        ...overrides,
      });
      const response = await inject('POST', '/api/events', body, { cookie: admin });
      assert.equal(response.statusCode, 201, response.body);
      return { ...response.json<{ id: string; slug: string; reminders: number[] }>(), body };
    }

    async function register(slug: string, email: string, confirm = true) {
      const body = { firstName: 'Erika', lastName: 'Mustermann', email, language: 'de', captcha: await solvedCaptcha(plenum) };
      assert.equal((await inject('POST', `/api/public/events/${slug}/registrations`, body)).statusCode, 202);
      if (!confirm) return;
      const confirmed = await inject('POST', '/api/public/registrations/confirm', { token: await linkToken(plenum, email, confirmLink) });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
    }

    const subjectsTo = async (email: string) => (await mailsTo(plenum, email)).map((m) => m.subject);
    const calendarStatus = async (token: string) => (await inject('GET', `/api/public/join/${token}/calendar.ics`)).statusCode;

    it('reminds each registrant with a seat once per reminder (24 h and 1 h by default), nobody else', async () => {
      const start = new Date(Date.now() + 3 * 86_400_000);
      const event = await createEvent(start, { title: 'Erinnerungstest' });
      assert.deepEqual(event.reminders, [60, 1440]);
      await register(event.slug, 'seat@example.org');
      await register(event.slug, 'cancelled@example.org');
      await register(event.slug, 'unconfirmed@example.org', false);
      const cancel = await inject('DELETE', `/api/public/registrations/${await linkToken(plenum, 'cancelled@example.org', manageLink)}`);
      assert.equal(cancel.statusCode, 204, cancel.body);
      const seatLink = await linkToken(plenum, 'seat@example.org', joinLink);

      const dayBefore = new Date(start.getTime() - 1439 * minute);
      // Two instances (or a run overlapping the next) at the same moment: still one mail.
      const [first, second] = await Promise.all([reminders.sendDue(dayBefore), reminders.sendDue(dayBefore)]);
      assert.equal(first + second, 1);
      assert.equal(await reminders.sendDue(dayBefore), 0);
      assert.equal(await reminders.sendDue(new Date(start.getTime() - 59 * minute)), 1);
      assert.equal(await reminders.sendDue(new Date(start.getTime() - 30 * minute)), 0);

      const toSeat = await subjectsTo('seat@example.org');
      assert.deepEqual(
        toSeat.filter((s) => s.startsWith('Erinnerung')),
        ['Erinnerung: „Erinnerungstest“ beginnt in 24 Stunden', 'Erinnerung: „Erinnerungstest“ beginnt in 1 Stunde'],
      );
      assert.ok(!(await subjectsTo('cancelled@example.org')).some((s) => s.startsWith('Erinnerung')));
      assert.ok(!(await subjectsTo('unconfirmed@example.org')).some((s) => s.startsWith('Erinnerung')));

      // The reminder's join link works, and so does the seat mail's (it is in calendar entries).
      const reminderLink = await linkToken(plenum, 'seat@example.org', joinLink);
      // Both self-service links open the registration: the seat mail's and the reminder's.
      const manageLinks = (await mailsTo(plenum, 'seat@example.org')).flatMap((m) =>
        [...m.body_text.matchAll(/\/registration#([\w-]+)/g)].map((x) => x[1]!),
      );
      assert.equal(new Set(manageLinks).size, 3, 'seat mail, 24-hour and 1-hour reminder');
      for (const token of manageLinks) assert.equal((await inject('GET', `/api/public/registrations/${token}`)).statusCode, 200);
      assert.notEqual(reminderLink, seatLink);
      assert.equal(await calendarStatus(reminderLink), 200);
      assert.equal(await calendarStatus(seatLink), 200);
      const reminder = (await mailsTo(plenum, 'seat@example.org')).at(-1)!;
      assert.match(reminder.body_text, /\/registration#[\w-]+/, 'the reminder carries the cancel link');
      assert.match(reminder.body_text, /calendar\.ics/);

      // The host revokes the seat's link: every link of that registrant stops.
      const [registration] = await plenum.store.db
        .selectFrom('registrations')
        .select('id')
        .where('email', '=', 'seat@example.org')
        .execute();
      const revoke = await inject(
        'POST',
        `/api/events/${event.id}/registrations/${registration!.id}/join-link`,
        { action: 'revoke' },
        { cookie: admin },
      );
      assert.equal(revoke.statusCode, 204, revoke.body);
      assert.notEqual(await calendarStatus(reminderLink), 200);
      assert.notEqual(await calendarStatus(seatLink), 200);
    });

    it('erases the further links with the registration: a reminder’s self-service and join links open nothing after erasure', async () => {
      const start = new Date(Date.now() + 3 * 86_400_000);
      const event = await createEvent(start, { title: 'Löschtest' });
      await register(event.slug, 'erased@example.org');
      assert.equal(await reminders.sendDue(new Date(start.getTime() - 59 * minute)), 1);
      const manageTokens = (await mailsTo(plenum, 'erased@example.org')).flatMap((m) =>
        [...m.body_text.matchAll(/\/registration#([\w-]+)/g)].map((x) => x[1]!),
      );
      assert.equal(manageTokens.length, 2, 'the seat mail’s link and the reminder’s');
      const reminderJoin = await linkToken(plenum, 'erased@example.org', joinLink);
      assert.equal(await calendarStatus(reminderJoin), 200);
      const [registration] = await plenum.store.db
        .selectFrom('registrations')
        .select('id')
        .where('email', '=', 'erased@example.org')
        .execute();
      const furtherOf = () =>
        plenum.store.db.selectFrom('further_links').select('kind').where('registration_id', '=', registration!.id).execute();
      assert.equal((await furtherOf()).length, 2);

      await plenum.store.transaction((tx) =>
        createEventsSubjectData().erase({ email: 'erased@example.org', phones: [], registrationIds: [] }, () => false, tx),
      );
      assert.deepEqual(await furtherOf(), [], 'no further link is left of the erased registration');
      for (const token of manageTokens) assert.equal((await inject('GET', `/api/public/registrations/${token}`)).statusCode, 404);
      assert.equal(await calendarStatus(reminderJoin), 404);
      assert.equal((await inject('POST', '/api/join/link', { token: reminderJoin })).statusCode, 404);
    });

    it('after an outage sends only the nearest reminder due, and none to a seat given after its time', async () => {
      const start = new Date(Date.now() + 3 * 86_400_000);
      const event = await createEvent(start, { title: 'Nach dem Ausfall', reminders: [15, 1440] });
      assert.deepEqual(event.reminders, [15, 1440]);
      await register(event.slug, 'outage@example.org');
      assert.equal(await reminders.sendDue(new Date(start.getTime() - 10 * minute)), 1);
      assert.deepEqual(
        (await subjectsTo('outage@example.org')).filter((s) => s.startsWith('Erinnerung')),
        ['Erinnerung: „Nach dem Ausfall“ beginnt in 10 Minuten'],
      );
      assert.equal(await reminders.sendDue(new Date(start.getTime() - 5 * minute)), 0);

      const soon = await createEvent(new Date(Date.now() + 45 * minute), { title: 'Gleich' });
      await register(soon.slug, 'late@example.org');
      assert.equal(await reminders.sendDue(new Date()), 0, 'the seat mail came minutes ago; no 1-hour reminder on top');
    });

    it('tells registrants with a seat the new time, and reminds them for the new time', async () => {
      const start = new Date(Date.now() + 3 * 86_400_000);
      const event = await createEvent(start, { title: 'Verlegt' });
      await register(event.slug, 'moved@example.org');
      await register(event.slug, 'moved-unconfirmed@example.org', false);
      const later = new Date(start.getTime() + 86_400_000);
      const update = await inject(
        'POST',
        `/api/events/${event.id}`,
        { ...event.body, startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 60 * minute).toISOString() },
        { cookie: admin },
      );
      assert.equal(update.statusCode, 200, update.body);
      const mail = (await mailsTo(plenum, 'moved@example.org')).at(-1)!;
      assert.equal(mail.subject, 'Neuer Termin: Verlegt');
      assert.match(mail.body_text, /Neuer Termin: .*\(Europe\/Berlin, UTC[+\u2212]\d+\)/);
      assert.equal(await calendarStatus(await linkToken(plenum, 'moved@example.org', joinLink)), 200);
      assert.ok(!(await subjectsTo('moved-unconfirmed@example.org')).includes('Neuer Termin: Verlegt'));

      // The old time's reminders are not the new time's.
      assert.equal(await reminders.sendDue(new Date(start.getTime() - 59 * minute)), 0);
      assert.equal(await reminders.sendDue(new Date(later.getTime() - 59 * minute)), 1);
    });

    it('refuses reminder times outside 5 minutes to 7 days, in the caller’s language', async () => {
      const response = await inject('POST', '/api/events', buildEvent({ reminders: [2] }), { cookie: admin, 'accept-language': 'de' });
      assert.equal(response.statusCode, 400);
      const { error } = response.json<{ error: { code: string; details: { field: string; message: string }[] } }>();
      assert.equal(error.code, 'ERR_VALIDATION');
      assert.deepEqual(error.details, [{ field: 'body.reminders.0', message: 'Zu klein: erwartet, dass number >=5 ist' }]);
    });
  });
}
