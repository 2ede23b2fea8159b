import type { MeetingRecurrence } from '../store/schema.js';
import { instantOf, wallTimeAt, type WallTime } from '../shared/time-zones.js';

/**
 * The occurrences of a weekly or monthly meeting. Recurrences keep the local time of the first
 * start (10:00 in Berlin stays 10:00 across daylight saving), as RFC 5545 does for DTSTART;TZID
 * with an RRULE; a monthly meeting on the 31st skips months without one, as RFC 5545 does.
 */

export interface MeetingSchedule {
  /** First start, UTC ISO-8601. */
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  recurrence: MeetingRecurrence | null;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The start of occurrence `index` (0 = the first), or undefined for a monthly date the month lacks. */
function occurrence(first: WallTime, recurrence: MeetingRecurrence, index: number, zone: string): number | undefined {
  if (recurrence === 'weekly') {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + 7 * index));
    return instantOf({ ...first, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, zone);
  }
  const months = first.month - 1 + index;
  const year = first.year + Math.floor(months / 12);
  const month = (months % 12) + 1;
  if (first.day > daysInMonth(year, month)) return undefined;
  return instantOf({ ...first, year, month }, zone);
}

/**
 * The start of the first occurrence that has not ended by `now` (the running one, else the
 * next), or null when a one-off meeting is over.
 */
export function nextStart(schedule: MeetingSchedule, now: number): string | null {
  const firstMs = Date.parse(schedule.startsAt);
  const length = schedule.durationMinutes * 60_000;
  if (firstMs + length > now) return schedule.startsAt;
  if (!schedule.recurrence) return null;
  const first = wallTimeAt(firstMs, schedule.timeZone);
  // Start a little before the estimate; daylight saving moves an occurrence by an hour at most.
  const period = schedule.recurrence === 'weekly' ? 7 * 86_400_000 : 28 * 86_400_000;
  for (let index = Math.max(0, Math.floor((now - firstMs) / period) - 2); ; index++) {
    const start = occurrence(first, schedule.recurrence, index, schedule.timeZone);
    if (start !== undefined && start + length > now) return new Date(start).toISOString();
  }
}

/** The RRULE value for a recurrence, anchored on the first start's local weekday or day of month. */
export function recurrenceRule(schedule: MeetingSchedule): string | undefined {
  if (!schedule.recurrence) return undefined;
  const first = wallTimeAt(Date.parse(schedule.startsAt), schedule.timeZone);
  if (schedule.recurrence === 'monthly') return `FREQ=MONTHLY;BYMONTHDAY=${first.day}`;
  const weekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(Date.UTC(first.year, first.month - 1, first.day)).getUTCDay()];
  return `FREQ=WEEKLY;BYDAY=${weekday}`;
}
