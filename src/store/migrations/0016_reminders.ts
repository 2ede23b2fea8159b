import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Reminder mails. `events.reminder_minutes`: when before the start registrants are reminded
 * (comma-separated minutes; default 24 h and 1 h, existing events included). `further_links`: the
 * join and self-service links a registrant was mailed after the first (reminders, rescheduling),
 * each valid beside the first, so a link in an older mail or a calendar entry keeps working. `reminders_sent`: which reminder went out for which start time, written in the same
 * transaction as the mail, so each is sent once even across restarts and instances.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('reminder_minutes', 'text', (c) => c.notNull().defaultTo('1440,60'))
    .execute();
  await db.schema
    .createTable('further_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('further_links_registration').on('further_links').column('registration_id').execute();
  await db.schema
    .createTable('reminders_sent')
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('minutes_before', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminders_sent_pk', ['registration_id', 'minutes_before', 'starts_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminders_sent').execute();
  await db.schema.dropTable('further_links').execute();
  await db.schema.alterTable('events').dropColumn('reminder_minutes').execute();
}
