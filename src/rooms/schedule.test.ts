import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantOf } from '../shared/time-zones.js';
import { nextStart, recurrenceRule } from './schedule.js';

const berlin = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

describe('meeting schedules', () => {
  it('keeps a weekly meeting at its local time across the change to summer time', () => {
    const weekly = { startsAt: '2026-03-23T09:00:00.000Z', timeZone: 'Europe/Berlin', durationMinutes: 60, recurrence: 'weekly' as const };
    // After the first meeting ended, the next is on 30 March, 10:00 summer time = 08:00 UTC.
    assert.equal(nextStart(weekly, Date.parse('2026-03-23T10:30:00Z')), '2026-03-30T08:00:00.000Z');
    assert.equal(berlin(nextStart(weekly, Date.parse('2026-07-01T00:00:00Z'))!), '06/07/2026, 10:00');
    // While an occurrence runs, it is the one shown.
    assert.equal(nextStart(weekly, Date.parse('2026-03-30T08:30:00Z')), '2026-03-30T08:00:00.000Z');
    assert.equal(recurrenceRule(weekly), 'FREQ=WEEKLY;BYDAY=MO');
  });

  it('skips months without the day of a monthly meeting, as RFC 5545 does', () => {
    const monthly = {
      startsAt: '2027-01-31T17:00:00.000Z',
      timeZone: 'Europe/Berlin',
      durationMinutes: 30,
      recurrence: 'monthly' as const,
    };
    assert.equal(berlin(nextStart(monthly, Date.parse('2027-02-01T00:00:00Z'))!), '31/03/2027, 18:00');
    assert.equal(recurrenceRule(monthly), 'FREQ=MONTHLY;BYMONTHDAY=31');
  });

  it('has no next occurrence once a one-off meeting is over', () => {
    const once = { startsAt: '2026-01-05T09:00:00.000Z', timeZone: 'Europe/Berlin', durationMinutes: 60, recurrence: null };
    assert.equal(nextStart(once, Date.parse('2026-01-05T09:59:00Z')), '2026-01-05T09:00:00.000Z');
    assert.equal(nextStart(once, Date.parse('2026-01-05T10:01:00Z')), null);
    assert.equal(recurrenceRule(once), undefined);
  });

  it('reads a local time the clocks skip with the offset before the change, and a repeated one as its first', () => {
    assert.equal(
      new Date(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toISOString(),
      '2026-03-29T01:30:00.000Z',
    );
    assert.equal(
      new Date(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toISOString(),
      '2026-10-25T00:30:00.000Z',
    );
    assert.equal(
      new Date(instantOf({ year: 2026, month: 12, day: 7, hour: 10, minute: 0 }, 'Asia/Kolkata')).toISOString(),
      '2026-12-07T04:30:00.000Z',
    );
  });
});
