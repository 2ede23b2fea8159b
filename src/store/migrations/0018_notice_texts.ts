import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * `notice_versions.texts`: the notice as readers saw it, per language and section (JSON), so the
 * notice page can show what changed from one version to the next. Versions stored before this
 * column have none: their wording was not kept, and the page says so.
 * `notice_versions.in_force_at`: when the version last came into force. A version can return
 * (a processor added and removed again); the one it replaced is the one to compare it with.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notice_versions').addColumn('texts', 'text').execute();
  await db.schema.alterTable('notice_versions').addColumn('in_force_at', 'text').execute();
  await db
    .updateTable('notice_versions')
    .set({ in_force_at: sql`created_at` })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notice_versions').dropColumn('in_force_at').execute();
  await db.schema.alterTable('notice_versions').dropColumn('texts').execute();
}
