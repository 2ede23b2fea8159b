import type { Kysely } from 'kysely';

// Migrations are written against Kysely<any>: they describe the schema at their point in
// history, not the current Database interface.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Recording with consent: the "may be recorded" flag of events and of plain meetings (off by
 * default), the recordings, each participant's consent or decline as proof, and the tracks
 * written of consenting participants.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('may_be_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rooms')
    .addColumn('may_be_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('recordings')
    .addColumn('id', 'text', (c) => c.primaryKey()) // 32 CSPRNG bytes: the recording's URL cannot be guessed
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('host_account_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('duration_seconds', 'real')
    .addColumn('delete_after', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recordings_room').on('recordings').column('room_id').execute();
  await db.schema.createIndex('recordings_delete_after').on('recordings').column('delete_after').execute();

  await db.schema
    .createTable('recording_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull()) // consent | decline | withdraw
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('notice_hash', 'text', (c) => c.notNull())
    .addColumn('notice_language', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recording_consents_recording').on('recording_consents').column('recording_id').execute();
  await db.schema.createIndex('recording_consents_registration').on('recording_consents').column('registration_id').execute();

  await db.schema
    .createTable('recording_tracks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // audio | camera | screen
    .addColumn('file_base', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text')
    .execute();
  await db.schema.createIndex('recording_tracks_recording').on('recording_tracks').column('recording_id').execute();
  await db.schema.createIndex('recording_tracks_registration').on('recording_tracks').column('registration_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recording_tracks').execute();
  await db.schema.dropTable('recording_consents').execute();
  await db.schema.dropTable('recordings').execute();
  await db.schema.alterTable('rooms').dropColumn('may_be_recorded').execute();
  await db.schema.alterTable('events').dropColumn('may_be_recorded').execute();
}
