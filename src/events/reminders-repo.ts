import type { Executor } from '../store/store.js';
import type { RegistrationRow } from './repo.js';

/** Further links from later mails, and the reminders already sent (src/events/reminders.ts). */
export const remindersRepo = {
  /**
   * The registration a further link opens. A join link only while the seat's own link is active
   * (revoking the seat's link revokes them all); a self-service link while the registration exists.
   */
  findByFurtherLink: (db: Executor, kind: 'join' | 'manage', hash: string): Promise<RegistrationRow | undefined> => {
    let query = db
      .selectFrom('further_links')
      .innerJoin('registrations', 'registrations.id', 'further_links.registration_id')
      .selectAll('registrations')
      .where('further_links.token_hash', '=', hash)
      .where('further_links.kind', '=', kind);
    if (kind === 'join') query = query.where('registrations.join_token_hash', 'is not', null);
    return query.executeTakeFirst();
  },

  addFurtherLink: (db: Executor, kind: 'join' | 'manage', registrationId: string, hash: string, at: string) =>
    db.insertInto('further_links').values({ token_hash: hash, kind, registration_id: registrationId, created_at: at }).execute(),

  /** A new seat link replaces every further join link. */
  deleteFurtherJoinLinksOf: (db: Executor, registrationId: string) =>
    db.deleteFrom('further_links').where('registration_id', '=', registrationId).where('kind', '=', 'join').execute(),

  /** Notes reminders as sent; true when the first one of them was not noted before (so its mail is this caller's to send). */
  markSent: async (db: Executor, registrationId: string, startsAt: string, minutes: readonly number[], at: string): Promise<boolean> => {
    if (minutes.length === 0) return false;
    const inserted = await db
      .insertInto('reminders_sent')
      .values(minutes.map((m) => ({ registration_id: registrationId, minutes_before: m, starts_at: startsAt, sent_at: at })))
      .onConflict((oc) => oc.columns(['registration_id', 'minutes_before', 'starts_at']).doNothing())
      .returning('minutes_before')
      .execute();
    return inserted.some((row) => row.minutes_before === minutes[0]);
  },

  /** Scheduled events that start within `withinMinutes` (the longest reminder), not yet begun. */
  upcomingEvents: (db: Executor, now: string, until: string) =>
    db
      .selectFrom('events')
      .selectAll()
      .where('status', '=', 'scheduled')
      .where('starts_at', '>', now)
      .where('starts_at', '<=', until)
      .execute(),

  /** Registrants of an event with an active seat who have not had this reminder for this start time. */
  unreminded: (db: Executor, eventId: string, startsAt: string, minutes: number, limit: number) =>
    db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('state', '=', 'confirmed')
      .where('join_token_hash', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('reminders_sent')
              .select('registration_id')
              .whereRef('reminders_sent.registration_id', '=', 'registrations.id')
              .where('reminders_sent.minutes_before', '=', minutes)
              .where('reminders_sent.starts_at', '=', startsAt),
          ),
        ),
      )
      .orderBy('id')
      .limit(limit)
      .execute(),
};
