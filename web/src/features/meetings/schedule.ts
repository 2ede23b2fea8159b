import { dateLocale } from '../../ui/format';
import type { MeetingSchedule } from './api';

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

let zones: { value: string; label: string }[] | undefined;

/** Every IANA zone the browser knows, labelled with its current offset: "Europe/Berlin (GMT+1)". */
export function timeZoneOptions(): { value: string; label: string }[] {
  if (!zones) {
    const now = new Date();
    const names = new Set([...Intl.supportedValuesOf('timeZone'), browserZone(), 'UTC']);
    zones = [...names].sort().map((zone) => {
      const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
        .formatToParts(now)
        .find((p) => p.type === 'timeZoneName')?.value;
      return { value: zone, label: `${zone.replaceAll('_', ' ')} (${offset ?? 'GMT'})` };
    });
  }
  return zones;
}

/**
 * A start in the viewer's own time ("Monday, 7 December 2026 at 10:00"), and, when the meeting
 * was planned in another zone, the time there ("09:00 in Europe/London").
 */
export function formatStart(iso: string, zone: string): { local: string; inZone?: { time: string; zone: string } } {
  const instant = new Date(iso);
  const local = new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'full', timeStyle: 'short' }).format(instant);
  if (zone === browserZone()) return { local };
  const time = new Intl.DateTimeFormat(dateLocale(), { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(
    instant,
  );
  return { local, inZone: { time, zone: zone.replaceAll('_', ' ') } };
}

/** The weekday and day of month of the first start, where the host planned it (the recurrence follows them there). */
export function recurrenceAnchor(schedule: MeetingSchedule): { weekday: string; day: number } {
  const [date = ''] = schedule.localStart.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Intl.DateTimeFormat(dateLocale(), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
  return { weekday, day };
}
