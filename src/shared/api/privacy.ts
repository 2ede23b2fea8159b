import { z } from 'zod';
import { situations } from '../privacy-declaration.js';
import { language, timestamp } from './common.js';

/** The privacy center (src/privacy/routes.ts) and the data subjects' portal (src/privacy/portal-routes.ts). */

/** A text in both languages. */
export const text = z.object({ en: z.string(), de: z.string() });
export type Text = z.infer<typeof text>;

/** A field's value as a person reads it: as typed, a moment (formatted in the reader's zone), a day, words for a stored code, yes or no, or nothing. */
export const shownValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('time'), at: z.string() }),
  z.object({ kind: z.literal('date'), on: z.string() }),
  z.object({ kind: z.literal('words'), words: text }),
  z.object({ kind: z.literal('yes-no'), yes: z.boolean() }),
  z.object({ kind: z.literal('none') }),
]);
export type ShownValue = z.infer<typeof shownValue>;

/** What leaves the server about one of a data subject's items: named fields only. */
export const subjectItem = z.object({
  domain: z.string(),
  category: z.string(),
  id: z.string(),
  context: z.string().nullable(),
  purpose: text,
  legalBasis: z.string().describe('The article of Art. 6(1) GDPR, e.g. 6(1)(a)'),
  data: z.record(z.string(), z.unknown()),
  correctable: z.array(z.string()).nullable().describe('Fields the person may correct; null: every text field'),
  can: z.object({ correct: z.boolean(), withdrawConsent: z.boolean(), object: z.boolean(), erase: z.boolean() }),
  title: text.describe('What the item is, in words; the event’s date (titleDate) follows where known'),
  titleDate: z.string().nullable(),
  heading: text.describe('The item’s heading inside its group, where the group’s title names the event'),
  group: z
    .object({ key: z.string(), title: text, date: z.string().nullable() })
    .describe('The portal shows items together: a registration with what hangs on it, the others by kind'),
  fields: z
    .array(z.object({ key: z.string(), label: text, value: shownValue }))
    .describe('The data with labels, for reading (internal proofs left out; the export has everything)'),
  basis: text.describe('The legal basis as a sentence'),
  deletion: z.object({ rule: text, on: z.string().nullable().describe('The day it will be deleted, where it follows from the data') }),
});
export type SubjectItem = z.infer<typeof subjectItem>;

/** What an erasure kept, and why until when. */
export const keptItem = z.object({
  category: z.string(),
  id: z.string(),
  what: text.describe('What was kept, in words'),
  whatDate: z.string().nullable().describe('The date of the event it belongs to, where known'),
  reason: text.nullable(),
  until: z.string().nullable(),
});
export type KeptItem = z.infer<typeof keptItem>;

export const erasure = z.object({ erased: z.number(), kept: z.array(keptItem) });

// The data protection officer: requests received by email

export const requestType = z.enum(['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdrawal']);

export const privacyRequest = z.object({
  id: z.string(),
  type: requestType,
  email: z.string(),
  name: z.string().nullable(),
  receivedAt: timestamp,
  dueAt: timestamp,
  extensionReason: z.string().nullable(),
  status: z.enum(['open', 'done', 'rejected']),
  overdue: z.boolean(),
  note: z.string().nullable(),
  verifiedPhone: z.string().nullable(),
  closedAt: timestamp.nullable(),
});
export type PrivacyRequest = z.infer<typeof privacyRequest>;

export const requestList = z.object({ requests: z.array(privacyRequest) });
export const recordedRequest = z.object({ id: z.string(), dueAt: timestamp });
export const extendedRequest = z.object({ dueAt: timestamp });
export const subjectItems = z.object({ items: z.array(subjectItem) });

// Legal holds, the audit log, retention

export const legalHold = z.object({
  id: z.string(),
  category: z.string(),
  what: text.describe('The category in words'),
  itemId: z.string().nullable(),
  reason: z.string(),
  until: z.string(),
  createdAt: timestamp,
  releasedAt: timestamp.nullable(),
});
export type LegalHold = z.infer<typeof legalHold>;

export const holdList = z.object({
  holds: z.array(legalHold),
  categories: z.array(z.object({ id: z.string(), what: text })).describe('The categories a hold can keep, in words'),
});
export const placedHold = z.object({ id: z.string() });

export const auditEntry = z.object({
  id: z.string(),
  at: timestamp,
  actorKind: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  what: text.describe('The action in words'),
  actorName: z.string().nullable().describe('The staff member’s or API token’s name; null: the system, a visitor, or deleted since'),
  about: text.nullable().describe('What the entry is about, in words'),
  facts: z.array(z.object({ label: text, value: shownValue })).describe('The entry’s facts with labels, in words'),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditLog = z.object({ entries: z.array(auditEntry) });

export const retentionReport = z.object({
  dryRun: z.boolean(),
  at: timestamp,
  results: z.array(
    z.object({
      categories: z.array(z.string()),
      what: z.array(text).describe('The categories in words'),
      rule: z.string(),
      count: z.number(),
      error: z.string().optional(),
    }),
  ),
});
export type RetentionReport = z.infer<typeof retentionReport>;

// What the notice still lacks, and the processor registry (admin and DPO)

export const checklistItem = z.object({
  key: z.enum(['name', 'address', 'privacyEmail', 'authority', 'dpo', 'hosting', 'mail', 'telephony']),
  done: z.boolean(),
  required: z.boolean().describe('Required by Art. 13 GDPR for the notice to be complete; the others are strongly advised'),
  where: z.enum(['settings', 'processors']).describe('Where the admin sets it: the settings page or the processor registry'),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const checklist = z.object({ items: z.array(checklistItem) });

export const processor = z.object({
  id: z.string(),
  name: z.string(),
  purposeEn: z.string(),
  purposeDe: z.string(),
  country: z.string(),
  transferBasis: z.enum(['eu', 'adequacy', 'scc', 'bcr']),
  service: z.enum(['hosting', 'mail', 'telephony', 'other']),
});
export type Processor = z.infer<typeof processor>;

export const processorList = z.object({ processors: z.array(processor), noticeVersion: z.string() });
export const processorAdded = z.object({ id: z.string(), noticeVersion: z.string() });
/** A change to the registry makes a new notice version. */
export const processorChanged = z.object({ noticeVersion: z.string() });

// The portal

export const myData = z.object({ email: z.string(), items: z.array(subjectItem) });
export const withdrawal = z.object({ effect: text });

/** One situation of the privacy notice in prose: per declared category what, why, legal basis, recipients and how long. */
export const noticeSection = z.object({
  situation: z.enum(situations),
  title: z.string(),
  intro: z.string().describe('Paragraphs parted by a line break'),
  paragraphs: z.array(z.string()),
});
export type NoticeSection = z.infer<typeof noticeSection>;

export const noticeDocument = z.object({
  version: z.string().describe('Internal: the hash registrations and consents record; pages show the date'),
  versionDate: z.string().nullable().describe('When this version came into force (ISO-8601)'),
  earlierVersions: z.array(z.object({ version: z.string(), date: z.string() })).describe('Earlier versions, newest first'),
  language,
  controller: z.object({
    name: z.string(),
    address: z.string().optional(),
    privacyEmail: z.string().optional(),
    dpo: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
  }),
  sections: z.array(noticeSection).describe('Per situation, in the order a reader meets them; staff accounts last'),
  processors: z.array(
    z.object({
      name: z.string(),
      purpose: z.string(),
      country: z.string(),
      thirdCountry: z.boolean(),
      transferBasis: z.string().nullable(),
    }),
  ),
  thirdCountryTransfers: z.boolean(),
  declared: z.object({
    configured: z.boolean().describe('false while the controller’s name is not set'),
    authority: z.object({ name: z.string(), address: z.string().optional() }).optional(),
    hosting: z
      .union([z.object({ own: z.literal(true), country: z.string() }), z.object({ own: z.literal(false) })])
      .optional()
      .describe('Who runs the servers; absent while not declared'),
  }),
});
export type NoticeDocument = z.infer<typeof noticeDocument>;

export const noticeVersionSource = z.object({ version: z.string(), createdAt: z.string(), source: z.unknown() });

/** What changed in one part of the notice (the controller, a situation, the recipients). */
export const noticePartChange = z.object({
  title: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  paragraphs: z.array(
    z.union([
      z.object({ kind: z.enum(['added', 'removed']), text: z.string() }),
      z.object({ kind: z.literal('changed'), before: z.string(), after: z.string() }),
    ]),
  ),
});
export type NoticePartChange = z.infer<typeof noticePartChange>;

export const noticeHistory = z.object({
  versions: z
    .array(
      z.object({
        date: timestamp,
        inForce: z.boolean(),
        previousDate: timestamp.nullable().describe('The version it is compared with; null for the first version'),
        changes: z.array(noticePartChange).nullable().describe('null: the wording of this or the previous version was not kept'),
      }),
    )
    .describe('Newest first'),
});
export type NoticeHistory = z.infer<typeof noticeHistory>;

/** The record of processing activities (Art. 30 GDPR), in words, in one language. */
export const processingRecord = z.object({
  generatedAt: timestamp,
  controller: z.object({
    name: z.string(),
    address: z.string().optional(),
    privacyEmail: z.string().optional(),
    dpo: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
    configured: z.boolean(),
    authority: z.object({ name: z.string(), address: z.string().optional() }).optional(),
  }),
  activities: z.array(
    z.object({
      title: z.string(),
      dataSubjects: z.array(z.string()),
      categories: z.array(
        z.object({ data: z.string(), purpose: z.string(), legalBasis: z.string(), recipients: z.string(), retention: z.string() }),
      ),
      processors: z.array(z.string()),
      transfers: z.string(),
    }),
  ),
  processors: z.array(z.string()).describe('Every declared processor, with country and transfer basis'),
  measures: z.array(z.object({ title: z.string(), text: z.string() })),
});
export type ProcessingRecord = z.infer<typeof processingRecord>;
