import type { Kysely } from 'kysely';

// Migrations are written against Kysely<any>: they describe the schema at their point in
// history, not the current Database interface.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Events, their extra questions, registrations with answers, and spent captcha challenges. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('registration_opens_at', 'text')
    .addColumn('registration_closes_at', 'text')
    .addColumn('approval_mode', 'text', (c) => c.notNull())
    .addColumn('dial_in_offered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.createIndex('events_owner').on('events').column('owner_id').execute();

  await db.schema
    .createTable('event_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('choices', 'text')
    .execute();
  await db.schema.createIndex('event_questions_event').on('event_questions').column('event_id').execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('industry', 'text')
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('manage_token_hash', 'text', (c) => c.unique())
    .addColumn('join_token_hash', 'text', (c) => c.unique())
    .addColumn('join_revoked_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('registrations_event_email', ['event_id', 'email'])
    .execute();
  await db.schema.createIndex('registrations_state').on('registrations').columns(['event_id', 'state', 'confirmed_at']).execute();
  await db.schema.createIndex('registrations_expiry').on('registrations').columns(['state', 'expires_at']).execute();

  await db.schema
    .createTable('registration_answers')
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('event_questions.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registration_answers_pk', ['registration_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('captcha_spent')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('captcha_spent_expiry').on('captcha_spent').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['captcha_spent', 'registration_answers', 'registrations', 'event_questions', 'events']) {
    await db.schema.dropTable(table).execute();
  }
}
