import { messageText } from '../shared/text.js';
import { eventsRepo } from '../events/repo.js';
import { periodOver, roomEnd } from '../events/retention.js';
import type { RetentionTask, SubjectDataSource } from '../shared/subject-data.js';
import { maxQuestionLength } from './feature.js';
import { qaRepo } from './repo.js';

/** What the Q&A domain contributes to the privacy center: the questions a data subject asked, matched through their registrations. */

const questions = 'qa.questions';

export function createQaSubjectData(): SubjectDataSource {
  return {
    domain: 'qa',

    async collect(subject, db) {
      return (await qaRepo.questionsOfRegistrations(db, subject.registrationIds)).map((q) => ({
        category: questions,
        id: q.id,
        registrationId: q.asker_registration_id ?? undefined,
        context: q.title,
        data: {
          askedAt: q.asked_at,
          displayName: q.asker_name,
          anonymous: q.anonymous === 1,
          question: q.text,
          status: q.status,
          answer: q.answer,
          answeredAt: q.answered_at,
        },
      }));
    },

    async erase(subject, keep, db) {
      const rows = await qaRepo.questionsOfRegistrations(db, subject.registrationIds);
      const kept = rows.filter((q) => keep({ category: questions, id: q.id })).map((q) => ({ category: questions, id: q.id }));
      const gone = rows.map((q) => q.id).filter((id) => !kept.some((k) => k.id === id));
      if (gone.length) await qaRepo.deleteQuestions(db, gone);
      return { erased: gone.length, kept };
    },

    async correct(subject, item, fields, db) {
      if (item.category !== questions || Object.keys(fields).length !== 1 || fields.question === undefined) return false;
      if (!(await qaRepo.questionsOfRegistrations(db, subject.registrationIds)).some((q) => q.id === item.id)) return false;
      let text: string;
      try {
        text = messageText(fields.question, maxQuestionLength);
      } catch {
        return false;
      }
      await qaRepo.setText(db, item.id, text);
      return true;
    },

    // Questions rest on a legitimate interest (Art. 6(1)(f)): an objection removes the question.
    async withdraw(subject, item, right, db) {
      if (right !== 'objection' || item.category !== questions) return null;
      if (!(await qaRepo.questionsOfRegistrations(db, subject.registrationIds)).some((q) => q.id === item.id)) return null;
      await qaRepo.deleteQuestions(db, [item.id]);
      return {
        en: 'Your question was deleted; it is no longer in the organiser’s follow-up list.',
        de: 'Ihre Frage wurde gelöscht; sie steht nicht mehr in der Nachbereitungsliste der Veranstalter.',
      };
    },
  };
}

/** Questions go with the registrations: the event's period (the host's, else the configured `days`) after the webinar ended, except those under a legal hold. */
export function qaRetentionTasks(): RetentionTask[] {
  return [
    {
      category: questions,
      rule: "{{days}} days after the webinar ended (RETENTION_REGISTRATION_DAYS), or the event's retention_registration_days",
      async run({ now, days, dryRun, held }, db) {
        const rooms = (await eventsRepo.roomsEndedBefore(db, now.toISOString())).filter((room) => {
          const end = roomEnd(room);
          return end !== null && periodOver(end, room.retention_registration_days ?? days, now);
        });
        const due: string[] = [];
        for (let i = 0; i < rooms.length; i += 500)
          due.push(
            ...(
              await qaRepo.idsInRooms(
                db,
                rooms.slice(i, i + 500).map((r) => r.id),
              )
            ).filter((id) => !held(id)),
          );
        if (!dryRun) for (let i = 0; i < due.length; i += 500) await qaRepo.deleteQuestions(db, due.slice(i, i + 500));
        return due.length;
      },
    },
  ];
}
