import type { Executor } from '../store/store.js';
import type { RecordingConsentTable, RecordingStatus, RecordingTable, RecordingTrackTable } from '../store/schema.js';

export const recordingRepo = {
  /** What decides whether a room may be recorded: the event's flag for event rooms, the meeting's own otherwise. */
  roomPolicy: (db: Executor, roomId: string) =>
    db
      .selectFrom('rooms')
      .leftJoin('events', 'events.id', 'rooms.event_id')
      .select([
        'rooms.id',
        'rooms.title',
        'rooms.host_account_id',
        'rooms.event_id',
        'rooms.may_be_recorded as meeting_allowed',
        'events.may_be_recorded as event_allowed',
        'events.retention_recording_days',
      ])
      .where('rooms.id', '=', roomId)
      .executeTakeFirst(),

  setMeetingAllowed: (db: Executor, roomId: string, allowed: boolean) =>
    db
      .updateTable('rooms')
      .set({ may_be_recorded: allowed ? 1 : 0 })
      .where('id', '=', roomId)
      .where('event_id', 'is', null)
      .execute(),

  insertRecording: (db: Executor, row: RecordingTable) => db.insertInto('recordings').values(row).execute(),

  /** The recording with the owner of its room, who owns it too (src/accounts/policy.ts). */
  findRecording: (db: Executor, id: string) =>
    db
      .selectFrom('recordings')
      .innerJoin('rooms', 'rooms.id', 'recordings.room_id')
      .selectAll('recordings')
      .select('rooms.owner_id')
      .where('recordings.id', '=', id)
      .executeTakeFirst(),

  updateRecording: (
    db: Executor,
    id: string,
    change: Partial<Pick<RecordingTable, 'status' | 'stopped_at' | 'file_size' | 'duration_seconds' | 'delete_after'>>,
  ) => db.updateTable('recordings').set(change).where('id', '=', id).execute(),

  /**
   * The recording stops being recorded and waits for its file: true for the one caller that
   * changed it (its room's owner and an instance finishing it as abandoned may both try).
   */
  markStopped: async (db: Executor, id: string, change: { stopped_at: string; delete_after: string }): Promise<boolean> => {
    const result = await db
      .updateTable('recordings')
      .set({ ...change, status: 'processing' })
      .where('id', '=', id)
      .where('status', '=', 'recording')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /** Recordings being recorded now (or left so by an owner that went away), of one room or of all. */
  listRecordingNow: (db: Executor, roomId?: string) => {
    const query = db.selectFrom('recordings').select(['id', 'room_id']).where('status', '=', 'recording');
    return (roomId === undefined ? query : query.where('room_id', '=', roomId)).execute();
  },

  /** Recordings waiting for their file. */
  listProcessing: (db: Executor) => db.selectFrom('recordings').select('id').where('status', '=', 'processing').execute(),

  setStatus: (db: Executor, id: string, status: RecordingStatus) =>
    db.updateTable('recordings').set({ status }).where('id', '=', id).execute(),

  /** Recordings of one room, or of every room of one owner (undefined: all), with their room's owner. */
  list: (db: Executor, filter: { roomId?: string; ownerId?: string }) => {
    let query = db
      .selectFrom('recordings')
      .innerJoin('rooms', 'rooms.id', 'recordings.room_id')
      .selectAll('recordings')
      .select('rooms.owner_id');
    if (filter.roomId !== undefined) query = query.where('recordings.room_id', '=', filter.roomId);
    if (filter.ownerId !== undefined) query = query.where('rooms.owner_id', '=', filter.ownerId);
    return query.orderBy('recordings.started_at', 'desc').limit(500).execute();
  },

  /** Recordings no longer being recorded, with the recording period their event's host set (null: the default). */
  listFinishedWithRetention: (db: Executor) =>
    db
      .selectFrom('recordings')
      .leftJoin('rooms', 'rooms.id', 'recordings.room_id')
      .leftJoin('events', 'events.id', 'rooms.event_id')
      .selectAll('recordings')
      .select('events.retention_recording_days')
      .where('recordings.status', '!=', 'recording')
      .execute(),

  deleteRecording: async (db: Executor, id: string) => {
    await db.deleteFrom('recording_tracks').where('recording_id', '=', id).execute();
    await db.deleteFrom('recording_consents').where('recording_id', '=', id).execute();
    await db.deleteFrom('recordings').where('id', '=', id).execute();
  },

  insertConsent: (db: Executor, row: RecordingConsentTable) => db.insertInto('recording_consents').values(row).execute(),

  listConsents: (db: Executor, recordingId: string) =>
    db.selectFrom('recording_consents').selectAll().where('recording_id', '=', recordingId).orderBy('decided_at').orderBy('id').execute(),

  insertTrack: (db: Executor, row: RecordingTrackTable) => db.insertInto('recording_tracks').values(row).execute(),

  stopTrack: (db: Executor, id: string, at: string) =>
    db.updateTable('recording_tracks').set({ stopped_at: at }).where('id', '=', id).where('stopped_at', 'is', null).execute(),

  stopAllTracks: (db: Executor, recordingId: string, at: string) =>
    db
      .updateTable('recording_tracks')
      .set({ stopped_at: at })
      .where('recording_id', '=', recordingId)
      .where('stopped_at', 'is', null)
      .execute(),

  listTracks: (db: Executor, recordingId: string) =>
    db.selectFrom('recording_tracks').selectAll().where('recording_id', '=', recordingId).orderBy('started_at').orderBy('id').execute(),

  deleteTracks: (db: Executor, ids: readonly string[]) =>
    ids.length ? db.deleteFrom('recording_tracks').where('id', 'in', ids).execute() : Promise.resolve([]),

  /** A data subject's tracks and decisions, through their registrations. */
  tracksOfRegistrations: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('recording_tracks')
          .innerJoin('recordings', 'recordings.id', 'recording_tracks.recording_id')
          .selectAll('recording_tracks')
          .select(['recordings.title', 'recordings.status', 'recordings.delete_after'])
          .where('recording_tracks.registration_id', 'in', registrationIds)
          .execute()
      : Promise.resolve([]),

  consentsOfRegistrations: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('recording_consents')
          .innerJoin('recordings', 'recordings.id', 'recording_consents.recording_id')
          .selectAll('recording_consents')
          .select(['recordings.title', 'recordings.delete_after'])
          .where('recording_consents.registration_id', 'in', registrationIds)
          .execute()
      : Promise.resolve([]),
};
