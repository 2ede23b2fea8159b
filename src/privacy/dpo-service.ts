import { randomUUID } from 'node:crypto';
import { ownerOf } from '../shared/actor.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { PrivacyRequestStatus, PrivacyRequestType } from '../store/schema.js';
import { recordAudit, type AuditActor } from './audit.js';
import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';
import { privacyRepo, type AuditFilter } from './repo.js';

/**
 * The data protection officer's tools: the queue of requests received by email with their
 * one-month deadline (Art. 12(3): extendable once by up to two months, with a reason), legal
 * holds that the retention engine and erasures honour, and the audit log.
 */

/** The same day of the month `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  const target = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.toISOString();
}

export interface NewRequest {
  type: PrivacyRequestType;
  email: string;
  name?: string;
  /** When the request arrived (ISO date or timestamp); the deadline runs from then. */
  receivedAt: string;
  note?: string;
  /** E.164, only once the DPO verified it (e.g. called it back); opens what is stored under the number. */
  verifiedPhone?: string;
}

export function createDpoService(store: Store, declarations: readonly PrivacyDeclaration[]) {
  const categoryIds = new Set(declarations.flatMap((d) => d.categories.map((c) => c.id)));

  return {
    async recordRequest(actor: AuditActor & { kind: 'staff' | 'api_token' }, input: NewRequest): Promise<{ id: string; dueAt: string }> {
      const id = randomUUID();
      const receivedAt = new Date(input.receivedAt).toISOString();
      const dueAt = addMonths(receivedAt, 1);
      await store.transaction(async (tx) => {
        await privacyRepo.insertRequest(tx, {
          id,
          type: input.type,
          email: input.email,
          name: input.name ?? null,
          received_at: receivedAt,
          due_at: dueAt,
          extension_reason: null,
          status: 'open',
          note: input.note ?? null,
          verified_phone: input.verifiedPhone ?? null,
          created_by: ownerOf(actor),
          created_at: new Date().toISOString(),
          closed_at: null,
        });
        await recordAudit(tx, actor, {
          action: 'privacy.request.recorded',
          subject: { type: 'privacy_request', id },
          detail: { type: input.type },
        });
      });
      return { id, dueAt };
    },

    async extendRequest(actor: AuditActor, id: string, months: 1 | 2, reason: string): Promise<string> {
      return store.transaction(async (tx) => {
        const request = await privacyRepo.findRequest(tx, id);
        if (!request) throw new AppError('ERR_NOT_FOUND');
        if (request.extension_reason !== null || request.status !== 'open') throw new AppError('ERR_PRIVACY_DEADLINE');
        const dueAt = addMonths(request.due_at, months);
        await privacyRepo.updateRequest(tx, id, { due_at: dueAt, extension_reason: reason });
        await recordAudit(tx, actor, { action: 'privacy.request.extended', subject: { type: 'privacy_request', id }, detail: { months } });
        return dueAt;
      });
    },

    async closeRequest(actor: AuditActor, id: string, status: Exclude<PrivacyRequestStatus, 'open'>, note?: string): Promise<void> {
      await store.transaction(async (tx) => {
        const request = await privacyRepo.findRequest(tx, id);
        if (!request) throw new AppError('ERR_NOT_FOUND');
        await privacyRepo.updateRequest(tx, id, { status, closed_at: new Date().toISOString(), ...(note !== undefined ? { note } : {}) });
        await recordAudit(tx, actor, { action: 'privacy.request.closed', subject: { type: 'privacy_request', id }, detail: { status } });
      });
    },

    async findRequest(id: string) {
      const request = await privacyRepo.findRequest(store.db, id);
      if (!request) throw new AppError('ERR_NOT_FOUND');
      return request;
    },

    /** `overdue`: open requests whose deadline has passed. */
    listRequests: (filter: 'open' | 'overdue' | 'all') =>
      privacyRepo.listRequests(
        store.db,
        filter === 'all' ? {} : { status: 'open', ...(filter === 'overdue' ? { dueBefore: new Date().toISOString() } : {}) },
      ),

    async placeHold(
      actor: AuditActor & { kind: 'staff' | 'api_token' },
      input: { category: string; itemId?: string; reason: string; until: string },
    ): Promise<string> {
      if (!categoryIds.has(input.category)) throw new AppError('ERR_PRIVACY_CATEGORY_UNKNOWN');
      if (input.until < new Date().toISOString().slice(0, 10)) throw new AppError('ERR_PRIVACY_HOLD_ENDED');
      const id = randomUUID();
      await store.transaction(async (tx) => {
        await privacyRepo.insertHold(tx, {
          id,
          category: input.category,
          item_id: input.itemId ?? null,
          reason: input.reason,
          until: input.until,
          created_by: ownerOf(actor),
          created_at: new Date().toISOString(),
          released_at: null,
        });
        await recordAudit(tx, actor, {
          action: 'privacy.hold.placed',
          subject: { type: 'legal_hold', id },
          detail: { category: input.category, until: input.until },
        });
      });
      return id;
    },

    async releaseHold(actor: AuditActor, id: string): Promise<void> {
      await store.transaction(async (tx) => {
        if (!(await privacyRepo.releaseHold(tx, id, new Date().toISOString()))) throw new AppError('ERR_NOT_FOUND');
        await recordAudit(tx, actor, { action: 'privacy.hold.released', subject: { type: 'legal_hold', id } });
      });
    },

    listHolds: () => privacyRepo.listHolds(store.db),

    /** The audit log; viewing it is itself recorded. */
    async auditLog(actor: AuditActor, filter: AuditFilter) {
      return store.transaction(async (tx) => {
        const entries = await privacyRepo.findAuditEntries(tx, filter);
        await recordAudit(tx, actor, { action: 'privacy.audit.viewed', detail: { entries: entries.length } });
        return entries;
      });
    },
  };
}

export type DpoService = ReturnType<typeof createDpoService>;
