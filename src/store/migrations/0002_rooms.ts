import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_number', 'text', (c) => c.notNull().unique())
    .addColumn('passcode', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host_account_id', 'text', (c) => c.notNull().references('staff_accounts.id'))
    .addColumn('event_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('rooms_host').on('rooms').column('host_account_id').execute();

  await db.schema
    .createTable('room_attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('registration_id', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .execute();
  await db.schema.createIndex('room_attendance_room').on('room_attendance').column('room_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('room_attendance').execute();
  await db.schema.dropTable('rooms').execute();
}
