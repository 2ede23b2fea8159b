import type { KeptItem, RetentionTask, SubjectItem, SubjectItemRef } from '../shared/subject-data.js';
import type { Executor } from '../store/store.js';
import { panelistsRepo } from './panelists-repo.js';
import { eventIdsPastRegistrationPeriod, registrationPeriodRule } from './retention.js';

/** The events domain's part of the privacy center for invited panelists (src/events/panelists.ts). */
export const panelistCategory = 'events.panelists';

/** The invitations of an email: their ids stand where a registration's would in the room (attendance, chat, consents). */
export async function panelistIdsOf(email: string, db: Executor): Promise<string[]> {
  return (await panelistsRepo.ofEmail(db, email)).map((r) => r.id);
}

export async function panelistItems(email: string, db: Executor): Promise<SubjectItem[]> {
  return (await panelistsRepo.ofEmail(db, email)).map((r) => ({
    category: panelistCategory,
    id: r.id,
    context: r.title,
    contextAt: r.starts_at,
    retainedFrom: { at: r.ends_at, days: r.retention_registration_days },
    correctable: [],
    data: { name: r.name, email: r.email, invitedAt: r.invited_at, revokedAt: r.revoked_at },
  }));
}

/** Deletes the email's invitations (their links stop working) except those under a legal hold; `ended` ends each one's sessions. */
export async function erasePanelist(
  email: string,
  keep: (item: SubjectItemRef) => boolean,
  db: Executor,
  ended?: (invitationId: string) => Promise<void>,
): Promise<{ erased: number; kept: KeptItem[] }> {
  const rows = await panelistsRepo.ofEmail(db, email);
  const kept = rows.filter((r) => keep({ category: panelistCategory, id: r.id }));
  const gone = rows.filter((r) => !kept.includes(r));
  const erased = await panelistsRepo.deleteByIds(
    db,
    gone.map((r) => r.id),
  );
  for (const r of gone) await ended?.(r.id);
  return { erased, kept: kept.map((r) => ({ category: panelistCategory, id: r.id })) };
}

/** Invitations go with their webinar's registrations: the event's period after it ended, except those under a legal hold. */
export const panelistRetentionTask: RetentionTask = {
  category: panelistCategory,
  rule: registrationPeriodRule,
  async run({ now, days, dryRun, held }, db) {
    const due = (await panelistsRepo.idsOfEvents(db, await eventIdsPastRegistrationPeriod(db, now, days))).filter((id) => !held(id));
    if (dryRun) return due.length;
    let deleted = 0;
    for (let i = 0; i < due.length; i += 500) deleted += await panelistsRepo.deleteByIds(db, due.slice(i, i + 500));
    return deleted;
  },
};
