import type { Actor } from '../accounts/policy.js';
import type { OwnedRoomLookup } from '../chat/service.js';
import { toCsv } from '../shared/csv.js';
import { recordAudit } from '../privacy/audit.js';
import type { QaQuestionTable, QaStatus } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { qaRepo } from './repo.js';

export type QaExportFormat = 'csv' | 'json';

const present = (q: QaQuestionTable) => ({
  askedAt: q.asked_at,
  asker: q.asker_name,
  anonymous: q.anonymous === 1,
  question: q.text,
  upvotes: q.upvotes,
  status: q.status,
  answer: q.answer,
  answerPrivate: q.answer_private === 1,
  answeredBy: q.answered_by_name,
  answeredAt: q.answered_at,
});

/** The stored side of Q&A: every question is kept for follow-up after the webinar. */
export function createQaService(store: Store, ownedRoom: OwnedRoomLookup) {
  const { db } = store;
  return {
    list: (roomId: string) => qaRepo.listQuestions(db, roomId),
    insert: (row: QaQuestionTable) => qaRepo.insertQuestion(db, row),
    setUpvotes: (id: string, upvotes: number) => qaRepo.setUpvotes(db, id, upvotes),
    setStatus: (id: string, status: QaStatus) => qaRepo.setStatus(db, id, status),
    setAnswer: (id: string, answer: { text: string; private: boolean; by: string; at: string }) => qaRepo.setAnswer(db, id, answer),

    /** The questions of a room for its host, as CSV (formula-safe) or JSON; the export is audited. */
    async exportQuestions(actor: Actor, roomId: string, format: QaExportFormat): Promise<{ filename: string; type: string; body: string }> {
      const room = await ownedRoom(actor, roomId);
      const rows = await store.transaction(async (tx) => {
        const questions = await qaRepo.listQuestions(tx, room.id);
        await recordAudit(tx, actor, {
          action: 'qa.exported',
          subject: { type: 'room', id: room.id },
          detail: { questions: questions.length, format },
        });
        return questions.map(present);
      });
      if (format === 'json')
        return {
          filename: `questions-${room.id}.json`,
          type: 'application/json; charset=utf-8',
          body: JSON.stringify({ title: room.title, questions: rows }, null, 2),
        };
      const header = [
        'asked_at',
        'asker',
        'anonymous',
        'question',
        'upvotes',
        'status',
        'answer',
        'answer_private',
        'answered_by',
        'answered_at',
      ];
      const body = toCsv(
        header,
        rows.map((r) => [
          r.askedAt,
          r.asker,
          r.anonymous ? 'yes' : 'no',
          r.question,
          r.upvotes,
          r.status,
          r.answer,
          r.answerPrivate ? 'yes' : 'no',
          r.answeredBy,
          r.answeredAt,
        ]),
      );
      return { filename: `questions-${room.id}.csv`, type: 'text/csv; charset=utf-8', body };
    },
  };
}

export type QaService = ReturnType<typeof createQaService>;
