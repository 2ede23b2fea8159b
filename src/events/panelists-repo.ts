import type { PanelistInvitationTable } from '../store/schema.js';
import type { Executor } from '../store/store.js';

export type PanelistRow = PanelistInvitationTable;

const listed = ['id', 'event_id', 'name', 'email', 'invited_at', 'revoked_at'] as const;

export const panelistsRepo = {
  insert: (db: Executor, row: PanelistRow) => db.insertInto('panelist_invitations').values(row).execute(),

  list: (db: Executor, eventId: string) =>
    db.selectFrom('panelist_invitations').select(listed).where('event_id', '=', eventId).orderBy('invited_at').orderBy('id').execute(),

  find: (db: Executor, eventId: string, id: string) =>
    db.selectFrom('panelist_invitations').select(listed).where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst(),

  /** An invitation to this address for this event that still stands. */
  activeOfEmail: (db: Executor, eventId: string, email: string) =>
    db
      .selectFrom('panelist_invitations')
      .select('id')
      .where('event_id', '=', eventId)
      .where('email', '=', email)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),

  findByToken: (db: Executor, hash: string) =>
    db.selectFrom('panelist_invitations').select(listed).where('token_hash', '=', hash).executeTakeFirst(),

  revoke: (db: Executor, id: string, now: string) =>
    db.updateTable('panelist_invitations').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute(),

  ofEmail: (db: Executor, email: string) =>
    db
      .selectFrom('panelist_invitations')
      .innerJoin('events', 'events.id', 'panelist_invitations.event_id')
      .select([
        'panelist_invitations.id',
        'panelist_invitations.name',
        'panelist_invitations.email',
        'panelist_invitations.invited_at',
        'panelist_invitations.revoked_at',
        'panelist_invitations.event_id',
        'events.title',
        'events.starts_at',
        'events.ends_at',
        'events.retention_registration_days',
      ])
      .where('panelist_invitations.email', '=', email)
      .execute(),

  deleteByIds: async (db: Executor, ids: readonly string[]) => {
    if (ids.length === 0) return 0;
    const result = await db.deleteFrom('panelist_invitations').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  idsOfEvents: async (db: Executor, eventIds: readonly string[]) => {
    if (eventIds.length === 0) return [];
    const rows = await db.selectFrom('panelist_invitations').select('id').where('event_id', 'in', eventIds).execute();
    return rows.map((r) => r.id);
  },
};
