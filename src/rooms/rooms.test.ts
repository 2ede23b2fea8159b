import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { buildEvent, solvedCaptcha } from '../events/testing.js';
import { dialects } from '../testing/stores.js';

for (const dialect of dialects) {
  describe(`meetings on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    let meeting: { id: string; meetingNumber: string; passcode: string; joinUrl: string };
    let reused: typeof meeting;

    before(async () => {
      plenum = await startTestPlenum(dialect);
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    const post = (url: string, payload: unknown, headers: Record<string, string> = {}, remoteAddress?: string) =>
      plenum.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers, remoteAddress });
    const update = (url: string, payload: unknown) =>
      plenum.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: { cookie: admin } });
    const get = async (url: string) => (await plenum.app.inject({ method: 'GET', url, headers: { cookie: admin } })).json();

    it('creates a meeting with a random meeting ID and passcode', async () => {
      const response = await post('/api/meetings', { title: 'Quarterly review' }, { cookie: admin });
      assert.equal(response.statusCode, 201);
      meeting = response.json();
      assert.match(meeting.meetingNumber, /^\d{3} \d{4} \d{4}$/);
      assert.match(meeting.passcode, /[a-z]/);
      assert.ok(meeting.joinUrl.endsWith(`/join?meeting=${meeting.meetingNumber.replaceAll(' ', '')}`));
      const list = (await plenum.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie: admin } })).json();
      assert.deepEqual(
        list.meetings.map((m: { id: string }) => m.id),
        [meeting.id],
      );
    });

    it('refuses an unknown meeting and a wrong passcode alike', async () => {
      const unknown = await post('/api/join', { meetingNumber: '999 9999 9999', passcode: meeting.passcode, displayName: 'Eve' });
      const wrong = await post('/api/join', { meetingNumber: meeting.meetingNumber, passcode: 'wrong123', displayName: 'Eve' });
      assert.equal(unknown.statusCode, 403);
      assert.deepEqual(unknown.json(), wrong.json());
      assert.equal(wrong.json().error.code, 'ERR_JOIN_REFUSED');
    });

    it('lets a participant in with the passcode, typed with spaces or dashes', async () => {
      const response = await post('/api/join', {
        meetingNumber: meeting.meetingNumber.replaceAll(' ', '-'),
        passcode: ` ${meeting.passcode.toUpperCase()} `,
        displayName: 'Paula',
      });
      assert.equal(response.statusCode, 200);
      assert.match(response.json().joinToken, /^[\w-]{43}$/);
      assert.equal(response.json().title, 'Quarterly review');
    });

    it('counts only wrong passcodes: a 30-person burst gets in, a guesser is refused alone, and the meeting then asks for a captcha but admits the right passcode with it', async () => {
      const target = (await post('/api/meetings', { title: 'All hands', lobby: 'off' }, { cookie: admin })).json<typeof meeting>();
      const join = (payload: Record<string, unknown>, remoteAddress: string) =>
        plenum.app.inject({
          method: 'POST',
          url: '/api/join',
          payload: { meetingNumber: target.meetingNumber, displayName: 'Someone', ...payload },
          remoteAddress,
          headers: { 'accept-language': 'de' },
        });

      // Thirty people behind one office address, all at once, with the right passcode.
      const burst = await Promise.all(Array.from({ length: 30 }, () => join({ passcode: target.passcode }, '10.3.0.1')));
      assert.deepEqual([...new Set(burst.map((r) => r.statusCode))], [200]);

      // Wrong passcodes from two addresses: each address is refused after its 10th, nobody else is.
      const guesses: number[] = [];
      for (let i = 0; i < 22; i++) guesses.push((await join({ passcode: `guess${i}x` }, `10.1.0.${i < 11 ? 1 : 2}`)).statusCode);
      assert.deepEqual(guesses, [...Array(10).fill(403), 429, ...Array(10).fill(403), 429]);

      // Twenty failures for the meeting: the right passcode from elsewhere is asked for a captcha, not refused.
      const asked = await join({ passcode: target.passcode }, '10.4.0.1');
      assert.equal(asked.statusCode, 403);
      assert.equal(asked.json().error.code, 'ERR_CAPTCHA_REQUIRED');
      assert.match(asked.json().error.message, /Anti-Spam-Prüfung/);
      const captcha = await solvedCaptcha(plenum);
      assert.equal((await join({ passcode: target.passcode, captcha }, '10.4.0.1')).statusCode, 200);
      assert.equal(
        (await join({ passcode: target.passcode, captcha }, '10.4.0.2')).json().error.code,
        'ERR_CAPTCHA_INVALID',
        'a solution counts once',
      );
      const wrongWithCaptcha = await join({ passcode: 'guess99x', captcha: await solvedCaptcha(plenum) }, '10.4.0.3');
      assert.equal(wrongWithCaptcha.json().error.code, 'ERR_JOIN_REFUSED', 'a captcha does not make a wrong passcode right');
      // Other meetings are not affected.
      assert.equal((await join({ meetingNumber: meeting.meetingNumber, passcode: meeting.passcode }, '10.4.0.4')).statusCode, 200);
    });

    it('counts wrong passcodes from an IPv6 client by its /64, so new addresses of the same network do not escape the limit', async () => {
      const target = (await post('/api/meetings', { title: 'IPv6 guessing', lobby: 'off' }, { cookie: admin })).json<typeof meeting>();
      const guesses: number[] = [];
      for (let i = 1; i <= 11; i++) {
        const response = await post(
          '/api/join',
          { meetingNumber: target.meetingNumber, passcode: `guess${i}x`, displayName: 'Someone' },
          {},
          `2001:db8:77:1::${i.toString(16)}`,
        );
        guesses.push(response.statusCode);
      }
      assert.deepEqual(guesses, [...Array(10).fill(403), 429]);
    });

    it('lets only the host start and end a meeting, then refuses everyone', async () => {
      const hostJoin = await post(`/api/meetings/${meeting.id}/host-join`, {}, { cookie: admin });
      assert.equal(hostJoin.statusCode, 200);
      assert.equal((await post(`/api/meetings/${meeting.id}/host-join`, {})).statusCode, 401);
      assert.equal((await post(`/api/meetings/${meeting.id}/end`, {}, { cookie: admin })).statusCode, 204);
      const other = await post('/api/meetings', { title: 'Other' }, { cookie: admin });
      const late = await plenum.app.inject({
        method: 'POST',
        url: '/api/join',
        payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: 'Late' },
        remoteAddress: '10.2.0.1',
      });
      assert.equal(late.statusCode, 410);
      assert.equal(other.statusCode, 201);
      const ended = (await plenum.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: { cookie: admin } })).json();
      assert.ok(ended.endedAt);
    });

    it('starts an ended meeting again with the same meeting ID and passcode', async () => {
      // A meeting of its own: the one above has ended.
      reused = (await post('/api/meetings', { title: 'Weekly' }, { cookie: admin })).json();
      const join = (displayName: string, address: string) =>
        post('/api/join', { meetingNumber: reused.meetingNumber, passcode: reused.passcode, displayName }, {}, address);
      assert.equal((await post(`/api/meetings/${reused.id}/host-join`, {}, { cookie: admin })).statusCode, 200);
      assert.equal((await post(`/api/meetings/${reused.id}/end`, {}, { cookie: admin })).statusCode, 204);
      const between = await join('Between', '10.2.1.1');
      assert.equal(between.statusCode, 410);
      assert.equal(between.json().error.code, 'ERR_MEETING_ENDED');
      const restarted = await post(`/api/meetings/${reused.id}/host-join`, {}, { cookie: admin });
      assert.equal(restarted.statusCode, 200, restarted.body);
      const again = await get(`/api/meetings/${reused.id}`);
      assert.equal(again.endedAt, null);
      assert.deepEqual([again.meetingNumber, again.passcode], [reused.meetingNumber, reused.passcode]);
      const joined = await join('Back again', '10.2.1.2');
      assert.equal(joined.statusCode, 200, joined.body);
    });

    it('gives a meeting a new meeting ID and passcode; the old ones stop letting anyone in', async () => {
      const rotated = await post(`/api/meetings/${reused.id}/access/rotate`, {}, { cookie: admin });
      assert.equal(rotated.statusCode, 200, rotated.body);
      const fresh = rotated.json();
      assert.notEqual(fresh.meetingNumber, reused.meetingNumber);
      assert.notEqual(fresh.passcode, reused.passcode);
      assert.deepEqual(await get(`/api/meetings/${reused.id}`), { ...fresh, live: false, participants: 0 });
      const old = await post(
        '/api/join',
        { meetingNumber: reused.meetingNumber, passcode: reused.passcode, displayName: 'Old link' },
        {},
        '10.2.2.1',
      );
      assert.equal(old.statusCode, 403);
      assert.equal(old.json().error.code, 'ERR_JOIN_REFUSED');
      const oldNumberNewCode = await post(
        '/api/join',
        { meetingNumber: reused.meetingNumber, passcode: fresh.passcode, displayName: 'Mixed' },
        {},
        '10.2.2.2',
      );
      assert.equal(oldNumberNewCode.statusCode, 403);
      const joined = await post(
        '/api/join',
        { meetingNumber: fresh.meetingNumber, passcode: fresh.passcode, displayName: 'New link' },
        {},
        '10.2.2.3',
      );
      assert.equal(joined.statusCode, 200, joined.body);
      assert.equal((await post(`/api/meetings/${reused.id}/access/rotate`, {})).statusCode, 401);

      const event = await post('/api/events', buildEvent(), { cookie: admin });
      const eventRoom = (await get('/api/meetings')).meetings.find((m: { eventId: string | null }) => m.eventId === event.json().id);
      const refused = await post(`/api/meetings/${eventRoom.id}/access/rotate`, {}, { cookie: admin });
      assert.equal(refused.json().error.code, 'ERR_MEETING_OF_EVENT', 'registrants hold an event room’s access data in their mails');
    });

    it('keeps a weekly schedule planned in a zone: local start, next occurrence at the same local time, calendar file with TZID and RRULE', async () => {
      // Monday 2 March 2026, 10:00 Berlin (winter time); later Mondays are in summer time and stay at 10:00.
      const schedule = { localStart: '2026-03-02T10:00', timeZone: 'Europe/Berlin', durationMinutes: 45, recurrence: 'weekly' };
      const created = await post('/api/meetings', { title: 'Jour fixe', schedule }, { cookie: admin });
      assert.equal(created.statusCode, 201, created.body);
      const read = await get(`/api/meetings/${created.json().id}`);
      assert.deepEqual(
        { ...read.schedule, nextStartsAt: undefined },
        {
          startsAt: '2026-03-02T09:00:00.000Z',
          localStart: '2026-03-02T10:00',
          timeZone: 'Europe/Berlin',
          durationMinutes: 45,
          recurrence: 'weekly',
          nextStartsAt: undefined,
        },
      );
      const next = Date.parse(read.schedule.nextStartsAt);
      assert.ok(next + 45 * 60_000 > Date.now() && next <= Date.now() + 7 * 86_400_000, read.schedule.nextStartsAt);
      const berlin = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }).format(next);
      assert.equal(berlin, 'Monday 10:00');

      const ics = await plenum.app.inject({
        method: 'GET',
        url: `/api/meetings/${read.id}/calendar.ics`,
        headers: { cookie: admin, 'accept-language': 'de' },
      });
      assert.equal(ics.statusCode, 200);
      assert.match(ics.headers['content-type'] as string, /^text\/calendar/);
      const lines = ics.body.replace(/\r\n /g, '').split('\r\n');
      assert.ok(lines.includes('DTSTART;TZID=Europe/Berlin:20260302T100000'), ics.body);
      assert.ok(lines.includes('DTEND;TZID=Europe/Berlin:20260302T104500'));
      assert.ok(lines.includes('RRULE:FREQ=WEEKLY;BYDAY=MO'));
      assert.ok(lines.includes('TZID:Europe/Berlin') && lines.includes('TZOFFSETTO:+0200'), 'the zone is described in a VTIMEZONE');
      assert.ok(ics.body.includes(read.joinUrl) && ics.body.includes('Im Browser teilnehmen'));
      assert.ok(!ics.body.includes(read.passcode), 'the passcode is not in the calendar file');
    });

    it('changes and removes a schedule; a monthly one has an RRULE on the day of the month', async () => {
      const created = (await post('/api/meetings', { title: 'Monthly' }, { cookie: admin })).json();
      assert.equal(created.schedule, null);
      const noDate = await plenum.app.inject({
        method: 'GET',
        url: `/api/meetings/${created.id}/calendar.ics`,
        headers: { cookie: admin },
      });
      assert.equal(noDate.json().error.code, 'ERR_MEETING_NOT_SCHEDULED');
      const schedule = { localStart: '2030-01-31T18:30', timeZone: 'America/New_York', durationMinutes: 90, recurrence: 'monthly' };
      const patched = await update(`/api/meetings/${created.id}`, { schedule });
      assert.equal(patched.statusCode, 200, patched.body);
      const read = await get(`/api/meetings/${created.id}`);
      assert.deepEqual(read.schedule, {
        startsAt: '2030-01-31T23:30:00.000Z',
        localStart: '2030-01-31T18:30',
        timeZone: 'America/New_York',
        durationMinutes: 90,
        recurrence: 'monthly',
        nextStartsAt: '2030-01-31T23:30:00.000Z',
      });
      const ics = (await plenum.app.inject({ method: 'GET', url: `/api/meetings/${created.id}/calendar.ics`, headers: { cookie: admin } }))
        .body;
      assert.match(ics, /\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31\r\n/);
      assert.match(ics, /\r\nDTSTART;TZID=America\/New_York:20300131T183000\r\n/);
      assert.equal((await update(`/api/meetings/${created.id}`, { schedule: null })).json().schedule, null);
      assert.equal((await get(`/api/meetings/${created.id}`)).schedule, null);
    });

    it('refuses an unknown zone, an impossible date and unknown fields, in German and English', async () => {
      const base = { localStart: '2026-12-07T10:00', timeZone: 'Europe/Berlin', durationMinutes: 60, recurrence: 'none' };
      const cases = [
        [{ ...base, timeZone: 'Mars/Olympus' }, 'ERR_TIME_ZONE_INVALID', /Unknown time zone/, /Unbekannte Zeitzone/],
        [{ ...base, localStart: '2026-02-30T10:00' }, 'ERR_SCHEDULE_START_INVALID', /not a valid date/, /kein gültiges Datum/],
      ] as const;
      for (const [schedule, code, en, de] of cases) {
        const english = await post('/api/meetings', { title: 'Bad', schedule }, { cookie: admin, 'accept-language': 'en' });
        const german = await post('/api/meetings', { title: 'Bad', schedule }, { cookie: admin, 'accept-language': 'de' });
        assert.equal(english.statusCode, 400);
        assert.equal(english.json().error.code, code);
        assert.match(english.json().error.message, en);
        assert.match(german.json().error.message, de);
      }
      for (const schedule of [
        { ...base, repeat: 'daily' },
        { ...base, recurrence: 'daily' },
        { ...base, durationMinutes: 0 },
        { ...base, localStart: '7.12.2026 10:00' },
      ]) {
        assert.equal(
          (await post('/api/meetings', { title: 'Bad', schedule }, { cookie: admin })).statusCode,
          400,
          JSON.stringify(schedule),
        );
      }
    });
  });
}
