import type { ChatMinutesTable } from '../store/schema.js';
import type { Executor } from '../store/store.js';

export const chatRepo = {
  insertMinutesEntry: (db: Executor, row: ChatMinutesTable) => db.insertInto('chat_minutes').values(row).execute(),

  listMinutes: (db: Executor, roomId: string) =>
    db.selectFrom('chat_minutes').selectAll().where('room_id', '=', roomId).orderBy('at').orderBy('id').execute(),

  /** Minutes of rooms that ended (or whose event ended) before `cutoff`. */
  dueForDeletion: async (db: Executor, cutoff: string) =>
    (
      await db
        .selectFrom('chat_minutes')
        .innerJoin('rooms', 'rooms.id', 'chat_minutes.room_id')
        .leftJoin('events', 'events.id', 'rooms.event_id')
        .select('chat_minutes.id')
        .where((eb) => eb.or([eb('rooms.ended_at', '<', cutoff), eb('events.ends_at', '<', cutoff)]))
        .execute()
    ).map((r) => r.id),

  deleteEntries: (db: Executor, ids: readonly string[]) => db.deleteFrom('chat_minutes').where('id', 'in', ids).execute(),

  /** What a data subject wrote (or switched) in minutes, matched through their registrations. */
  entriesOfRegistrations: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('chat_minutes')
          .innerJoin('rooms', 'rooms.id', 'chat_minutes.room_id')
          .select(['chat_minutes.id', 'chat_minutes.at', 'chat_minutes.kind', 'chat_minutes.author_name', 'chat_minutes.text', 'chat_minutes.private', 'rooms.title'])
          .where('chat_minutes.author_registration_id', 'in', registrationIds)
          .orderBy('chat_minutes.at')
          .execute()
      : Promise.resolve([]),
};
