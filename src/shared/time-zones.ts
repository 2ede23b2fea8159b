/**
 * Wall-clock time in an IANA zone and back, with nothing but Intl. Used where a time is planned
 * in a zone (recurring meetings) and where calendar files name the zone (VTIMEZONE).
 */

export interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `zone` at an instant (seconds dropped). */
export function wallTimeAt(utcMs: number, zone: string): WallTime {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Minutes the zone is ahead of UTC at an instant. */
export function offsetMinutes(utcMs: number, zone: string): number {
  const wall = wallTimeAt(utcMs, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return Math.round((asUtc - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/**
 * The instant a wall-clock time in `zone` names. A time skipped by a spring-forward change is
 * read with the offset before it (02:30 becomes 03:30 summer time); a repeated hour takes its first.
 */
export function instantOf(wall: WallTime, zone: string): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = naive - offsetMinutes(naive - 86_400_000, zone) * 60_000;
  const after = naive - offsetMinutes(naive + 86_400_000, zone) * 60_000;
  for (const candidate of [Math.min(before, after), Math.max(before, after)]) {
    if (naive - offsetMinutes(candidate, zone) * 60_000 === candidate) return candidate;
  }
  return before;
}

/** "2026-12-07T10:00" → WallTime, or undefined when it is no real date and time. */
export function parseLocal(text: string): WallTime | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  return { year, month, day, hour, minute };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const formatLocal = (wall: WallTime) =>
  `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
