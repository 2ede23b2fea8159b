import type { Config } from '../config.js';
import type { EventTable } from '../store/schema.js';
import type { Executor } from '../store/store.js';
import { eventsRepo } from './repo.js';

/**
 * Retention the host sets per event (null = the configured default). Registrations, their
 * answers and the Q&A go `registrationDays` after the event ends, chat minutes `minutesDays`
 * after it, recordings `recordingDays` after each stopped. The retention tasks read the columns.
 */

export interface RetentionDefaults {
  registrationDays: number;
  minutesDays: number;
  recordingDays: number;
}

export function retentionDefaults(
  periods: Pick<Config['retention'], 'registrationDays' | 'minutesDays' | 'recordingDays'>,
): RetentionDefaults {
  return { registrationDays: periods.registrationDays, minutesDays: periods.minutesDays, recordingDays: periods.recordingDays };
}

type RetentionColumns = Pick<EventTable, 'retention_registration_days' | 'retention_minutes_days' | 'retention_recording_days'>;

/** As the host set them, with the defaults that apply to what was left empty. */
export function presentRetention(row: RetentionColumns, defaults: RetentionDefaults) {
  return {
    registrationDays: row.retention_registration_days,
    minutesDays: row.retention_minutes_days,
    recordingDays: row.retention_recording_days,
    defaults,
  };
}

/** What applies to the event. */
export function effectiveRetention(row: RetentionColumns, defaults: RetentionDefaults) {
  return {
    registration: row.retention_registration_days ?? defaults.registrationDays,
    minutes: row.retention_minutes_days ?? defaults.minutesDays,
    recording: row.retention_recording_days ?? defaults.recordingDays,
  };
}

export function retentionColumns(
  input: { registrationDays: number | null; minutesDays: number | null; recordingDays: number | null } | undefined,
): RetentionColumns {
  return {
    retention_registration_days: input?.registrationDays ?? null,
    retention_minutes_days: input?.minutesDays ?? null,
    retention_recording_days: input?.recordingDays ?? null,
  };
}

const dayMs = 86_400_000;

/** True when `days` have passed since `reference` (an ISO time). */
export function periodOver(reference: string, days: number, now: Date): boolean {
  return Date.parse(reference) + days * dayMs < now.getTime();
}

/** What registrations, speakers and panelist invitations go by, in the retention audit's words. */
export const registrationPeriodRule =
  "{{days}} days after the event ends (RETENTION_REGISTRATION_DAYS), or the event's retention_registration_days";

/** Events whose registration period (the host's, else the configured `days`) has passed since they ended. */
export async function eventIdsPastRegistrationPeriod(db: Executor, now: Date, days: number): Promise<string[]> {
  return (await eventsRepo.eventsEndedBefore(db, now.toISOString()))
    .filter((e) => periodOver(e.ends_at, e.retention_registration_days ?? days, now))
    .map((e) => e.id);
}

/** A room's period runs from the earlier of its own end and its event's end (a webinar room may end late, or never). */
export function roomEnd(room: { ended_at: string | null; ends_at: string | null }): string | null {
  const ends = [room.ended_at, room.ends_at].filter((t): t is string => t !== null).sort();
  return ends[0] ?? null;
}
