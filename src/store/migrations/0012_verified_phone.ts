import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The phone number the DPO verified for a request received by email (e.g. by calling it back):
 * the only way callback requests and call records, which are stored under a number alone,
 * reach a data subject's view, export or erasure. A number typed into a form never does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('privacy_requests').addColumn('verified_phone', 'text').execute();
}
