import { z } from 'zod';
import type { PresentedItem } from './subject-service.js';

/** What leaves the server about a data subject's items: named fields only. */

export const textOut = z.object({ en: z.string(), de: z.string() });

export const itemRef = z.strictObject({ category: z.string().min(1).max(80), id: z.string().min(1).max(200) });

export const itemOut = z.object({
  domain: z.string(),
  category: z.string(),
  id: z.string(),
  context: z.string().nullable(),
  purpose: textOut,
  legalBasis: z.string().describe('The article of Art. 6(1) GDPR, e.g. 6(1)(a)'),
  data: z.record(z.string(), z.unknown()),
  correctable: z.array(z.string()).nullable().describe('Fields the person may correct; null: every text field'),
  can: z.object({ correct: z.boolean(), withdrawConsent: z.boolean(), object: z.boolean(), erase: z.boolean() }),
});

export function presentItem(item: PresentedItem): z.infer<typeof itemOut> {
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
