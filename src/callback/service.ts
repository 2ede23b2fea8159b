import { randomUUID } from 'node:crypto';
import type { Language } from '../config.js';
import { AppError } from '../errors.js';
import type { Captcha } from '../shared/captcha.js';
import { recordAudit, type AuditActor } from '../privacy/audit.js';
import type { Store } from '../store/store.js';
import { callbackRepo, type CallbackRow } from './repo.js';

/**
 * Callback requests ("Rückruf?" at the end of the privacy notice): a person leaves name, phone,
 * preferred time and topic and consents to be called; staff take the request and mark it done;
 * the retention engine deletes it 30 days (RETENTION_CALLBACK_DAYS) after it is done.
 */

export interface CallbackSubmission {
  name: string;
  /** E.164 */
  phone: string;
  preferredTime: string;
  topic: string;
  consent: true;
  captcha: string;
  language: Language;
}

export function presentCallback(row: CallbackRow) {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    preferredTime: row.preferred_time,
    topic: row.topic,
    language: row.language,
    noticeVersion: row.notice_version,
    createdAt: row.created_at,
    assignedTo: row.assigned_to,
    doneAt: row.done_at,
  };
}

const publicActor: AuditActor = { kind: 'public' };

export function createCallbackService(store: Store, captcha: Captcha, notice: { readonly version: string }) {
  async function change(
    actor: AuditActor,
    id: string,
    action: 'callback.assigned' | 'callback.done',
    changes: Parameters<typeof callbackRepo.update>[2],
  ) {
    await store.transaction(async (tx) => {
      if (!(await callbackRepo.update(tx, id, changes))) throw new AppError('ERR_NOT_FOUND');
      await recordAudit(tx, actor, { action, subject: { type: 'callback_request', id } });
    });
  }

  return {
    async submit(input: CallbackSubmission): Promise<void> {
      const verified = await captcha.verify(input.captcha);
      if (!verified.ok) throw new AppError('ERR_CAPTCHA_INVALID');
      const id = randomUUID();
      await store.transaction(async (tx) => {
        if (!(await captcha.spend(tx, verified))) throw new AppError('ERR_CAPTCHA_INVALID');
        await callbackRepo.insert(tx, {
          id,
          name: input.name,
          phone: input.phone,
          preferred_time: input.preferredTime,
          topic: input.topic,
          language: input.language,
          notice_version: notice.version,
          created_at: new Date().toISOString(),
          assigned_to: null,
          done_at: null,
        });
        await recordAudit(tx, publicActor, {
          action: 'callback.requested',
          subject: { type: 'callback_request', id },
          detail: { noticeVersion: notice.version },
        });
      });
    },

    /** The staff queue; looking at it is recorded (it lists people's phone numbers). */
    async list(actor: AuditActor, filter: 'open' | 'done' | 'all') {
      return store.transaction(async (tx) => {
        const rows = await callbackRepo.list(tx, filter);
        await recordAudit(tx, actor, { action: 'callback.queue.viewed', detail: { filter, count: rows.length } });
        return rows.map(presentCallback);
      });
    },

    assign: (actor: AuditActor, id: string, accountId: string | null) => change(actor, id, 'callback.assigned', { assigned_to: accountId }),

    markDone: (actor: AuditActor, id: string) => change(actor, id, 'callback.done', { done_at: new Date().toISOString() }),
  };
}

export type CallbackService = ReturnType<typeof createCallbackService>;
