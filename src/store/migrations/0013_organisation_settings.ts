import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The organisation's settings, kept by the admin on the settings page (one row): the controller's
 * identity and contacts for the privacy notice and mails, the supervisory authority, where the
 * servers stand, the look of public pages (logo, accent colour) and the defaults for language and
 * time zone. Empty columns fall back to the environment (ORG_NAME, …).
 * Processors also say which service they provide, so the notice can name the hosting, mail and
 * telephone providers and the admin can be told which of them are still undeclared.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('address', 'text')
    .addColumn('privacy_email', 'text')
    .addColumn('dpo_name', 'text')
    .addColumn('dpo_email', 'text')
    .addColumn('authority_name', 'text')
    .addColumn('authority_address', 'text')
    .addColumn('hosting', 'text')
    .addColumn('hosting_country', 'text')
    .addColumn('mail', 'text')
    .addColumn('telephony', 'text')
    .addColumn('logo_type', 'text')
    .addColumn('logo_base64', 'text')
    .addColumn('accent_colour', 'text')
    .addColumn('default_language', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .alterTable('processors')
    .addColumn('service', 'text', (c) => c.notNull().defaultTo('other'))
    .execute();
}
