import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The speakers a registration page presents: name, role and an optional photo the host uploaded
 * (re-encoded without metadata, kept as base64 like the organisation's logo). Personal data of the
 * speakers; they go with their event (foreign key) and by the event's retention.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_speakers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('photo_type', 'text')
    .addColumn('photo_base64', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_speakers_event').on('event_speakers').column('event_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_speakers').execute();
}
