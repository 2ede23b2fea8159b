import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/store.js';
import type { AuditAction } from './audit-words.js';
import { privacyRepo } from './repo.js';

/** Structurally the accounts domain's Actor, plus the system's jobs and anonymous visitors. */
export type AuditActor =
  { kind: 'staff'; accountId: string } | { kind: 'api_token'; tokenId: string } | { kind: 'system' } | { kind: 'public' };

export interface AuditEvent {
  /** One of the actions the audit log has words for (audit-words.ts). */
  action: AuditAction;
  subject?: { type: string; id: string };
  /** Non-personal facts only (counts, roles, rule names): audit entries outlive the data they describe. */
  detail?: Record<string, string | number | boolean>;
}

function actorColumns(actor: AuditActor) {
  switch (actor.kind) {
    case 'staff':
      return { actor_kind: 'staff' as const, actor_id: actor.accountId };
    case 'api_token':
      return { actor_kind: 'api_token' as const, actor_id: actor.tokenId };
    default:
      return { actor_kind: actor.kind, actor_id: null };
  }
}

const entryOf = (actor: AuditActor, event: AuditEvent) => ({
  id: randomUUID(),
  at: new Date().toISOString(),
  ...actorColumns(actor),
  action: event.action,
  subject_type: event.subject?.type ?? null,
  subject_id: event.subject?.id ?? null,
  detail: event.detail ? JSON.stringify(event.detail) : null,
});

/** Writes an audit entry with the executor of the change it records, i.e. in the same transaction. */
export async function recordAudit(db: Executor, actor: AuditActor, event: AuditEvent): Promise<void> {
  await privacyRepo.insertAuditEntry(db, entryOf(actor, event));
}

/** The audit entry as a statement, to commit with the change it records (store.commitPlanned). */
export const auditStatement = (db: Executor, actor: AuditActor, event: AuditEvent) =>
  privacyRepo.auditEntryStatement(db, entryOf(actor, event));
