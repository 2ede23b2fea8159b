import type { EventSpeakerTable } from '../store/schema.js';
import type { Executor } from '../store/store.js';

export type SpeakerRow = EventSpeakerTable;
/** A speaker without the photo's bytes (lists, the page). */
export type SpeakerEntry = Omit<SpeakerRow, 'photo_base64'>;

const entryColumns = ['id', 'event_id', 'position', 'name', 'role', 'photo_type', 'updated_at'] as const;

export const speakersRepo = {
  list: (db: Executor, eventId: string): Promise<SpeakerEntry[]> =>
    db.selectFrom('event_speakers').select(entryColumns).where('event_id', '=', eventId).orderBy('position').execute(),

  /** The event's speakers become `rows` (in order); a kept speaker keeps the photo, a removed one goes with it. */
  async replace(db: Executor, eventId: string, rows: Omit<SpeakerRow, 'photo_type' | 'photo_base64'>[]) {
    const keep = rows.map((row) => row.id);
    let removal = db.deleteFrom('event_speakers').where('event_id', '=', eventId);
    if (keep.length) removal = removal.where('id', 'not in', keep);
    await removal.execute();
    for (const row of rows) {
      await db
        .insertInto('event_speakers')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ position: row.position, name: row.name, role: row.role }))
        .execute();
    }
  },

  /** Null type and bytes remove the photo; false when the event has no such speaker. */
  async setPhoto(db: Executor, eventId: string, speakerId: string, photo: { type: string; base64: string } | null, now: string) {
    const result = await db
      .updateTable('event_speakers')
      .set({ photo_type: photo?.type ?? null, photo_base64: photo?.base64 ?? null, updated_at: now })
      .where('id', '=', speakerId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  photo: (db: Executor, eventId: string, speakerId: string) =>
    db
      .selectFrom('event_speakers')
      .select(['photo_type', 'photo_base64'])
      .where('id', '=', speakerId)
      .where('event_id', '=', eventId)
      .executeTakeFirst(),

  countOfEvents: async (db: Executor, eventIds: readonly string[]) => {
    if (eventIds.length === 0) return 0;
    const row = await db
      .selectFrom('event_speakers')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('event_id', 'in', eventIds)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** The retention task: the speakers of events whose period is over. */
  deleteOfEvents: async (db: Executor, eventIds: readonly string[]) => {
    if (eventIds.length === 0) return 0;
    const result = await db.deleteFrom('event_speakers').where('event_id', 'in', eventIds).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
