import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Who owns a room for authorization (src/accounts/policy.ts): the staff account or API token that
 * created it, or for an event's room the event's owner. `host_account_id` stays the staff member
 * who hosts it live (for an API token's room: the token's creator). Existing plain rooms are owned
 * by their host, which takes away what a host-role API token reached through its creator.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rooms')
    .addColumn('owner_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`UPDATE rooms SET owner_id = COALESCE((SELECT events.owner_id FROM events WHERE events.id = rooms.event_id), host_account_id)`.execute(
    db,
  );
  await db.schema.createIndex('rooms_owner').on('rooms').column('owner_id').execute();
}
