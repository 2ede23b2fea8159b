import type { SubjectDataSource } from '../privacy/subject.js';
import type { Executor } from '../store/store.js';

/**
 * What the mail domain contributes to the privacy center: the outbox messages sent to the data
 * subject's address. The subject-access queries sit here, beside their only caller.
 */

const messages = 'mail.messages';

const messagesTo = (db: Executor, email: string) =>
  db
    .selectFrom('mail_messages')
    .select(['id', 'to_address', 'subject', 'body_text', 'purpose', 'status', 'created_at', 'sent_at'])
    .where('to_address', '=', email)
    .orderBy('created_at')
    .execute();

export function createMailSubjectData(): SubjectDataSource {
  return {
    domain: 'mail',

    async collect(subject, db) {
      return (await messagesTo(db, subject.email)).map((m) => ({
        category: messages,
        id: m.id,
        context: m.purpose,
        data: { to: m.to_address, subject: m.subject, text: m.body_text, status: m.status, createdAt: m.created_at, sentAt: m.sent_at },
      }));
    },

    async erase(subject, keep, db) {
      const rows = await messagesTo(db, subject.email);
      const kept = rows.filter((m) => keep({ category: messages, id: m.id })).map((m) => ({ category: messages, id: m.id }));
      const gone = rows.map((m) => m.id).filter((id) => !kept.some((k) => k.id === id));
      for (let i = 0; i < gone.length; i += 500) await db.deleteFrom('mail_messages').where('id', 'in', gone.slice(i, i + 500)).execute();
      return { erased: gone.length, kept };
    },
  };
}
