import type { Updateable } from 'kysely';
import type { Executor } from '../store/store.js';
import type { LobbyMode, RoomAttendanceTable, RoomTable } from '../store/schema.js';

export const roomsRepo = {
  insertRoom: (db: Executor, row: RoomTable) => db.insertInto('rooms').values(row).execute(),

  findById: (db: Executor, id: string) => db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst(),

  findByMeetingNumber: (db: Executor, meetingNumber: string) =>
    db.selectFrom('rooms').selectAll().where('meeting_number', '=', meetingNumber).executeTakeFirst(),

  findByEventId: (db: Executor, eventId: string) => db.selectFrom('rooms').selectAll().where('event_id', '=', eventId).executeTakeFirst(),

  /** The rooms of one owner (undefined: every room). */
  listRooms: (db: Executor, ownerId: string | undefined) => {
    let query = db.selectFrom('rooms').selectAll();
    if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId);
    return query.orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
  },

  update: (db: Executor, id: string, changes: Updateable<RoomTable>) => db.updateTable('rooms').set(changes).where('id', '=', id).execute(),

  /** A meeting that ended may start again. */
  reopen: (db: Executor, id: string) => db.updateTable('rooms').set({ ended_at: null }).where('id', '=', id).execute(),

  setLobby: (db: Executor, id: string, lobby: LobbyMode) => db.updateTable('rooms').set({ lobby }).where('id', '=', id).execute(),

  markEnded: (db: Executor, id: string, at: string) =>
    db.updateTable('rooms').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).execute(),

  insertAttendance: (db: Executor, row: RoomAttendanceTable) => db.insertInto('room_attendance').values(row).execute(),

  markLeft: (db: Executor, id: string, at: string) =>
    db.updateTable('room_attendance').set({ left_at: at }).where('id', '=', id).where('left_at', 'is', null).execute(),

  closeOpenAttendance: (db: Executor, roomId: string, at: string) =>
    db.updateTable('room_attendance').set({ left_at: at }).where('room_id', '=', roomId).where('left_at', 'is', null).execute(),

  listAttendance: (db: Executor, roomId: string) =>
    db.selectFrom('room_attendance').selectAll().where('room_id', '=', roomId).orderBy('joined_at').orderBy('id').execute(),

  /** The attendance rows of a data subject's registrations, with the room's title (export, correction, erasure). */
  attendanceOfRegistrations: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('room_attendance')
          .innerJoin('rooms', 'rooms.id', 'room_attendance.room_id')
          .select([
            'room_attendance.id',
            'room_attendance.registration_id',
            'room_attendance.display_name',
            'room_attendance.role',
            'room_attendance.joined_at',
            'room_attendance.left_at',
            'rooms.title',
          ])
          .where('room_attendance.registration_id', 'in', registrationIds)
          .orderBy('room_attendance.joined_at')
          .execute()
      : Promise.resolve([]),

  setAttendanceName: (db: Executor, id: string, displayName: string) =>
    db.updateTable('room_attendance').set({ display_name: displayName }).where('id', '=', id).execute(),

  deleteAttendance: async (db: Executor, ids: readonly string[]) => {
    if (ids.length) await db.deleteFrom('room_attendance').where('id', 'in', ids).execute();
  },
};
