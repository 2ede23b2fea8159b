import type { SubjectDataSource } from '../shared/subject-data.js';
import { mailRepo } from './repo.js';

/**
 * What the mail domain contributes to the privacy center: the outbox messages sent to the data
 * subject's address.
 */

const messages = 'mail.messages';

export function createMailSubjectData(): SubjectDataSource {
  return {
    domain: 'mail',

    async collect(subject, db) {
      return (await mailRepo.messagesTo(db, subject.email)).map((m) => ({
        category: messages,
        id: m.id,
        context: m.purpose,
        data: { to: m.to_address, subject: m.subject, text: m.body_text, status: m.status, createdAt: m.created_at, sentAt: m.sent_at },
      }));
    },

    async erase(subject, keep, db) {
      const rows = await mailRepo.messagesTo(db, subject.email);
      const kept = rows.filter((m) => keep({ category: messages, id: m.id })).map((m) => ({ category: messages, id: m.id }));
      const gone = rows.map((m) => m.id).filter((id) => !kept.some((k) => k.id === id));
      await mailRepo.deleteMessages(db, gone);
      return { erased: gone.length, kept };
    },
  };
}
