import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * What several Plenum instances on one database must agree on (cluster mode, src/cluster/):
 * - `setup_tokens`: the first admin's one-time setup links, as SHA-256; every instance that starts
 *   on an empty store prints one, and any instance accepts any of them once (all end with the setup).
 * - `job_runs`: when each scheduled job last started and on which instance, so a job runs once per
 *   period however many instances schedule it.
 * - `mail_messages.held_by`: the instance that holds a queued mail's links in memory (the stored
 *   copy has them removed); only it can deliver that mail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('mail_messages').addColumn('held_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_messages').dropColumn('held_by').execute();
  await db.schema.dropTable('job_runs').execute();
  await db.schema.dropTable('setup_tokens').execute();
}
