import type { EventRow } from './repo.js';

/** New events remind 24 hours and 1 hour before the start. */
export const defaultReminderMinutes = '1440,60';

/** The longest reminder a host may set: a week before the start. */
export const longestReminderMinutes = 7 * 24 * 60;

/** An event's reminder times in minutes before its start, nearest first. */
export function reminderMinutesOf(event: Pick<EventRow, 'reminder_minutes'>): number[] {
  return event.reminder_minutes
    .split(',')
    .filter(Boolean)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The reminders whose time has come and whose event has not begun, nearest first. */
export function dueReminderMinutes(event: Pick<EventRow, 'reminder_minutes' | 'starts_at'>, now: Date): number[] {
  const starts = Date.parse(event.starts_at);
  if (now.getTime() >= starts) return [];
  return reminderMinutesOf(event).filter((minutes) => starts - minutes * 60_000 <= now.getTime());
}
