import { sql } from 'kysely';
import type { Executor } from '../store/store.js';
import type {
  AuditEntryTable,
  LegalHoldTable,
  NoticeVersionTable,
  PrivacyAccessTokenTable,
  PrivacyRequestTable,
  ProcessorTable,
} from '../store/schema.js';
import { precompiledInsert } from '../store/precompiled.js';

// With almost every change: compiled once (store/precompiled.ts).
const insertAudit = precompiledInsert('audit_entries');

const count = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);

/** Rows of `table` whose `column` is older than `cutoff`, except those whose `key` is in `exceptIds`. */
function expiredRows(table: string, column: string, cutoff: string, key: string | null, exceptIds: readonly string[]) {
  const exclusion = key && exceptIds.length ? sql` and ${sql.ref(key)} not in (${sql.join(exceptIds)})` : sql``;
  return sql`from ${sql.table(table)} where ${sql.ref(column)} is not null and ${sql.ref(column)} < ${cutoff}${exclusion}`;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** An audit entry with the name of who acted (null for the system, visitors, and accounts or tokens deleted since). */
export type AuditRow = AuditEntryTable & { staff_name: string | null; token_name: string | null };

export const privacyRepo = {
  insertAuditEntry: (db: Executor, row: AuditEntryTable) => insertAudit(db, row),
  auditEntryStatement: (db: Executor, row: AuditEntryTable) => insertAudit.statement(db, row),

  listAuditEntries: (db: Executor, limit: number) =>
    db.selectFrom('audit_entries').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute(),

  /** Entries with the name of the staff member or API token that acted, where it still exists. */
  findAuditEntries: (db: Executor, filter: AuditFilter): Promise<AuditRow[]> => {
    let query = db
      .selectFrom('audit_entries')
      .leftJoin('staff_accounts', 'staff_accounts.id', 'audit_entries.actor_id')
      .leftJoin('api_tokens', 'api_tokens.id', 'audit_entries.actor_id')
      .selectAll('audit_entries')
      .select(['staff_accounts.display_name as staff_name', 'api_tokens.name as token_name']);
    if (filter.action?.endsWith('*')) {
      // A prefix as a range (portable, no LIKE escaping): `privacy.*` is privacy. ≤ action < privacy/
      const prefix = filter.action.slice(0, -1);
      query = query
        .where('audit_entries.action', '>=', prefix)
        .where('audit_entries.action', '<', prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1));
    } else if (filter.action) query = query.where('audit_entries.action', '=', filter.action);
    if (filter.actorId) query = query.where('audit_entries.actor_id', '=', filter.actorId);
    if (filter.subjectId) query = query.where('audit_entries.subject_id', '=', filter.subjectId);
    if (filter.from) query = query.where('audit_entries.at', '>=', filter.from);
    if (filter.to) query = query.where('audit_entries.at', '<', filter.to);
    return query.orderBy('audit_entries.at', 'desc').orderBy('audit_entries.id', 'desc').limit(filter.limit).execute();
  },

  // Retention
  /** The column names of every table, to find each table's `id` key for item-level holds. */
  tableColumns: async (db: Executor) =>
    new Map((await db.introspection.getTables()).map((t) => [t.name, new Set(t.columns.map((c) => c.name))] as const)),

  countExpired: async (db: Executor, table: string, column: string, cutoff: string, key: string | null, exceptIds: readonly string[]) =>
    count((await sql<{ n: number }>`select count(*) as n ${expiredRows(table, column, cutoff, key, exceptIds)}`.execute(db)).rows[0]),

  deleteExpired: async (db: Executor, table: string, column: string, cutoff: string, key: string | null, exceptIds: readonly string[]) =>
    Number((await sql`delete ${expiredRows(table, column, cutoff, key, exceptIds)}`.execute(db)).numAffectedRows ?? 0),

  // Legal holds
  insertHold: (db: Executor, row: LegalHoldTable) => db.insertInto('legal_holds').values(row).execute(),

  releaseHold: async (db: Executor, id: string, at: string) =>
    Number(
      (
        await db
          .updateTable('legal_holds')
          .set({ released_at: at })
          .where('id', '=', id)
          .where('released_at', 'is', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,

  /** Holds not released whose end date (YYYY-MM-DD) is today or later. */
  activeHolds: (db: Executor, today: string) =>
    db.selectFrom('legal_holds').selectAll().where('released_at', 'is', null).where('until', '>=', today).orderBy('created_at').execute(),

  listHolds: (db: Executor) => db.selectFrom('legal_holds').selectAll().orderBy('created_at', 'desc').limit(500).execute(),

  // Portal access (magic links and the sessions they open)
  insertAccessToken: (db: Executor, row: PrivacyAccessTokenTable) => db.insertInto('privacy_access_tokens').values(row).execute(),

  /** Marks an unused, unexpired link used and returns its email; undefined when it was used, expired or never existed. */
  spendLink: async (db: Executor, hash: string, now: string) => {
    const row = await db
      .selectFrom('privacy_access_tokens')
      .select('email')
      .where('token_hash', '=', hash)
      .where('kind', '=', 'link')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    const spent = await db
      .updateTable('privacy_access_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(spent.numUpdatedRows) === 1 ? row.email : undefined;
  },

  findSession: (db: Executor, hash: string, now: string) =>
    db
      .selectFrom('privacy_access_tokens')
      .select('email')
      .where('token_hash', '=', hash)
      .where('kind', '=', 'session')
      .where('expires_at', '>', now)
      .executeTakeFirst(),

  accessTokensOf: (db: Executor, email: string) =>
    db
      .selectFrom('privacy_access_tokens')
      .select(['token_hash', 'kind', 'created_at', 'expires_at', 'used_at'])
      .where('email', '=', email)
      .execute(),

  deleteAccessTokensOf: async (db: Executor, email: string) =>
    Number((await db.deleteFrom('privacy_access_tokens').where('email', '=', email).executeTakeFirst()).numDeletedRows),

  deleteAccessToken: (db: Executor, hash: string) => db.deleteFrom('privacy_access_tokens').where('token_hash', '=', hash).execute(),

  // Requests received by email
  insertRequest: (db: Executor, row: PrivacyRequestTable) => db.insertInto('privacy_requests').values(row).execute(),

  updateRequest: (
    db: Executor,
    id: string,
    changes: Partial<Pick<PrivacyRequestTable, 'due_at' | 'extension_reason' | 'status' | 'note' | 'closed_at'>>,
  ) => db.updateTable('privacy_requests').set(changes).where('id', '=', id).execute(),

  findRequest: (db: Executor, id: string) => db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst(),

  listRequests: (db: Executor, filter: { status?: PrivacyRequestTable['status']; dueBefore?: string }) => {
    let query = db.selectFrom('privacy_requests').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.dueBefore) query = query.where('due_at', '<', filter.dueBefore);
    return query.orderBy('due_at').orderBy('id').limit(500).execute();
  },

  requestsOf: (db: Executor, email: string) => db.selectFrom('privacy_requests').selectAll().where('email', '=', email).execute(),

  // Processors and notice versions
  insertProcessor: (db: Executor, row: ProcessorTable) => db.insertInto('processors').values(row).execute(),

  updateProcessor: async (db: Executor, id: string, changes: Partial<Omit<ProcessorTable, 'id' | 'created_at'>>) =>
    Number((await db.updateTable('processors').set(changes).where('id', '=', id).executeTakeFirst()).numUpdatedRows) === 1,

  deleteProcessor: async (db: Executor, id: string) =>
    Number((await db.deleteFrom('processors').where('id', '=', id).executeTakeFirst()).numDeletedRows) === 1,

  listProcessors: (db: Executor) => db.selectFrom('processors').selectAll().orderBy('name').orderBy('id').execute(),

  /** The version that came into force last. */
  noticeVersionInForce: (db: Executor) =>
    db.selectFrom('notice_versions').select('version').orderBy('in_force_at', 'desc').orderBy('version').limit(1).executeTakeFirst(),

  /** Stores a notice version (a version is the hash of its content), or puts a stored one in force again. */
  putNoticeVersionInForce: (db: Executor, row: NoticeVersionTable) =>
    db
      .insertInto('notice_versions')
      .values(row)
      .onConflict((oc) => oc.column('version').doUpdateSet({ in_force_at: row.in_force_at }))
      .execute(),

  findNoticeVersion: (db: Executor, version: string) =>
    db.selectFrom('notice_versions').selectAll().where('version', '=', version).executeTakeFirst(),

  listNoticeVersions: (db: Executor) =>
    db.selectFrom('notice_versions').select(['version', 'in_force_at']).orderBy('in_force_at', 'desc').execute(),

  /** Every version with its wording (null where it was not kept), in the order they came into force. */
  listNoticeTexts: (db: Executor) =>
    db.selectFrom('notice_versions').select(['version', 'in_force_at', 'texts']).orderBy('in_force_at').orderBy('version').execute(),
};
