import type { SubjectDataSource } from '../shared/subject-data.js';
import { acceptPersonName } from '../http/schemas.js';
import { roomsRepo } from './repo.js';

/**
 * What the rooms domain contributes to the privacy center: attendance rows of a data subject,
 * matched through their registrations (people who joined with a meeting ID and passcode left
 * only a display name, which identifies no one reliably).
 */

const attendance = 'rooms.attendance';

export function createRoomsSubjectData(): SubjectDataSource {
  return {
    domain: 'rooms',

    async collect(subject, db) {
      return (await roomsRepo.attendanceOfRegistrations(db, subject.registrationIds)).map((a) => ({
        category: attendance,
        id: a.id,
        registrationId: a.registration_id ?? undefined,
        context: a.title,
        correctable: ['displayName'],
        data: { displayName: a.display_name, role: a.role, joinedAt: a.joined_at, leftAt: a.left_at },
      }));
    },

    async erase(subject, keep, db) {
      const rows = await roomsRepo.attendanceOfRegistrations(db, subject.registrationIds);
      const kept = rows.filter((a) => keep({ category: attendance, id: a.id })).map((a) => ({ category: attendance, id: a.id }));
      const gone = rows.map((a) => a.id).filter((id) => !kept.some((k) => k.id === id));
      await roomsRepo.deleteAttendance(db, gone);
      return { erased: gone.length, kept };
    },

    async correct(subject, item, fields, db) {
      const name = fields.displayName === undefined ? undefined : acceptPersonName(fields.displayName);
      if (item.category !== attendance || Object.keys(fields).length !== 1 || !name) return false;
      if (!(await roomsRepo.attendanceOfRegistrations(db, subject.registrationIds)).some((a) => a.id === item.id)) return false;
      await roomsRepo.setAttendanceName(db, item.id, name);
      return true;
    },

    // Attendance rests on a legitimate interest (Art. 6(1)(f)): an objection removes the row.
    async withdraw(subject, item, right, db) {
      if (right !== 'objection' || item.category !== attendance) return null;
      if (!(await roomsRepo.attendanceOfRegistrations(db, subject.registrationIds)).some((a) => a.id === item.id)) return null;
      await roomsRepo.deleteAttendance(db, [item.id]);
      return {
        en: 'This attendance record was deleted; the host’s report no longer lists it.',
        de: 'Dieser Teilnahmeeintrag wurde gelöscht; der Bericht der Veranstalter führt ihn nicht mehr.',
      };
    },
  };
}
