import { z } from 'zod';
import { language, timestamp } from './common.js';
import { noticeSection } from './privacy.js';

/** Events, their registrants, and the public registration pages (src/events/routes.ts, src/events/public-routes.ts). */

export const registrationState = z.enum(['unconfirmed', 'pending', 'waitlisted', 'confirmed']);
export type RegistrationState = z.infer<typeof registrationState>;

/** The registration form's optional fields: asked (always optional for the registrant) or not asked at all. */
export const optionalFieldNames = ['company', 'industry', 'phone'] as const;
export type OptionalField = (typeof optionalFieldNames)[number];
const fieldChoice = z.enum(['off', 'optional']);
export const optionalFieldsSetting = z.strictObject({ company: fieldChoice, industry: fieldChoice, phone: fieldChoice });
export type OptionalFields = z.infer<typeof optionalFieldsSetting>;

export const retentionDefaults = z.object({ registrationDays: z.number(), minutesDays: z.number(), recordingDays: z.number() });
export type RetentionDefaults = z.infer<typeof retentionDefaults>;

const eventRetention = z.object({
  registrationDays: z.number().nullable(),
  minutesDays: z.number().nullable(),
  recordingDays: z.number().nullable(),
  /** What applies when the host left a period empty. */
  defaults: retentionDefaults,
});

export const question = z.object({
  id: z.string(),
  kind: z.enum(['text', 'choice']),
  label: z.string(),
  purpose: z.string(),
  choices: z.array(z.string()).nullable(),
});
export type Question = z.infer<typeof question>;

export const speaker = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  photoUrl: z.string().nullable().describe('The photo (JPEG, re-encoded without metadata), or null'),
});
export type Speaker = z.infer<typeof speaker>;

/** What the host's list and the public page both show of an event. */
const eventBasics = {
  kind: z.enum(['meeting', 'webinar']),
  title: z.string(),
  description: z.string(),
  startsAt: timestamp,
  endsAt: timestamp,
  timeZone: z.string(),
  language,
  speakers: z.array(speaker).describe('Who speaks, in the order the registration page presents them'),
};

export const hostedEvent = z.object({
  id: z.string(),
  meetingId: z.string().nullable().describe('The event’s room: the host starts the event with POST /api/meetings/{meetingId}/host-join'),
  slug: z.string(),
  registrationUrl: z.string(),
  ...eventBasics,
  capacity: z.number().nullable(),
  registrationOpensAt: timestamp.nullable(),
  registrationClosesAt: timestamp.nullable(),
  approvalMode: z.enum(['automatic', 'manual']),
  dialInOffered: z.boolean(),
  mayBeRecorded: z.boolean(),
  optionalFields: optionalFieldsSetting,
  reminders: z.array(z.number()).describe('Reminder mails, in minutes before the start, nearest first'),
  followUp: z.object({ text: z.string().nullable(), url: z.string().nullable() }).describe('What a webinar’s end screen offers attendees'),
  retention: eventRetention,
  status: z.enum(['scheduled', 'cancelled']),
  questions: z.array(question),
  counts: z.object({ confirmed: z.number(), waitlisted: z.number(), pending: z.number() }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type HostedEvent = z.infer<typeof hostedEvent>;

export const eventList = z.object({ events: z.array(hostedEvent), retentionDefaults });

export const registrant = z.object({
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
  noticeDate: timestamp.nullable().describe('When the notice version the registrant was shown came into force'),
  joinLink: z.enum(['active', 'revoked', 'none']),
  answers: z.array(z.object({ questionId: z.string(), answer: z.string() })),
});
export type Registrant = z.infer<typeof registrant>;

export const registrantList = z.object({ registrations: z.array(registrant) });

/** A pending registration approved: a seat, or the waiting list when full. */
export const approval = z.object({ state: registrationState });

// The public registration pages

export const registrationNotice = z.object({
  version: z.string(),
  since: timestamp.nullable().describe('When this version came into force; the page shows this date, not the version hash'),
  controller: z.object({
    name: z.string(),
    address: z.string().optional(),
    privacyEmail: z.string().optional(),
    dpo: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
  }),
  sections: z.array(noticeSection).describe('The parts of the privacy notice that concern registrants'),
});
export type RegistrationNotice = z.infer<typeof registrationNotice>;

export const publicEvent = z.object({
  slug: z.string(),
  ...eventBasics,
  descriptionHtml: z
    .string()
    .describe('The description’s Markdown rendered to HTML: no raw HTML, no images, only http(s) and mailto links'),
  dialInOffered: z.boolean(),
  mayBeRecorded: z.boolean().describe('Recording may be requested in this event, each participant deciding for themselves'),
  optionalFields: optionalFieldsSetting.describe('The optional fields the form asks; sending one that is off is refused'),
  retentionDays: z
    .object({ registration: z.number(), minutes: z.number(), recording: z.number() })
    .describe(
      'The periods that apply to this event (the host’s or the configured defaults), in days after the event ends (recordings: after each stopped)',
    ),
  confirmWithinHours: z.number().describe('An unconfirmed registration is deleted after this many hours (RETENTION_UNCONFIRMED_HOURS)'),
  status: z.enum(['scheduled', 'cancelled']),
  registrationOpen: z.boolean(),
  questions: z.array(question),
  notice: registrationNotice,
});
export type PublicEvent = z.infer<typeof publicEvent>;

export const registrationConfirmed = z.object({ state: registrationState, eventSlug: z.string() });

/** The registrant's own registration, through the self-service link. */
export const ownRegistration = z.object({ event: publicEvent, registration: registrant });
export type OwnRegistration = z.infer<typeof ownRegistration>;

/** A panelist the host invited to a webinar; the personal link itself went only into the mail. */
export const panelist = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  invitedAt: timestamp,
  revokedAt: timestamp.nullable().describe('When the host withdrew the invitation: the link no longer admits anyone'),
});
export type Panelist = z.infer<typeof panelist>;

export const panelistList = z.object({ panelists: z.array(panelist) });
