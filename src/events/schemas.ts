import { z } from 'zod';
import { emailAddress, language, personName, plainText, timestamp } from '../http/schemas.js';
import type { QuestionKind } from '../store/schema.js';
import { phoneNumber } from '../shared/schemas.js';

/** Optional free text: an empty field counts as not given. */
const optionalText = (max: number) =>
  plainText(max)
    .optional()
    .transform((value) => (value ? value : undefined));

/**
 * An answer to one of the host's questions, as the registration form and a correction in the
 * portal take it: one line of plain text, and for a choice question exactly one of its options.
 * Undefined: refused.
 */
export function acceptAnswer(question: { kind: QuestionKind; choices: string | null }, raw: string): string | undefined {
  const text = plainText(2000).safeParse(raw);
  if (!text.success) return undefined;
  if (question.kind === 'choice' && !(JSON.parse(question.choices ?? '[]') as string[]).includes(text.data)) return undefined;
  return text.data;
}

const answers = z
  .record(z.uuid(), z.string().max(2000))
  .refine((record) => Object.keys(record).length <= 50)
  .default({});

export const registrantDetails = z.strictObject({
  firstName: personName,
  lastName: personName,
  company: optionalText(200),
  industry: optionalText(200),
  phone: phoneNumber,
  answers,
});

export const registrationSubmission = registrantDetails.extend({
  email: emailAddress,
  language: language.optional(),
  captcha: z.string().min(1).max(8000).describe('The ALTCHA widget’s payload (base64 JSON)'),
  dialIn: z
    .boolean()
    .optional()
    .describe('“I want to dial in by phone”: the join mail carries the number and a personal PIN (only where the event offers dial-in)'),
});

/** Days the host keeps one kind of data of the event; null = the configured default. */
const retentionDays = z
  .number()
  .refine((days) => Number.isInteger(days) && days >= 1 && days <= 3650, { message: 'ERR_RETENTION_DAYS' })
  .nullable()
  .default(null);

export const eventRetentionInput = z.strictObject({
  registrationDays: retentionDays.describe('Registrations, their answers and Q&A questions: days after the event ends'),
  minutesDays: retentionDays.describe('Chat minutes: days after the event ends'),
  recordingDays: retentionDays.describe('Recordings (file and raw tracks): days after each recording stopped'),
});

export const retentionDefaultsOut = z.object({ registrationDays: z.number(), minutesDays: z.number(), recordingDays: z.number() });

const retentionOut = z.object({
  registrationDays: z.number().nullable(),
  minutesDays: z.number().nullable(),
  recordingDays: z.number().nullable(),
  /** What applies when the host left a period empty. */
  defaults: retentionDefaultsOut,
});

const isoInstant = z.iso.datetime({ offset: true }).describe('ISO-8601 date and time with offset');

const question = z.strictObject({
  id: z.uuid().optional(),
  kind: z.enum(['text', 'choice']),
  label: plainText(300).pipe(z.string().min(1)),
  purpose: plainText(500).pipe(z.string().min(1)).describe('Why the host asks; shown with the question'),
  choices: z
    .array(plainText(200).pipe(z.string().min(1)))
    .min(2)
    .max(30)
    .optional(),
});

export const eventInput = z.strictObject({
  kind: z.enum(['meeting', 'webinar']),
  title: plainText(200).pipe(z.string().min(1)),
  description: z.string().trim().max(10_000).default(''),
  startsAt: isoInstant,
  endsAt: isoInstant,
  timeZone: z.string().trim().min(1).max(64).describe('IANA time zone, e.g. Europe/Berlin'),
  language,
  capacity: z.number().int().min(1).max(100_000).nullable().default(null),
  registrationOpensAt: isoInstant.nullable().default(null),
  registrationClosesAt: isoInstant.nullable().default(null),
  approvalMode: z.enum(['automatic', 'manual']).default('automatic'),
  dialInOffered: z.boolean().default(false),
  mayBeRecorded: z
    .boolean()
    .default(false)
    .describe('The host may ask participants to consent to a recording (off by default); the registration page says so'),
  followUp: z
    .strictObject({
      text: z
        .string()
        .trim()
        .max(2_000)
        .nullable()
        .transform((text) => text || null),
      url: z
        .string()
        .trim()
        .max(2_000)
        .url()
        .refine((value) => value.startsWith('https://') || value.startsWith('http://'), { message: 'ERR_VALIDATION' })
        .nullable(),
    })
    .default({ text: null, url: null })
    .describe('What attendees see at the end of a webinar: an optional text and an optional http(s) link'),
  retention: eventRetentionInput
    .default({ registrationDays: null, minutesDays: null, recordingDays: null })
    .describe('Retention periods in days (1–3650); null = the configured default'),
  questions: z
    .array(question)
    .max(20)
    .default([])
    .refine((qs) => qs.every((q) => (q.kind === 'choice') === (q.choices !== undefined)), { message: 'ERR_ANSWER_INVALID' }),
});

export const questionOut = z.object({
  id: z.string(),
  kind: z.enum(['text', 'choice']),
  label: z.string(),
  purpose: z.string(),
  choices: z.array(z.string()).nullable(),
});

export const eventOut = z.object({
  id: z.string(),
  slug: z.string(),
  registrationUrl: z.string(),
  kind: z.enum(['meeting', 'webinar']),
  title: z.string(),
  description: z.string(),
  startsAt: timestamp,
  endsAt: timestamp,
  timeZone: z.string(),
  language,
  capacity: z.number().nullable(),
  registrationOpensAt: timestamp.nullable(),
  registrationClosesAt: timestamp.nullable(),
  approvalMode: z.enum(['automatic', 'manual']),
  dialInOffered: z.boolean(),
  mayBeRecorded: z.boolean(),
  followUp: z.object({ text: z.string().nullable(), url: z.string().nullable() }),
  retention: retentionOut,
  status: z.enum(['scheduled', 'cancelled']),
  questions: z.array(questionOut),
  counts: z.object({ confirmed: z.number(), waitlisted: z.number(), pending: z.number() }),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const registrationState = z.enum(['unconfirmed', 'pending', 'waitlisted', 'confirmed']);

export const registrationOut = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  industry: z.string().nullable(),
  phone: z.string().nullable(),
  language,
  state: registrationState,
  registeredAt: timestamp,
  confirmedAt: timestamp.nullable(),
  noticeVersion: z.string(),
  joinLink: z.enum(['active', 'revoked', 'none']),
  answers: z.array(z.object({ questionId: z.string(), answer: z.string() })),
});

export const noticeOut = z.object({
  version: z.string(),
  controller: z.object({
    name: z.string(),
    address: z.string().optional(),
    privacyEmail: z.string().optional(),
    dpo: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
  }),
  sections: z.array(z.object({ purpose: z.string(), legalBasis: z.string(), retention: z.string(), fields: z.array(z.string()) })),
});

export const publicEventOut = z.object({
  slug: z.string(),
  kind: z.enum(['meeting', 'webinar']),
  title: z.string(),
  description: z.string(),
  startsAt: timestamp,
  endsAt: timestamp,
  timeZone: z.string(),
  language,
  dialInOffered: z.boolean(),
  mayBeRecorded: z.boolean().describe('Recording may be requested in this event, each participant deciding for themselves'),
  retentionDays: z
    .object({ registration: z.number(), minutes: z.number(), recording: z.number() })
    .describe(
      'The periods that apply to this event (the host’s or the configured defaults), in days after the event ends (recordings: after each stopped)',
    ),
  confirmWithinHours: z.number().describe('An unconfirmed registration is deleted after this many hours (RETENTION_UNCONFIRMED_HOURS)'),
  status: z.enum(['scheduled', 'cancelled']),
  registrationOpen: z.boolean(),
  questions: z.array(questionOut),
  notice: noticeOut,
});
