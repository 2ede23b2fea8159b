import type { SubjectDataSource } from '../privacy/subject.js';
import type { Executor } from '../store/store.js';

/**
 * What the rooms domain contributes to the privacy center: attendance rows of a data subject,
 * matched through their registrations (people who joined with a meeting ID and passcode left
 * only a display name, which identifies no one reliably). The subject-access queries sit here,
 * beside their only caller.
 */

const attendance = 'rooms.attendance';

const attendanceOf = (db: Executor, registrationIds: readonly string[]) =>
  registrationIds.length
    ? db
        .selectFrom('room_attendance')
        .innerJoin('rooms', 'rooms.id', 'room_attendance.room_id')
        .select(['room_attendance.id', 'room_attendance.display_name', 'room_attendance.role', 'room_attendance.joined_at', 'room_attendance.left_at', 'rooms.title'])
        .where('room_attendance.registration_id', 'in', registrationIds)
        .orderBy('room_attendance.joined_at')
        .execute()
    : Promise.resolve([]);

export function createRoomsSubjectData(): SubjectDataSource {
  return {
    domain: 'rooms',

    async collect(subject, db) {
      return (await attendanceOf(db, subject.registrationIds)).map((a) => ({
        category: attendance,
        id: a.id,
        context: a.title,
        correctable: ['displayName'],
        data: { displayName: a.display_name, role: a.role, joinedAt: a.joined_at, leftAt: a.left_at },
      }));
    },

    async erase(subject, keep, db) {
      const rows = await attendanceOf(db, subject.registrationIds);
      const kept = rows.filter((a) => keep({ category: attendance, id: a.id })).map((a) => ({ category: attendance, id: a.id }));
      const gone = rows.map((a) => a.id).filter((id) => !kept.some((k) => k.id === id));
      if (gone.length) await db.deleteFrom('room_attendance').where('id', 'in', gone).execute();
      return { erased: gone.length, kept };
    },

    async correct(subject, item, fields, db) {
      const name = fields.displayName?.trim();
      if (item.category !== attendance || Object.keys(fields).length !== 1 || !name || name.length > 100) return false;
      if (!(await attendanceOf(db, subject.registrationIds)).some((a) => a.id === item.id)) return false;
      await db.updateTable('room_attendance').set({ display_name: name }).where('id', '=', item.id).execute();
      return true;
    },

    // Attendance rests on a legitimate interest (Art. 6(1)(f)): an objection removes the row.
    async withdraw(subject, item, right, db) {
      if (right !== 'objection' || item.category !== attendance) return null;
      if (!(await attendanceOf(db, subject.registrationIds)).some((a) => a.id === item.id)) return null;
      await db.deleteFrom('room_attendance').where('id', '=', item.id).execute();
      return { en: 'This attendance record was deleted; the host’s report no longer lists it.', de: 'Dieser Teilnahmeeintrag wurde gelöscht; der Bericht der Veranstalter führt ihn nicht mehr.' };
    },
  };
}
