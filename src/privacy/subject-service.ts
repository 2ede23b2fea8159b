import type { Store, Executor } from '../store/store.js';
import { AppError } from '../errors.js';
import type { AuditAction } from './audit-words.js';
import { recordAudit, type AuditActor } from './audit.js';
import { loadActiveHolds } from './holds.js';
import type { DataCategory, PrivacyDeclaration } from '../shared/privacy-declaration.js';
import type { DataSubjectKey, KeptItem, SubjectDataSource, SubjectItem, SubjectItemRef } from '../shared/subject-data.js';

/**
 * Serving a data subject's rights across every domain, through the domains' SubjectDataSources:
 * what is stored (Art. 15), the export (Art. 20), correction (Art. 16), withdrawal of consent
 * (Art. 7(3)), objection (Art. 21) and erasure (Art. 17) with what a legal hold keeps.
 * The email is trusted here: the portal and the DPO's queue establish who is asking.
 */

export interface PresentedItem extends SubjectItem {
  domain: string;
  purpose: DataCategory['purpose'];
  legalBasis: DataCategory['legalBasis'];
  retention: DataCategory['retention'];
  /** Which of the rights the person can use on this item here. */
  can: { correct: boolean; withdrawConsent: boolean; object: boolean; erase: boolean };
}

export interface ErasureReport {
  erased: number;
  kept: KeptItem[];
}

/** Audit details never hold the email; with a request id the DPO's entries point to their request. */
export interface Requester {
  actor: AuditActor;
  requestId?: string;
  /** Numbers the DPO verified for the request; the portal has none (see DataSubjectKey.phones). */
  verifiedPhones?: readonly string[];
}

export function createSubjectService(store: Store, declarations: readonly PrivacyDeclaration[], sources: readonly SubjectDataSource[]) {
  const categories = new Map(declarations.flatMap((d) => d.categories.map((c) => [c.id, { domain: d.domain, category: c }] as const)));

  async function keyOf(email: string, db: Executor, verifiedPhones: readonly string[] = []): Promise<DataSubjectKey> {
    const normalised = email.trim().toLowerCase();
    const registrationIds = new Set<string>();
    for (const source of sources) {
      if (!source.identify) continue;
      (await source.identify(normalised, db)).registrationIds.forEach((r) => registrationIds.add(r));
    }
    return { email: normalised, phones: [...verifiedPhones], registrationIds: [...registrationIds] };
  }

  function sourceOf(item: SubjectItemRef) {
    const declared = categories.get(item.category);
    const source = declared && sources.find((s) => s.domain === declared.domain);
    if (!declared || !source) throw new AppError('ERR_NOT_FOUND');
    return { source, category: declared.category };
  }

  function present(source: SubjectDataSource, item: SubjectItem): PresentedItem {
    const declared = categories.get(item.category);
    const basis = declared?.category.legalBasis ?? { article: '6(1)(b)', contract: { en: '', de: '' } };
    const rights = declared?.category.rights ?? { export: true, correct: false, erase: true };
    return {
      ...item,
      domain: source.domain,
      purpose: declared?.category.purpose ?? { en: item.category, de: item.category },
      legalBasis: basis,
      retention: declared?.category.retention ?? { kind: 'until', text: { en: '', de: '' } },
      can: {
        correct: rights.correct && Boolean(source.correct),
        withdrawConsent: basis.article === '6(1)(a)' && Boolean(source.withdraw),
        object: basis.article === '6(1)(f)' && Boolean(source.withdraw),
        erase: rights.erase,
      },
    };
  }

  const audit = (db: Executor, who: Requester, action: AuditAction, detail: Record<string, string | number | boolean>) =>
    recordAudit(db, who.actor, { action, subject: who.requestId ? { type: 'privacy_request', id: who.requestId } : undefined, detail });

  async function collect(email: string, db: Executor = store.db, verifiedPhones: readonly string[] = []): Promise<PresentedItem[]> {
    const subject = await keyOf(email, db, verifiedPhones);
    const items: PresentedItem[] = [];
    for (const source of sources) items.push(...(await source.collect(subject, db)).map((item) => present(source, item)));
    return items;
  }

  return {
    collect,

    /** Everything the person can see, with an audit entry (viewing personal data is a staff action worth recording). */
    async view(email: string, who: Requester): Promise<PresentedItem[]> {
      return store.transaction(async (tx) => {
        const items = await collect(email, tx, who.verifiedPhones);
        await audit(tx, who, 'privacy.subject.viewed', { items: items.length });
        return items;
      });
    },

    /** The Art. 15/20 export: every item with its purpose and legal basis, as JSON. */
    async export(email: string, who: Requester) {
      return store.transaction(async (tx) => {
        const items = await collect(email, tx, who.verifiedPhones);
        await audit(tx, who, 'privacy.subject.exported', { items: items.length });
        return {
          exportedAt: new Date().toISOString(),
          email: email.trim().toLowerCase(),
          items: items.map((i) => ({
            domain: i.domain,
            category: i.category,
            id: i.id,
            context: i.context ?? null,
            purpose: i.purpose,
            legalBasis: i.legalBasis,
            data: i.data,
          })),
        };
      });
    },

    async correct(email: string, item: SubjectItemRef, fields: Record<string, string>, who: Requester): Promise<void> {
      const { source, category } = sourceOf(item);
      if (!category.rights.correct || !source.correct) throw new AppError('ERR_PRIVACY_NOT_POSSIBLE');
      await store.transaction(async (tx) => {
        if (!(await source.correct!(await keyOf(email, tx, who.verifiedPhones), item, fields, tx)))
          throw new AppError('ERR_PRIVACY_NOT_POSSIBLE');
        await audit(tx, who, 'privacy.subject.corrected', { category: item.category, fields: Object.keys(fields).join(',') });
      });
    },

    /** Art. 7(3) on consent-based items, Art. 21 on legitimate-interest ones; returns the effect in words. */
    async withdraw(email: string, item: SubjectItemRef, right: 'consent' | 'objection', who: Requester) {
      const { source, category } = sourceOf(item);
      const expected = right === 'consent' ? '6(1)(a)' : '6(1)(f)';
      if (category.legalBasis.article !== expected || !source.withdraw) throw new AppError('ERR_PRIVACY_NOT_POSSIBLE');
      return store.transaction(async (tx) => {
        const effect = await source.withdraw!(await keyOf(email, tx, who.verifiedPhones), item, right, tx);
        if (!effect) throw new AppError('ERR_PRIVACY_NOT_POSSIBLE');
        await audit(tx, who, right === 'consent' ? 'privacy.consent.withdrawn' : 'privacy.objection.upheld', { category: item.category });
        return effect;
      });
    },

    /** Art. 17: everything goes except what a legal hold keeps (listed with its reason and end date). */
    async erase(email: string, who: Requester): Promise<ErasureReport> {
      const afterCommit: (() => Promise<void>)[] = [];
      const report = await store.transaction(async (tx) => {
        const holds = await loadActiveHolds(tx, new Date());
        const subject = await keyOf(email, tx, who.verifiedPhones);
        // What each kept item was about, so the report names it as the portal did ("… for ‘Privacy by Design’").
        const before = await collect(email, tx, who.verifiedPhones);
        const about = (k: KeptItem): KeptItem => {
          const item = before.find((i) => i.category === k.category && i.id === k.id);
          // A recording's consent knows its event by the registration it hangs on.
          const registration = item?.registrationId ? before.find((i) => i.id === item.registrationId && i.contextAt) : undefined;
          return item
            ? { ...k, about: { data: item.data, context: item.context, contextAt: item.contextAt ?? registration?.contextAt } }
            : k;
        };
        let erased = 0;
        const kept: KeptItem[] = [];
        for (const source of sources) {
          const result = await source.erase(subject, (ref) => holds.find(ref) !== undefined, tx);
          erased += result.erased;
          kept.push(...result.kept.map((k) => about(k.reason ? k : holds.explain(k))));
          if (result.afterCommit) afterCommit.push(result.afterCommit);
        }
        await audit(tx, who, 'privacy.subject.erased', { erased, kept: kept.length });
        return { erased, kept };
      });
      // Files go only now that the rows are gone for good; every source's files go even when one fails.
      const failed = (await Promise.allSettled(afterCommit.map((work) => work()))).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      await store.scrub();
      return report;
    },
  };
}

export type SubjectService = ReturnType<typeof createSubjectService>;
