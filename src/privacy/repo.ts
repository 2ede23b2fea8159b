import type { Executor } from '../store/store.js';
import type { AuditEntryTable } from '../store/schema.js';

export const privacyRepo = {
  insertAuditEntry: (db: Executor, row: AuditEntryTable) => db.insertInto('audit_entries').values(row).execute(),

  listAuditEntries: (db: Executor, limit: number) =>
    db.selectFrom('audit_entries').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
};
