import type { SubjectDataSource } from '../shared/subject-data.js';
import { telephonyRepo } from './repo.js';

/**
 * Call records of a data subject, matched by the phone numbers the DPO verified as theirs (E.164,
 * as the records store caller numbers that came with a country code), and their wishes to dial
 * in to an event they registered for. A personal phone PIN is never shown or exported: only its
 * hash is stored, and the item says whether one was issued. The wish goes with its registration
 * (the events domain deletes the row).
 */

const category = 'telephony.call-records';
const dialInWish = 'telephony.dial-in-wish';

export function createTelephonySubjectData(): SubjectDataSource {
  return {
    domain: 'telephony',

    async collect(subject, db) {
      const wishes = (await telephonyRepo.dialInWishesOf(db, subject.registrationIds)).map((w) => ({
        category: dialInWish,
        id: w.id,
        registrationId: w.id,
        context: w.title,
        contextAt: w.starts_at,
        data: { dialIn: true, personalPin: w.phone_pin_hash === null ? null : 'issued' },
      }));
      const calls = (await telephonyRepo.recordsOfNumbers(db, subject.phones)).map((r) => ({
        category,
        id: r.id,
        context: r.title ?? undefined,
        data: {
          callerNumber: r.caller_number,
          calledNumber: r.called_number,
          country: r.caller_country,
          startedAt: r.started_at,
          endedAt: r.ended_at,
          sourceIp: r.source_ip,
          sourcePort: r.source_port,
          transport: r.transport,
          outcome: r.outcome,
        },
      }));
      return [...wishes, ...calls];
    },

    async erase(subject, keep, db) {
      const rows = await telephonyRepo.recordsOfNumbers(db, subject.phones);
      const kept = rows.filter((r) => keep({ category, id: r.id })).map((r) => ({ category, id: r.id }));
      const gone = rows.map((r) => r.id).filter((id) => !kept.some((k) => k.id === id));
      await telephonyRepo.deleteRecords(db, gone);
      return { erased: gone.length, kept };
    },

    // Call records rest on a legitimate interest (Art. 6(1)(f)): an objection deletes the record.
    async withdraw(subject, item, right, db) {
      if (right !== 'objection' || item.category !== category) return null;
      if (!(await telephonyRepo.recordsOfNumbers(db, subject.phones)).some((r) => r.id === item.id)) return null;
      await telephonyRepo.deleteRecords(db, [item.id]);
      return { en: 'This call record was deleted.', de: 'Dieser Anrufdatensatz wurde gelöscht.' };
    },
  };
}
