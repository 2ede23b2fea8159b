import { formatLocal, offsetMinutes, wallTimeAt } from './time-zones.js';

/**
 * One VEVENT as RFC 5545 text: CRLF line ends, TEXT values escaped (backslash, semicolon, comma,
 * line breaks) and lines folded at 75 octets. Times in UTC, or, with `timeZone`, as local times
 * with TZID and a VTIMEZONE for that zone (needed when an RRULE must keep the local time).
 */

export interface CalendarEvent {
  uid: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  url: string;
  cancelled: boolean;
  /** IANA zone: DTSTART/DTEND in local time with TZID. */
  timeZone?: string;
  /** RRULE value, e.g. FREQ=WEEKLY;BYDAY=MO. */
  rrule?: string;
}

/**
 * RFC 5545 3.3.11: backslash, semicolon and comma are escaped, every line break (CRLF, LF or a bare
 * CR, which a calendar would otherwise read as a line end) becomes `\n`, and the other control
 * characters, which TEXT does not allow, are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** Folds a content line into chunks of at most 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const chunks: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const octets = Buffer.byteLength(char);
    const limit = chunks.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + octets > limit) {
      chunks.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += octets;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}

const utc = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
const local = (ms: number, zone: string) => `${formatLocal(wallTimeAt(ms, zone)).replace(/[-:]/g, '')}00`;
const offset = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/**
 * The zone's offset changes from `fromYear` through `toYear` as STANDARD/DAYLIGHT observances
 * (each with its own DTSTART, in the local time before the change), found through Intl.
 */
export function timeZoneComponent(zone: string, fromYear: number, toYear: number): string[] {
  const week = 7 * 86_400_000; // offset changes lie months apart; a weekly scan finds each
  const begin = Date.UTC(fromYear, 0, 1);
  const observance = (at: number, from: number, to: number) => {
    const kind = to > from ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${new Date(at + from * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15)}`,
      `TZOFFSETFROM:${offset(from)}`,
      `TZOFFSETTO:${offset(to)}`,
      `END:${kind}`,
    ];
  };
  const initial = offsetMinutes(begin, zone);
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    'BEGIN:STANDARD',
    `DTSTART:${local(begin, zone)}`,
    `TZOFFSETFROM:${offset(initial)}`,
    `TZOFFSETTO:${offset(initial)}`,
    'END:STANDARD',
  ];
  let previous = initial;
  for (let t = begin + week; t < Date.UTC(toYear + 1, 0, 1); t += week) {
    const current = offsetMinutes(t, zone);
    if (current === previous) continue;
    let [low, high] = [t - week, t]; // the change lies in (low, high]: narrow it to the minute
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetMinutes(middle, zone) === previous) low = middle;
      else high = middle;
    }
    lines.push(...observance(high, previous, current));
    previous = current;
  }
  return [...lines, 'END:VTIMEZONE'];
}

function times(event: CalendarEvent): string[] {
  const zone = event.timeZone;
  if (!zone) return [`DTSTART:${utc(event.startsAt)}`, `DTEND:${utc(event.endsAt)}`];
  return [
    `DTSTART;TZID=${zone}:${local(Date.parse(event.startsAt), zone)}`,
    `DTEND;TZID=${zone}:${local(Date.parse(event.endsAt), zone)}`,
    ...(event.rrule ? [`RRULE:${event.rrule}`] : []),
  ];
}

export function calendarFile(event: CalendarEvent, now = new Date()): string {
  const year = new Date(event.startsAt).getUTCFullYear();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Plenum//Events//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    // A recurring meeting's zone is described for ten years; calendars know later years by TZID.
    ...(event.timeZone ? timeZoneComponent(event.timeZone, year - 1, year + (event.rrule ? 10 : 1)) : []),
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utc(now.toISOString())}`,
    ...times(event),
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(`${event.description}\n\n${event.url}`.trim())}`,
    `URL:${event.url}`,
    `LOCATION:${escapeText(event.url)}`,
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
