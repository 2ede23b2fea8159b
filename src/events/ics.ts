/**
 * One VEVENT as RFC 5545 text: CRLF line ends, TEXT values escaped (backslash, semicolon, comma,
 * line breaks) and lines folded at 75 octets. Times in UTC, so no VTIMEZONE is needed.
 */

export interface CalendarEvent {
  uid: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  url: string;
  cancelled: boolean;
}

/**
 * RFC 5545 3.3.11: backslash, semicolon and comma are escaped, every line break (CRLF, LF or a bare
 * CR, which a calendar would otherwise read as a line end) becomes `\n`, and the other control
 * characters, which TEXT does not allow, are dropped.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
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

export function calendarFile(event: CalendarEvent, now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Plenum//Events//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utc(now.toISOString())}`,
    `DTSTART:${utc(event.startsAt)}`,
    `DTEND:${utc(event.endsAt)}`,
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
