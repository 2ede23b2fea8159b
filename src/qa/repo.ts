import type { QaQuestionTable, QaStatus } from '../store/schema.js';
import type { Executor } from '../store/store.js';

export const qaRepo = {
  insertQuestion: (db: Executor, row: QaQuestionTable) => db.insertInto('qa_questions').values(row).execute(),

  listQuestions: (db: Executor, roomId: string) =>
    db.selectFrom('qa_questions').selectAll().where('room_id', '=', roomId).orderBy('asked_at').orderBy('id').execute(),

  setUpvotes: (db: Executor, id: string, upvotes: number) => db.updateTable('qa_questions').set({ upvotes }).where('id', '=', id).execute(),

  setStatus: (db: Executor, id: string, status: QaStatus) => db.updateTable('qa_questions').set({ status }).where('id', '=', id).execute(),

  setAnswer: (db: Executor, id: string, answer: { text: string; private: boolean; by: string; at: string }) =>
    db
      .updateTable('qa_questions')
      .set({
        status: 'answered',
        answer: answer.text,
        answer_private: answer.private ? 1 : 0,
        answered_by_name: answer.by,
        answered_at: answer.at,
      })
      .where('id', '=', id)
      .execute(),

  /** The questions of these rooms (the retention task picks the rooms whose period is over). */
  idsInRooms: async (db: Executor, roomIds: readonly string[]) =>
    roomIds.length ? (await db.selectFrom('qa_questions').select('id').where('room_id', 'in', roomIds).execute()).map((r) => r.id) : [],

  deleteQuestions: (db: Executor, ids: readonly string[]) => db.deleteFrom('qa_questions').where('id', 'in', ids).execute(),

  /** The questions a data subject asked, matched through their registrations. */
  questionsOfRegistrations: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('qa_questions')
          .innerJoin('rooms', 'rooms.id', 'qa_questions.room_id')
          .select([
            'qa_questions.id',
            'qa_questions.asker_registration_id',
            'qa_questions.asked_at',
            'qa_questions.asker_name',
            'qa_questions.anonymous',
            'qa_questions.text',
            'qa_questions.status',
            'qa_questions.answer',
            'qa_questions.answered_at',
            'rooms.title',
          ])
          .where('qa_questions.asker_registration_id', 'in', registrationIds)
          .orderBy('qa_questions.asked_at')
          .execute()
      : Promise.resolve([]),

  setText: (db: Executor, id: string, text: string) => db.updateTable('qa_questions').set({ text }).where('id', '=', id).execute(),
};
