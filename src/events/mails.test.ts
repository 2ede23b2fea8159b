import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatEventTime } from './mails.js';

describe('the time in registration mails', () => {
  const event = { title: 'Product launch', startsAt: '2026-12-07T15:00:00.000Z', endsAt: '2026-12-07T16:30:00.000Z' };

  it('is the event’s own time, with its zone and that zone’s offset, in the registrant’s language', () => {
    const newYork = { ...event, timeZone: 'America/New_York' };
    assert.equal(formatEventTime(newYork, 'en'), 'Monday, 7 December 2026, 10:00–11:30 (America/New_York, UTC−5)');
    assert.equal(formatEventTime(newYork, 'de'), 'Montag, 7. Dezember 2026, 10:00–11:30 (America/New_York, UTC−5)');
  });

  it('names half-hour offsets, summer time and UTC itself', () => {
    assert.match(formatEventTime({ ...event, timeZone: 'Asia/Kolkata' }, 'en'), /20:30–22:00 \(Asia\/Kolkata, UTC\+5:30\)$/);
    const summer = { startsAt: '2026-07-07T08:00:00.000Z', endsAt: '2026-07-07T09:00:00.000Z', title: 'x' };
    assert.match(formatEventTime({ ...summer, timeZone: 'Europe/Berlin' }, 'de'), /10:00–11:00 \(Europe\/Berlin, UTC\+2\)$/);
    assert.match(formatEventTime({ ...event, timeZone: 'UTC' }, 'en'), /15:00–16:30 \(UTC\)$/);
  });
});
