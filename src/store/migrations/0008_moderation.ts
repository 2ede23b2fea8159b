import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Moderation: who waits in a room's lobby before the host lets them in. `guests` (people who
 * joined with the passcode, not with a personal link) is the default; `everyone` and `off` are
 * the host's other choices. Lock, removals and raised hands live only while the room is live.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rooms')
    .addColumn('lobby', 'text', (c) => c.notNull().defaultTo('guests'))
    .execute();
}
