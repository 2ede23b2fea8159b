import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Retention the host sets per event, in days; null means the configured default. Registrations
 * and Q&A follow `retention_registration_days`, chat minutes `retention_minutes_days`, recordings
 * `retention_recording_days`. Plain meetings (rooms without an event) use the defaults.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('retention_registration_days', 'integer').execute();
  await db.schema.alterTable('events').addColumn('retention_minutes_days', 'integer').execute();
  await db.schema.alterTable('events').addColumn('retention_recording_days', 'integer').execute();
}
