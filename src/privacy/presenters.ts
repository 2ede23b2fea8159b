import { z } from 'zod';
import type { SubjectItem } from '../shared/api/privacy.js';
import type { PresentedItem } from './subject-service.js';

/** What leaves the server about a data subject's items: named fields only (src/shared/api/privacy.ts). */

export const itemRef = z.strictObject({ category: z.string().min(1).max(80), id: z.string().min(1).max(200) });

export function presentItem(item: PresentedItem): SubjectItem {
  return {
    domain: item.domain,
    category: item.category,
    id: item.id,
    context: item.context ?? null,
    purpose: item.purpose,
    legalBasis: item.legalBasis.article,
    data: item.data,
    correctable: item.correctable ? [...item.correctable] : null,
    can: item.can,
  };
}
