import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { ProcessorKind, ProcessorTable } from '../store/schema.js';
import { recordAudit, type AuditActor } from './audit.js';
import type { Language } from '../config.js';
import { eeaCountries, type NoticeTexts, type PrivacyNoticeSource, type ProcessorInfo, type TransferBasis } from './notice.js';
import { noticeChanges } from './notice-changes.js';
import { privacyRepo } from './repo.js';

/**
 * The processor registry the admin maintains (Art. 28), and the notice versions it produces:
 * each change regenerates the notice and stores the new version with its source.
 */

export interface ProcessorInput {
  name: string;
  purposeEn: string;
  purposeDe: string;
  country: string;
  transferBasis: TransferBasis;
  /** What it does for Plenum; absent: `other`. */
  service?: ProcessorKind;
}

const toInfo = (row: ProcessorTable): ProcessorInfo => ({
  name: row.name,
  purpose: { en: row.purpose_en, de: row.purpose_de },
  country: row.country,
  transferBasis: row.transfer_basis,
  service: row.service,
});

/** Inside the EU/EEA the basis is `eu`; outside, a basis of Chapter V GDPR must be named. */
function checkTransfer(input: ProcessorInput) {
  const inside = eeaCountries.has(input.country);
  if (inside !== (input.transferBasis === 'eu')) throw new AppError('ERR_PROCESSOR_TRANSFER_BASIS');
}

export function createProcessorService(store: Store, notice: PrivacyNoticeSource) {
  async function regenerate(db: Parameters<typeof privacyRepo.listProcessors>[0]) {
    const { version, content, texts } = notice.setProcessors((await privacyRepo.listProcessors(db)).map(toInfo));
    if ((await privacyRepo.noticeVersionInForce(db))?.version !== version) {
      const now = new Date().toISOString();
      await privacyRepo.putNoticeVersionInForce(db, { version, content, texts, created_at: now, in_force_at: now });
    }
    return version;
  }

  return {
    /** At start: the notice in force reflects the stored registry, and its version is stored. */
    load: () => store.transaction((tx) => regenerate(tx)),

    list: () => privacyRepo.listProcessors(store.db),

    /** After a change to what the notice is generated from (the organisation settings): the new version, stored with `db`. */
    refreshNotice: (db: Parameters<typeof privacyRepo.listProcessors>[0]) => regenerate(db),

    async add(actor: AuditActor, input: ProcessorInput): Promise<{ id: string; noticeVersion: string }> {
      checkTransfer(input);
      const id = randomUUID();
      const now = new Date().toISOString();
      return store.transaction(async (tx) => {
        await privacyRepo.insertProcessor(tx, {
          id,
          name: input.name,
          purpose_en: input.purposeEn,
          purpose_de: input.purposeDe,
          country: input.country,
          transfer_basis: input.transferBasis,
          service: input.service ?? 'other',
          created_at: now,
          updated_at: now,
        });
        const noticeVersion = await regenerate(tx);
        await recordAudit(tx, actor, { action: 'processor.added', subject: { type: 'processor', id }, detail: { noticeVersion } });
        return { id, noticeVersion };
      });
    },

    async update(actor: AuditActor, id: string, input: ProcessorInput): Promise<{ noticeVersion: string }> {
      checkTransfer(input);
      return store.transaction(async (tx) => {
        const changed = await privacyRepo.updateProcessor(tx, id, {
          name: input.name,
          purpose_en: input.purposeEn,
          purpose_de: input.purposeDe,
          country: input.country,
          transfer_basis: input.transferBasis,
          service: input.service ?? 'other',
          updated_at: new Date().toISOString(),
        });
        if (!changed) throw new AppError('ERR_NOT_FOUND');
        const noticeVersion = await regenerate(tx);
        await recordAudit(tx, actor, { action: 'processor.changed', subject: { type: 'processor', id }, detail: { noticeVersion } });
        return { noticeVersion };
      });
    },

    async remove(actor: AuditActor, id: string): Promise<{ noticeVersion: string }> {
      return store.transaction(async (tx) => {
        if (!(await privacyRepo.deleteProcessor(tx, id))) throw new AppError('ERR_NOT_FOUND');
        const noticeVersion = await regenerate(tx);
        await recordAudit(tx, actor, { action: 'processor.removed', subject: { type: 'processor', id }, detail: { noticeVersion } });
        return { noticeVersion };
      });
    },

    versions: () => privacyRepo.listNoticeVersions(store.db),

    /** When each version came into force, for showing the version someone was shown as a date. */
    versionDates: async () => new Map((await privacyRepo.listNoticeVersions(store.db)).map((v) => [v.version, v.in_force_at] as const)),

    /**
     * Every version, newest first, with what changed against the one before it in `language`;
     * `changes` is null where the wording of either was not kept (versions stored before it was).
     */
    async history(language: Language) {
      const rows = await privacyRepo.listNoticeTexts(store.db);
      const read = (texts: string | null) => (texts ? (JSON.parse(texts) as NoticeTexts)[language] : undefined);
      return rows
        .map((row, n) => {
          const previous = rows[n - 1];
          const [before, after] = [previous && read(previous.texts), read(row.texts)];
          return {
            date: row.in_force_at,
            inForce: row.version === notice.version,
            previousDate: previous?.in_force_at ?? null,
            changes: previous ? (before && after ? noticeChanges(before, after) : null) : null,
          };
        })
        .reverse();
    },

    /** A notice version's source as it was stored, for showing what someone was shown. */
    async version(version: string) {
      const row = await privacyRepo.findNoticeVersion(store.db, version);
      if (!row) throw new AppError('ERR_NOT_FOUND');
      return { version: row.version, createdAt: row.created_at, source: JSON.parse(row.content) as unknown };
    },
  };
}

export type ProcessorService = ReturnType<typeof createProcessorService>;
