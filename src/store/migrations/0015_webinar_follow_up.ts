import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * What the organiser offers attendees after a webinar (shown on its end screen): an optional
 * text and an optional link, both set in the event form. Not personal data.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('follow_up_text', 'text').execute();
  await db.schema.alterTable('events').addColumn('follow_up_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').dropColumn('follow_up_url').execute();
  await db.schema.alterTable('events').dropColumn('follow_up_text').execute();
}
