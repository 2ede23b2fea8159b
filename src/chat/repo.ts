import type { ChatMinutesTable } from '../store/schema.js';
import type { Executor } from '../store/store.js';

export const chatRepo = {
  insertMinutesEntry: (db: Executor, row: ChatMinutesTable) => db.insertInto('chat_minutes').values(row).execute(),

  listMinutes: (db: Executor, roomId: string) =>
    db.selectFrom('chat_minutes').selectAll().where('room_id', '=', roomId).orderBy('at').orderBy('id').execute(),

  /** The minutes of these rooms (the retention task picks the rooms whose period is over). */
  idsInRooms: async (db: Executor, roomIds: readonly string[]) =>
    roomIds.length ? (await db.selectFrom('chat_minutes').select('id').where('room_id', 'in', roomIds).execute()).map((r) => r.id) : [],

  deleteEntries: (db: Executor, ids: readonly string[]) => db.deleteFrom('chat_minutes').where('id', 'in', ids).execute(),

  /** What a data subject wrote (or switched) in minutes, matched through their registrations. */
  entriesOfRegistrations: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('chat_minutes')
          .innerJoin('rooms', 'rooms.id', 'chat_minutes.room_id')
          .select([
            'chat_minutes.id',
            'chat_minutes.author_registration_id',
            'chat_minutes.at',
            'chat_minutes.kind',
            'chat_minutes.author_name',
            'chat_minutes.text',
            'chat_minutes.private',
            'rooms.title',
          ])
          .where('chat_minutes.author_registration_id', 'in', registrationIds)
          .orderBy('chat_minutes.at')
          .execute()
      : Promise.resolve([]),
};
