import { z } from 'zod';
import type { Config } from '../config.js';
import type { SubjectItem, ShownValue, Text } from '../shared/api/privacy.js';
import { retentionDays, type PrivacyDeclaration } from '../shared/privacy-declaration.js';
import { readablePhone } from '../shared/schemas.js';
import type { KeptItem } from '../shared/subject-data.js';
import { itemWords, type FieldWords } from './item-words.js';
import { basisSentence, retentionText } from './notice.js';
import type { PresentedItem } from './subject-service.js';

/** What leaves the server about a data subject's items: named fields only (src/shared/api/privacy.ts), with words to read them by. */

export const itemRef = z.strictObject({ category: z.string().min(1).max(80), id: z.string().min(1).max(200) });

/** What the presenter needs besides the item: the configured periods, and when each notice version came into force. */
export interface PresentContext {
  periods: Config['retention'];
  noticeDates: ReadonlyMap<string, string>;
}

const day = 86_400_000;
const unnamed: Text = { en: 'An item stored about you', de: 'Ein zu Ihnen gespeicherter Eintrag' };
const someEvent: Text = { en: 'an event', de: 'einer Veranstaltung' };

/**
 * A template in both languages: `{{event}}` (with its quotes) becomes the event's title, or "an event" where none is
 * known; `{{field}}` the field's value, a code in its words (capitalised at the start).
 */
function fill(category: string, template: Text, data: Record<string, unknown>, context: string | undefined): Text {
  const fields = itemWords[category]?.fields ?? {};
  const valueOf = (key: string, language: 'en' | 'de') => {
    const field = fields[key];
    const value = data[key];
    if (!value) return '';
    return field !== 'internal' && field?.kind === 'code' ? (field.codes[String(value)]?.[language] ?? String(value)) : String(value);
  };
  const one = (language: 'en' | 'de') => {
    const filled = template[language]
      .replace(/[‘„]?\{\{event\}\}[’“]?/, (quoted) => (context ? quoted.replace('{{event}}', context) : someEvent[language]))
      .replace(/[‘„]?\{\{(\w+)\}\}[’“]?/g, (quoted, key: string) => {
        const value = valueOf(key, language);
        return value ? quoted.replace(`{{${key}}}`, value) : '';
      })
      .replace(/(:|\s\(\))\s*$/, '');
    return filled.charAt(0).toUpperCase() + filled.slice(1);
  };
  return { en: one('en'), de: one('de') };
}

/** The title in both languages ("Registration for ‘…’"), or "An item stored about you" for a category without words. */
function titleOf(category: string, data: Record<string, unknown>, context: string | undefined): Text {
  const words = itemWords[category];
  return words ? fill(category, words.title, data, context) : unnamed;
}

function valueOf(words: Exclude<FieldWords, 'internal'>, value: unknown, context: PresentContext): ShownValue {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  switch (words.kind) {
    case 'time':
      return { kind: 'time', at: String(value) };
    case 'yes-no':
      return { kind: 'yes-no', yes: Boolean(value) };
    case 'phone':
      return { kind: 'text', text: readablePhone(String(value)) };
    case 'notice-version': {
      const date = context.noticeDates.get(String(value));
      return date ? { kind: 'time', at: date } : { kind: 'none' };
    }
    case 'code':
      return { kind: 'words', words: words.codes[String(value)] ?? { en: String(value), de: String(value) } };
    case 'codes': {
      const listed = String(value)
        .split(',')
        .map((part) => words.codes[part.trim()] ?? { en: part, de: part });
      return { kind: 'words', words: { en: listed.map((t) => t.en).join(', '), de: listed.map((t) => t.de).join(', ') } };
    }
    default:
      return { kind: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The day the item goes, where it follows from its data: an event's end plus its period, or the rule's column plus the period. */
function deletionDay(item: PresentedItem, context: PresentContext): string | null {
  if (item.deletesAt) return item.deletesAt;
  const rule = item.retention;
  const days = retentionDays(rule, context.periods);
  if (days === undefined) return null;
  const from = item.retainedFrom ? item.retainedFrom.at : rule.kind === 'after' ? item.data[camel(rule.column)] : undefined;
  if (typeof from !== 'string' || Number.isNaN(Date.parse(from))) return null;
  return new Date(Date.parse(from) + (item.retainedFrom?.days ?? days) * day).toISOString();
}

/** One item as the portal and the DPO's desk show it; `group` gathers it with the others of its registration, or of its kind. */
function presentItem(item: PresentedItem, context: PresentContext, group: SubjectItem['group']): SubjectItem {
  const words = itemWords[item.category]?.fields ?? {};
  const fields = Object.entries(item.data).flatMap(([key, value]) => {
    const field = words[key];
    if (field === 'internal') return [];
    const label = field?.label ?? { en: key, de: key };
    return [{ key, label, value: valueOf(field ?? { label }, value, context) }];
  });
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
    title: titleOf(item.category, item.data, item.context),
    titleDate: item.contextAt ?? null,
    heading: fill(item.category, itemWords[item.category]?.inGroup ?? itemWords[item.category]?.title ?? unnamed, item.data, item.context),
    group,
    fields,
    basis: { en: basisSentence(item.legalBasis, 'en'), de: basisSentence(item.legalBasis, 'de') },
    deletion: {
      rule: { en: retentionText(item.retention, context.periods, 'en'), de: retentionText(item.retention, context.periods, 'de') },
      on: deletionDay(item, context),
    },
  };
}

/**
 * A person's items in groups, as a reader meets them: each registration with everything that hangs on it
 * (titled like the registration: "Registration for ‘…’", with the event's date), the latest event first; then
 * the items of no registration by kind ("Mails we sent you"), in the order the domains gave them.
 */
export function presentItems(items: readonly PresentedItem[], context: PresentContext): SubjectItem[] {
  const groupOf = (item: PresentedItem): SubjectItem['group'] => {
    if (item.registrationId) {
      const registration = items.find((i) => i.category === registrationCategory && i.id === item.registrationId);
      const about = registration ?? item;
      return {
        key: `registration:${item.registrationId}`,
        title: registration ? titleOf(registration.category, registration.data, registration.context) : aboutEvent(about.context),
        date: about.contextAt ?? null,
      };
    }
    const words = itemWords[item.category];
    return { key: `kind:${item.category}`, title: words?.group ?? titleOf(item.category, {}, undefined), date: null };
  };
  const presented = items.map((item) => presentItem(item, context, groupOf(item)));
  const rank = (item: SubjectItem) => (item.group.key.startsWith('registration:') ? 0 : 1);
  // Stable: within a rank, the latest event first; the others keep their order.
  return presented.sort((a, b) => rank(a) - rank(b) || (b.group.date ?? '').localeCompare(a.group.date ?? ''));
}

const registrationCategory = 'events.registrant-required';
const aboutEvent = (event: string | undefined): Text =>
  event ? { en: `About ‘${event}’`, de: `Zu „${event}“` } : { en: 'About an event', de: 'Zu einer Veranstaltung' };

/** What an erasure kept, named in words. */
export const presentKept = (k: KeptItem) => ({
  category: k.category,
  id: k.id,
  what: titleOf(k.category, k.about?.data ?? {}, k.about?.context),
  whatDate: k.about?.contextAt ?? null,
  reason: k.reason ?? null,
  until: k.until ?? null,
});

/** A category's name for the DPO's desk: its item title ("Registration for an event"), else what the notice says it holds. */
export function categoryName(category: string, declarations: readonly PrivacyDeclaration[]): Text {
  if (itemWords[category]) return titleOf(category, {}, undefined);
  const declared = declarations.flatMap((d) => d.categories).find((c) => c.id === category);
  const upper = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return declared ? { en: upper(declared.data.en), de: upper(declared.data.de) } : unnamed;
}
