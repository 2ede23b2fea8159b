import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Plain meetings may carry a schedule: the first start (UTC), the IANA zone the host planned in
 * (recurrences keep the wall-clock time there across daylight-saving changes), the length in
 * minutes and an optional weekly or monthly recurrence. All null for an unscheduled meeting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rooms').addColumn('scheduled_start_at', 'text').execute();
  await db.schema.alterTable('rooms').addColumn('time_zone', 'text').execute();
  await db.schema.alterTable('rooms').addColumn('duration_minutes', 'integer').execute();
  await db.schema.alterTable('rooms').addColumn('recurrence', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['recurrence', 'duration_minutes', 'time_zone', 'scheduled_start_at'])
    await db.schema.alterTable('rooms').dropColumn(column).execute();
}
