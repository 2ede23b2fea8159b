import type { CallOutcome, CallRecordTable } from '../store/schema.js';
import type { Executor } from '../store/store.js';

const recordColumns = [
  'call_records.id',
  'call_records.room_id',
  'call_records.caller_number',
  'call_records.called_number',
  'call_records.caller_country',
  'call_records.source_ip',
  'call_records.source_port',
  'call_records.transport',
  'call_records.outcome',
  'call_records.started_at',
  'call_records.ended_at',
] as const;

export const telephonyRepo = {
  insertRecord: (db: Executor, row: CallRecordTable) => db.insertInto('call_records').values(row).execute(),

  admitted: (db: Executor, id: string, roomId: string) =>
    db.updateTable('call_records').set({ room_id: roomId, outcome: 'admitted' }).where('id', '=', id).execute(),

  ended: (db: Executor, id: string, at: string, outcome: CallOutcome | undefined) =>
    db
      .updateTable('call_records')
      .set(outcome ? { ended_at: at, outcome } : { ended_at: at })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute(),

  /** Calls into the rooms owned by `ownerId` (undefined: every call, for the DPO and admins), newest first. */
  listRecords: (db: Executor, filter: { ownerId?: string; roomId?: string; limit: number }) => {
    let query = db
      .selectFrom('call_records')
      .leftJoin('rooms', 'rooms.id', 'call_records.room_id')
      .select([...recordColumns, 'rooms.title', 'rooms.meeting_number']);
    if (filter.ownerId !== undefined) query = query.where('rooms.owner_id', '=', filter.ownerId);
    if (filter.roomId) query = query.where('call_records.room_id', '=', filter.roomId);
    return query.orderBy('call_records.started_at', 'desc').orderBy('call_records.id').limit(filter.limit).execute();
  },

  recordsOfNumbers: (db: Executor, numbers: readonly string[]) =>
    numbers.length
      ? db
          .selectFrom('call_records')
          .leftJoin('rooms', 'rooms.id', 'call_records.room_id')
          .select([...recordColumns, 'rooms.title'])
          .where('call_records.caller_number', 'in', numbers)
          .orderBy('call_records.started_at')
          .execute()
      : Promise.resolve([]),

  deleteRecords: (db: Executor, ids: readonly string[]) =>
    ids.length ? db.deleteFrom('call_records').where('id', 'in', ids).execute() : Promise.resolve([]),

  roomPhonePin: (db: Executor, roomId: string) =>
    db.selectFrom('rooms').select(['phone_pin', 'meeting_number', 'event_id']).where('id', '=', roomId).executeTakeFirst(),

  /** The registrant a personal phone PIN admits: confirmed, with a valid join link, asked to dial in. */
  registrationByPinHash: (db: Executor, eventId: string, pinHash: string) =>
    db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', eventId)
      .where('phone_pin_hash', '=', pinHash)
      .where('state', '=', 'confirmed')
      .where('dial_in', '=', 1)
      .where('join_token_hash', 'is not', null)
      .executeTakeFirst(),

  /** A data subject's wishes to dial in, with their event (title, start) for the portal; they go with the registration. */
  dialInWishesOf: (db: Executor, registrationIds: readonly string[]) =>
    registrationIds.length
      ? db
          .selectFrom('registrations')
          .innerJoin('events', 'events.id', 'registrations.event_id')
          .select(['registrations.id', 'registrations.phone_pin_hash', 'events.title', 'events.starts_at'])
          .where('registrations.id', 'in', registrationIds)
          .where('registrations.dial_in', '=', 1)
          .execute()
      : Promise.resolve([]),

  pinHashTaken: (db: Executor, eventId: string, pinHash: string) =>
    db.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('phone_pin_hash', '=', pinHash).executeTakeFirst(),

  meetingNumberOfEvent: (db: Executor, eventId: string) =>
    db.selectFrom('rooms').select('meeting_number').where('event_id', '=', eventId).executeTakeFirst(),

  setPinHash: (db: Executor, registrationId: string, pinHash: string) =>
    db.updateTable('registrations').set({ phone_pin_hash: pinHash }).where('id', '=', registrationId).execute(),
};
