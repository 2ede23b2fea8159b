import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The Janus nodes of a multi-machine installation (JANUS_MODE=registry, src/media/nodes/): where
 * the app reaches each node's API and admin API, the address other nodes send forwarded media
 * to, its role (meeting: rooms and webinar origins; edge: webinar viewers) and the operator's
 * state for it (active; draining: keeps what runs, takes nothing new; down: not used). No secret
 * is kept here: every node takes the one JANUS_ADMIN_SECRET from the app's configuration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('api_url', 'text', (c) => c.notNull())
    .addColumn('admin_url', 'text', (c) => c.notNull())
    .addColumn('media_address', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_nodes').execute();
}
