import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Panelists the host invites to a webinar by name and email. Each gets a personal link whose
 * token is kept only as its SHA-256; revoking keeps the row (so the link can say it was withdrawn)
 * and ends the panelist's session. They go with their event (foreign key) and by its retention.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('panelist_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('panelist_invitations_event').on('panelist_invitations').column('event_id').execute();
  await db.schema.createIndex('panelist_invitations_email').on('panelist_invitations').column('email').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('panelist_invitations').execute();
}
