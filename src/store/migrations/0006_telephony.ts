import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';

// Migrations are written against Kysely<any>: they describe the schema at their point in
// history, not the current Database interface.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Phone dial-in: a numeric phone PIN per meeting, the registrants' wish to dial in with their
 * personal PIN (stored hashed), and the call records the privacy notice describes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rooms').addColumn('phone_pin', 'text').execute();
  // Meetings created before dial-in existed get their phone PIN now.
  const rooms = await db.selectFrom('rooms').select('id').execute();
  for (const room of rooms) {
    await db
      .updateTable('rooms')
      .set({ phone_pin: String(randomInt(100_000, 1_000_000)) })
      .where('id', '=', room.id)
      .execute();
  }

  await db.schema
    .alterTable('registrations')
    .addColumn('dial_in', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('registrations').addColumn('phone_pin_hash', 'text').execute();
  await db.schema.createIndex('registrations_phone_pin').on('registrations').columns(['event_id', 'phone_pin_hash']).execute();

  await db.schema
    .createTable('call_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.references('rooms.id').onDelete('set null'))
    .addColumn('caller_number', 'text')
    .addColumn('called_number', 'text')
    .addColumn('caller_country', 'text')
    .addColumn('source_ip', 'text', (c) => c.notNull())
    .addColumn('source_port', 'integer', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('call_records_started').on('call_records').column('started_at').execute();
  await db.schema.createIndex('call_records_room').on('call_records').column('room_id').execute();
  await db.schema.createIndex('call_records_caller').on('call_records').column('caller_number').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_records').execute();
  await db.schema.dropIndex('registrations_phone_pin').execute();
  await db.schema.alterTable('registrations').dropColumn('phone_pin_hash').execute();
  await db.schema.alterTable('registrations').dropColumn('dial_in').execute();
  await db.schema.alterTable('rooms').dropColumn('phone_pin').execute();
}
