import { z } from 'zod';
import { emailAddress, language, personName, plainText } from '../http/schemas.js';
import { optionalFieldsSetting } from '../shared/api/events.js';
import type { QuestionKind } from '../store/schema.js';
import { phoneNumber } from '../shared/schemas.js';
import { longestReminderMinutes } from './reminder-times.js';

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
  description: z.string().trim().max(10_000).default('').describe('Markdown; raw HTML is shown as text, images are not rendered'),
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
  optionalFields: optionalFieldsSetting
    .default({ company: 'optional', industry: 'optional', phone: 'optional' })
    .describe(
      'Which of company, industry and phone the registration form asks (always optional); first name, last name and email are always required',
    ),
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
  reminders: z
    .array(z.number().int().min(5).max(longestReminderMinutes))
    .max(4)
    .optional()
    .describe(
      'Reminder mails to registrants with a seat, in minutes before the start (5 minutes to 7 days); [] for none. New events: [1440, 60]; left out on a change: unchanged',
    ),
  speakers: z
    .array(
      z.strictObject({
        id: z.uuid().optional().describe('An existing speaker (keeps the photo)'),
        name: personName,
        role: plainText(200).optional(),
      }),
    )
    .max(12)
    .default([])
    .describe('The speakers the registration page presents, in order; photos are uploaded per speaker afterwards'),
  questions: z
    .array(question)
    .max(20)
    .default([])
    .refine((qs) => qs.every((q) => (q.kind === 'choice') === (q.choices !== undefined)), { message: 'ERR_ANSWER_INVALID' }),
});
