import type { Executor } from '../store/store.js';
import type { MailMessageTable } from '../store/schema.js';

export const mailRepo = {
  insert: (db: Executor, row: MailMessageTable) => db.insertInto('mail_messages').values(row).execute(),

  due: (db: Executor, now: string, limit: number) =>
    db
      .selectFrom('mail_messages')
      .selectAll()
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute(),

  markSent: (db: Executor, id: string, at: string) =>
    db.updateTable('mail_messages').set({ status: 'sent', sent_at: at, last_error: null }).where('id', '=', id).execute(),

  markAttemptFailed: (db: Executor, id: string, changes: Pick<MailMessageTable, 'status' | 'attempts' | 'next_attempt_at' | 'last_error'>) =>
    db.updateTable('mail_messages').set(changes).where('id', '=', id).execute(),

  list: (db: Executor, limit: number) =>
    db.selectFrom('mail_messages').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute(),
};
