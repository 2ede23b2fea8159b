import type { Executor } from '../store/store.js';
import type { MailMessageTable } from '../store/schema.js';
import { precompiledInsert } from '../store/precompiled.js';

// With every mail: compiled once (store/precompiled.ts).
const insertMessage = precompiledInsert('mail_messages');

export const mailRepo = {
  insert: (db: Executor, row: MailMessageTable) => insertMessage(db, row),
  insertStatement: (db: Executor, row: MailMessageTable) => insertMessage.statement(db, row),

  due: (db: Executor, now: string, limit: number) =>
    db
      .selectFrom('mail_messages')
      .selectAll()
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute(),

  /**
   * PostgreSQL, several instances: takes up to `limit` due messages for this instance by moving
   * their next attempt to `leaseUntil`, skipping rows another instance is claiming at this moment
   * (FOR UPDATE SKIP LOCKED), so each message is handed to one instance. Messages whose links
   * another instance holds in memory are left to it, unless they are older than `orphanedBefore`
   * (that instance is gone; the claimant will fail them as having lost their links).
   */
  claimDue: (db: Executor, claim: { now: string; leaseUntil: string; instanceId: string; orphanedBefore: string; limit: number }) =>
    db
      .updateTable('mail_messages')
      .set({ next_attempt_at: claim.leaseUntil })
      .where(
        'id',
        'in',
        db
          .selectFrom('mail_messages')
          .select('id')
          .where('status', '=', 'queued')
          .where('next_attempt_at', '<=', claim.now)
          .where((w) => w.or([w('held_by', 'is', null), w('held_by', '=', claim.instanceId), w('created_at', '<', claim.orphanedBefore)]))
          .orderBy('next_attempt_at')
          .limit(claim.limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute(),

  markSent: (db: Executor, id: string, at: string) =>
    db.updateTable('mail_messages').set({ status: 'sent', sent_at: at, last_error: null }).where('id', '=', id).execute(),

  /** Local outbox: every message due at `now` counts as delivered. */
  markDueSentStatement: (db: Executor, now: string) =>
    db
      .updateTable('mail_messages')
      .set({ status: 'sent', sent_at: now, last_error: null })
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .compile(),

  markAttemptFailed: (
    db: Executor,
    id: string,
    changes: Pick<MailMessageTable, 'status' | 'attempts' | 'next_attempt_at' | 'last_error'>,
  ) => db.updateTable('mail_messages').set(changes).where('id', '=', id).execute(),

  list: (db: Executor, limit: number) =>
    db.selectFrom('mail_messages').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute(),

  /** The messages sent to one address (a data subject's export and erasure). */
  messagesTo: (db: Executor, email: string) =>
    db
      .selectFrom('mail_messages')
      .select(['id', 'to_address', 'subject', 'body_text', 'purpose', 'status', 'created_at', 'sent_at'])
      .where('to_address', '=', email)
      .orderBy('created_at')
      .execute(),

  deleteMessages: async (db: Executor, ids: readonly string[]) => {
    for (let i = 0; i < ids.length; i += 500)
      await db
        .deleteFrom('mail_messages')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
  },
};
