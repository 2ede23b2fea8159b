import type { RetentionTask, SubjectDataSource } from '../shared/subject-data.js';
import { eventsRepo } from '../events/repo.js';
import { periodOver, roomEnd } from '../events/retention.js';
import { chatRepo } from './repo.js';

/**
 * What the chat domain contributes to the privacy center: minutes entries a data subject wrote,
 * matched through their registrations (guests who joined with a passcode left only a display
 * name, which identifies no one reliably). Chat outside the minutes is never stored, so there is
 * nothing else to find.
 */

const minutes = 'chat.minutes';

export function createChatSubjectData(): SubjectDataSource {
  const own = async (db: Parameters<SubjectDataSource['collect']>[1], registrationIds: readonly string[]) =>
    chatRepo.entriesOfRegistrations(db, registrationIds);
  return {
    domain: 'chat',

    async collect(subject, db) {
      return (await own(db, subject.registrationIds)).map((e) => ({
        category: minutes,
        id: e.id,
        registrationId: e.author_registration_id ?? undefined,
        context: e.title,
        data: { at: e.at, kind: e.kind, displayName: e.author_name, text: e.text, private: e.private === 1 },
      }));
    },

    async erase(subject, keep, db) {
      const rows = await own(db, subject.registrationIds);
      const kept = rows.filter((e) => keep({ category: minutes, id: e.id })).map((e) => ({ category: minutes, id: e.id }));
      const gone = rows.map((e) => e.id).filter((id) => !kept.some((k) => k.id === id));
      if (gone.length) await chatRepo.deleteEntries(db, gone);
      return { erased: gone.length, kept };
    },

    // The minutes rest on a legitimate interest (Art. 6(1)(f)): an objection removes the entry.
    async withdraw(subject, item, right, db) {
      if (right !== 'objection' || item.category !== minutes) return null;
      if (!(await own(db, subject.registrationIds)).some((e) => e.id === item.id)) return null;
      await chatRepo.deleteEntries(db, [item.id]);
      return { en: 'Your message was removed from the minutes.', de: 'Ihre Nachricht wurde aus dem Protokoll entfernt.' };
    },
  };
}

/** Minutes go their event's period (the host's, else the configured `days`) after the meeting or event ended, except entries under a legal hold. */
export function chatRetentionTasks(): RetentionTask[] {
  return [
    {
      category: minutes,
      rule: "{{days}} days after the meeting or event ended, or the event's retention_minutes_days",
      async run({ now, days, dryRun, held }, db) {
        const rooms = (await eventsRepo.roomsEndedBefore(db, now.toISOString())).filter((room) => {
          const end = roomEnd(room);
          return end !== null && periodOver(end, room.retention_minutes_days ?? days, now);
        });
        const due: string[] = [];
        for (let i = 0; i < rooms.length; i += 500)
          due.push(
            ...(
              await chatRepo.idsInRooms(
                db,
                rooms.slice(i, i + 500).map((r) => r.id),
              )
            ).filter((id) => !held(id)),
          );
        if (!dryRun) for (let i = 0; i < due.length; i += 500) await chatRepo.deleteEntries(db, due.slice(i, i + 500));
        return due.length;
      },
    },
  ];
}
