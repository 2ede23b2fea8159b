import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
