import type { AuditEntry, ShownValue, Text } from '../shared/api/privacy.js';
import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';
import { auditActionWords, auditFactWords, auditSubjectWords, auditValueWords, settingsFieldWords } from './audit-words.js';
import { itemWords } from './item-words.js';
import { categoryName } from './presenters.js';
import type { AuditRow } from './repo.js';

/**
 * An audit entry as the DPO reads it: the action in words, who did it (a staff member's or an API
 * token's name; otherwise the kind of actor), what it was about, and its facts with labels. The
 * codes and ids stay in the answer beside the words, for filters and for machines.
 */

interface AuditContext {
  declarations: readonly PrivacyDeclaration[];
  /** When each notice version came into force. */
  noticeDates: ReadonlyMap<string, string>;
}

const same = (text: string): Text => ({ en: text, de: text });
const otherAction: Text = { en: 'Another action', de: 'Andere Aktion' };

/** A key the tables do not name, in words from its spelling ("mediaAddress" → "Media address"). */
function fromSpelling(key: string): Text {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .toLowerCase();
  return same(words.charAt(0).toUpperCase() + words.slice(1));
}

/** A field name as the person or the settings page calls it. */
function fieldName(key: string): Text {
  if (settingsFieldWords[key]) return settingsFieldWords[key];
  for (const words of Object.values(itemWords)) {
    const field = words.fields[key];
    if (field && field !== 'internal') return field.label;
  }
  return fromSpelling(key);
}

function joined(texts: Text[]): Text {
  return { en: texts.map((t) => t.en).join(', '), de: texts.map((t) => t.de).join(', ') };
}

function fact(key: string, value: string | number | boolean, context: AuditContext): { label: Text; value: ShownValue } | null {
  // The retention run names each category it enforced: "count <category>", "rule <category>", "error <category>".
  const [part, category] = key.split(' ');
  if (category) {
    // The rule is an engineer's note; a category with nothing due says nothing.
    if (part === 'rule' || value === 0) return null;
    const what = categoryName(category, context.declarations);
    if (part === 'error')
      return { label: { en: `Error: ${what.en}`, de: `Fehler: ${what.de}` }, value: { kind: 'text', text: String(value) } };
    return { label: what, value: { kind: 'text', text: String(value) } };
  }
  const label = auditFactWords[key] ?? fromSpelling(key);
  if (typeof value === 'boolean') return { label, value: { kind: 'yes-no', yes: value } };
  if (typeof value === 'number') return { label, value: { kind: 'text', text: String(value) } };
  switch (key) {
    case 'category':
      return { label, value: { kind: 'words', words: categoryName(value, context.declarations) } };
    case 'until':
      return { label, value: { kind: 'date', on: value } };
    case 'noticeVersion': {
      const date = context.noticeDates.get(value);
      return { label, value: date ? { kind: 'date', on: date } : { kind: 'none' } };
    }
    case 'fields':
      return { label, value: { kind: 'words', words: joined(value.split(',').filter(Boolean).map(fieldName)) } };
    case 'type': {
      const types = itemWords['privacy.requests']?.fields.type;
      const words = types && types !== 'internal' && types.kind === 'code' ? types.codes[value] : undefined;
      return { label, value: { kind: 'words', words: words ?? same(value) } };
    }
    default:
      return { label, value: auditValueWords[value] ? { kind: 'words', words: auditValueWords[value] } : { kind: 'text', text: value } };
  }
}

export function presentAuditEntry(row: AuditRow, context: AuditContext): AuditEntry {
  const detail = row.detail ? (JSON.parse(row.detail) as Record<string, string | number | boolean>) : null;
  return {
    id: row.id,
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail,
    what: auditActionWords[row.action as keyof typeof auditActionWords] ?? otherAction,
    actorName: row.staff_name ?? row.token_name ?? null,
    about: row.subject_type ? (auditSubjectWords[row.subject_type] ?? fromSpelling(row.subject_type)) : null,
    facts: detail ? Object.entries(detail).flatMap(([key, value]) => fact(key, value, context) ?? []) : [],
  };
}
