import type { SubjectDataSource } from '../shared/subject-data.js';
import { callbackRepo } from './repo.js';

/** Callback requests of a data subject, matched through the phone numbers they registered with. */

const category = 'callback.requests';

export function createCallbackSubjectData(): SubjectDataSource {
  return {
    domain: 'callback',

    async collect(subject, db) {
      return (await callbackRepo.byPhones(db, subject.phones)).map((r) => ({
        category,
        id: r.id,
        data: {
          name: r.name,
          phone: r.phone,
          preferredTime: r.preferred_time,
          topic: r.topic,
          requestedAt: r.created_at,
          doneAt: r.done_at,
        },
      }));
    },

    async erase(subject, keep, db) {
      const rows = await callbackRepo.byPhones(db, subject.phones);
      const kept = rows.filter((r) => keep({ category, id: r.id })).map((r) => ({ category, id: r.id }));
      const gone = rows.map((r) => r.id).filter((id) => !kept.some((k) => k.id === id));
      await callbackRepo.delete(db, gone);
      return { erased: gone.length, kept };
    },

    // The request rests on consent: withdrawing it deletes the request (nobody calls).
    async withdraw(subject, item, right, db) {
      if (right !== 'consent' || item.category !== category) return null;
      if (!(await callbackRepo.byPhones(db, subject.phones)).some((r) => r.id === item.id)) return null;
      await callbackRepo.delete(db, [item.id]);
      return { en: 'Your callback request was deleted; nobody will call.', de: 'Ihre Rückrufbitte wurde gelöscht; niemand wird anrufen.' };
    },
  };
}
