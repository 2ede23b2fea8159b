import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Which of the optional registration fields (company, industry, phone) the host asks for an
 * event: 1 = asked (optional for the registrant), 0 = not asked. First name, last name and email
 * are always asked and always required. Existing events keep asking all three, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['ask_company', 'ask_industry', 'ask_phone']) {
    await db.schema
      .alterTable('events')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['ask_company', 'ask_industry', 'ask_phone']) {
    await db.schema.alterTable('events').dropColumn(column).execute();
  }
}
