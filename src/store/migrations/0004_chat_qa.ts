import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Chat minutes (only what is said while the host has minutes logging on, plus each switch on
 * and off) and webinar questions. Chat outside the minutes is never stored anywhere.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_minutes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('author_registration_id', 'text')
    .addColumn('recipient_name', 'text')
    .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text', 'text')
    .execute();
  await db.schema.createIndex('chat_minutes_room').on('chat_minutes').columns(['room_id', 'at']).execute();
  await db.schema.createIndex('chat_minutes_registration').on('chat_minutes').column('author_registration_id').execute();

  await db.schema
    .createTable('qa_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('asker_name', 'text', (c) => c.notNull())
    .addColumn('asker_registration_id', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_by_name', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('qa_questions_room').on('qa_questions').columns(['room_id', 'asked_at']).execute();
  await db.schema.createIndex('qa_questions_registration').on('qa_questions').column('asker_registration_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('qa_questions').execute();
  await db.schema.dropTable('chat_minutes').execute();
}
