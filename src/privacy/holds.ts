import type { Executor } from '../store/store.js';
import type { LegalHoldTable } from '../store/schema.js';
import { privacyRepo } from './repo.js';
import type { KeptItem, SubjectItemRef } from '../shared/subject-data.js';

/** The legal holds in force at `now`, asked by category and item. */
export interface ActiveHolds {
  /** The hold that keeps this item (or its whole category), if any. */
  find(item: SubjectItemRef): LegalHoldTable | undefined;
  /** Ids held within one category; `all` when the whole category is held. */
  heldIn(category: string): { all: boolean; ids: string[] };
  /** A kept item with the reason and end date of its hold filled in. */
  explain(item: KeptItem): KeptItem;
}

export async function loadActiveHolds(db: Executor, now: Date): Promise<ActiveHolds> {
  const holds = await privacyRepo.activeHolds(db, now.toISOString().slice(0, 10));
  const find = (item: SubjectItemRef) => holds.find((h) => h.category === item.category && (h.item_id === null || h.item_id === item.id));
  return {
    find,
    heldIn(category) {
      const inCategory = holds.filter((h) => h.category === category);
      return { all: inCategory.some((h) => h.item_id === null), ids: inCategory.flatMap((h) => (h.item_id ? [h.item_id] : [])) };
    },
    explain(item) {
      const hold = find(item);
      // A hold's reason is written by the DPO in one language; it is shown as written.
      return hold ? { ...item, reason: { en: hold.reason, de: hold.reason }, until: hold.until } : item;
    },
  };
}
