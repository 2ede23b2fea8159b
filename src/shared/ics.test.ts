import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { calendarFile, escapeText } from './ics.js';

describe('calendar file', () => {
  it('escapes backslash, semicolon, comma and every kind of line break in TEXT values (RFC 5545 3.3.11)', () => {
    assert.equal(escapeText('a\\b;c,d'), 'a\\\\b\\;c\\,d');
    assert.equal(escapeText('one\r\ntwo\nthree\rfour'), 'one\\ntwo\\nthree\\nfour');
    assert.equal(escapeText('bell\u0007 and\ttab'), 'bell and\ttab');
  });

  it('cannot be given an extra property through a bare carriage return in a title', () => {
    const file = calendarFile({
      uid: 'u1@plenum',
      title: 'Webinar\rATTENDEE:mailto:attacker@example.org',
      description: 'Line one\rORGANIZER:mailto:x@example.org',
      startsAt: '2026-12-07T10:00:00.000Z',
      endsAt: '2026-12-07T11:00:00.000Z',
      url: 'https://plenum.example/j/abc',
      cancelled: false,
    });
    const unfolded = file.replace(/\r\n /g, '');
    // Every line end is CRLF; no CR stands alone, so no calendar can split a line there.
    assert.equal(unfolded.replace(/\r\n/g, '').includes('\r'), false);
    const lines = unfolded.split('\r\n');
    assert.ok(lines.includes('SUMMARY:Webinar\\nATTENDEE:mailto:attacker@example.org'));
    assert.equal(
      lines.some((line) => line.startsWith('ATTENDEE') || line.startsWith('ORGANIZER')),
      false,
    );
  });
});

/** What a calendar client makes of a file: ical.js (the parser behind Thunderbird's calendar) reads it back. */
describe('calendar file as a calendar reads it', () => {
  function firstEvent(file: string): { start: ICAL.Time; end: ICAL.Time; event: ICAL.Event } {
    const calendar = new ICAL.Component(ICAL.parse(file));
    // The file's own VTIMEZONE defines the zone; nothing comes from a zone database of the parser's.
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    return { start: event.startDate, end: event.endDate, event };
  }

  const base = {
    uid: 'u2@plenum',
    title: 'Product launch',
    description: '',
    url: 'https://plenum.example/j/abc',
    cancelled: false,
  };

  it('gives the instant of an event in UTC, marked with Z', () => {
    const { start, end } = firstEvent(calendarFile({ ...base, startsAt: '2026-12-07T15:00:00.000Z', endsAt: '2026-12-07T16:30:00.000Z' }));
    assert.equal(start.zone, ICAL.Timezone.utcTimezone);
    assert.equal(start.toJSDate().toISOString(), '2026-12-07T15:00:00.000Z');
    assert.equal(end.toJSDate().toISOString(), '2026-12-07T16:30:00.000Z');
  });

  it('gives the instant of an event in its zone, in winter and in summer, from the file’s VTIMEZONE', () => {
    for (const startsAt of ['2026-12-07T15:00:00.000Z', '2026-07-07T14:00:00.000Z']) {
      const { start } = firstEvent(
        calendarFile({ ...base, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), timeZone: 'America/New_York' }),
      );
      assert.equal(start.zone?.tzid, 'America/New_York');
      assert.equal(`${start.hour}:${start.minute}`, '10:0', 'ten o’clock in New York');
      assert.equal(start.toJSDate().toISOString(), startsAt);
    }
  });

  it('keeps a weekly meeting at its local time across the change to summer time', () => {
    const { event } = firstEvent(
      calendarFile({
        ...base,
        startsAt: '2027-03-01T15:00:00.000Z', // Monday 10:00 in New York (EST, UTC−5)
        endsAt: '2027-03-01T16:00:00.000Z',
        timeZone: 'America/New_York',
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
      }),
    );
    const occurrences = event.iterator();
    const instants = Array.from({ length: 3 }, () => occurrences.next()!.toJSDate().toISOString());
    // New York moves to summer time on 14 March 2027: the third Monday is still 10:00 there, 14:00 UTC.
    assert.deepEqual(instants, ['2027-03-01T15:00:00.000Z', '2027-03-08T15:00:00.000Z', '2027-03-15T14:00:00.000Z']);
  });
});
