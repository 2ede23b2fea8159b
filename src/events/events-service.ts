import { randomBytes, randomUUID } from 'node:crypto';
import { ownerOf, ownerScope, permitted, type Actor } from '../accounts/policy.js';
import type { Config, Language } from '../config.js';
import { AppError } from '../errors.js';
import type { MailService } from '../mail/service.js';
import type { RoomsService } from '../rooms/service.js';
import { recordAudit } from '../privacy/audit.js';
import type { ApprovalMode, EventKind, QuestionKind } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { registrationMails } from './mails.js';
import type { PrivacyNoticeSource } from '../privacy/notice.js';
import { eventsRepo, type EventRow, type QuestionRow } from './repo.js';
import { panelistsRepo } from './panelists-repo.js';
import { effectiveRetention, presentRetention, retentionColumns, retentionDefaults, type RetentionDefaults } from './retention.js';
import type { OptionalField } from '../shared/api/events.js';
import { isTimeZone } from '../shared/time-zones.js';
import { mailEventOf, type Seats } from './seats.js';
import { defaultReminderMinutes, reminderMinutesOf } from './reminder-times.js';
import { renderDescription } from './description.js';
import { speakerPhoto } from './speaker-photo.js';
import { presentSpeaker, speakerRows, type SpeakerInput } from './speakers.js';
import { speakersRepo, type SpeakerEntry } from './speakers-repo.js';
import type { ImageType } from '../shared/images.js';
import type { RemovalReason } from '../shared/protocol/index.js';

/** The optional fields as the host set them for an event. */
export function optionalFieldsOf(
  row: Pick<EventRow, 'ask_company' | 'ask_industry' | 'ask_phone'>,
): Record<OptionalField, 'off' | 'optional'> {
  const choice = (asked: number) => (asked === 1 ? ('optional' as const) : ('off' as const));
  return { company: choice(row.ask_company), industry: choice(row.ask_industry), phone: choice(row.ask_phone) };
}

export interface QuestionInput {
  /** Present when editing an existing question (answers stay attached to it). */
  id?: string;
  kind: QuestionKind;
  label: string;
  purpose: string;
  choices?: string[];
}

export interface EventInput {
  kind: EventKind;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  language: Language;
  capacity: number | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  approvalMode: ApprovalMode;
  dialInOffered: boolean;
  /** Off unless given: recording needs the host's explicit choice. */
  mayBeRecorded?: boolean;
  /** Which optional fields the form asks; absent = all three, as before. */
  optionalFields?: Record<OptionalField, 'off' | 'optional'>;
  /** What a webinar's end screen offers attendees (optional text and https link). */
  followUp?: { text: string | null; url: string | null };
  /** Days per kind of data; null or absent = the configured default. */
  retention?: { registrationDays: number | null; minutesDays: number | null; recordingDays: number | null };
  /** Reminder mails in minutes before the start; absent = the default (new events) or unchanged. */
  reminders?: number[];
  questions: QuestionInput[];
  /** The speakers the registration page presents, in order; absent = none. */
  speakers?: SpeakerInput[];
}

export function presentQuestion(row: QuestionRow) {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    purpose: row.purpose,
    choices: row.choices ? (JSON.parse(row.choices) as string[]) : null,
  };
}

function presentEvent(
  row: EventRow,
  questions: QuestionRow[],
  speakers: SpeakerEntry[],
  counts: { confirmed: number; waitlisted: number; pending: number },
  publicUrl: URL,
  defaults: RetentionDefaults,
  meetingId: string | null,
) {
  return {
    id: row.id,
    meetingId,
    slug: row.slug,
    registrationUrl: new URL(`/e/${row.slug}`, publicUrl).toString(),
    kind: row.kind,
    title: row.title,
    description: row.description,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    language: row.language as Language,
    capacity: row.capacity,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    approvalMode: row.approval_mode,
    dialInOffered: row.dial_in_offered === 1,
    mayBeRecorded: row.may_be_recorded === 1,
    optionalFields: optionalFieldsOf(row),
    reminders: reminderMinutesOf(row),
    followUp: { text: row.follow_up_text, url: row.follow_up_url },
    retention: presentRetention(row, defaults),
    status: row.status,
    questions: questions.map(presentQuestion),
    speakers: speakers.map((speaker) => presentSpeaker(row.slug, speaker)),
    counts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type PresentedEvent = ReturnType<typeof presentEvent>;

function checkTimes(input: EventInput): void {
  if (!isTimeZone(input.timeZone)) throw new AppError('ERR_TIME_ZONE_INVALID');
  const ends = Date.parse(input.endsAt);
  if (ends <= Date.parse(input.startsAt)) throw new AppError('ERR_EVENT_TIMES');
  if (input.registrationClosesAt && Date.parse(input.registrationClosesAt) > ends) throw new AppError('ERR_EVENT_TIMES');
  if (
    input.registrationOpensAt &&
    input.registrationClosesAt &&
    Date.parse(input.registrationOpensAt) >= Date.parse(input.registrationClosesAt)
  ) {
    throw new AppError('ERR_EVENT_TIMES');
  }
}

const sameMinute = (a: string, b: string) => Math.floor(Date.parse(a) / 60_000) === Math.floor(Date.parse(b) / 60_000);

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

function eventColumns(input: EventInput) {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    starts_at: new Date(input.startsAt).toISOString(),
    ends_at: new Date(input.endsAt).toISOString(),
    time_zone: input.timeZone,
    language: input.language,
    capacity: input.capacity,
    registration_opens_at: iso(input.registrationOpensAt),
    registration_closes_at: iso(input.registrationClosesAt),
    approval_mode: input.approvalMode,
    dial_in_offered: input.dialInOffered ? 1 : 0,
    may_be_recorded: input.mayBeRecorded ? 1 : 0,
    ask_company: input.optionalFields?.company === 'off' ? 0 : 1,
    ask_industry: input.optionalFields?.industry === 'off' ? 0 : 1,
    ask_phone: input.optionalFields?.phone === 'off' ? 0 : 1,
    ...(input.reminders && { reminder_minutes: [...new Set(input.reminders)].sort((a, b) => a - b).join(',') }),
    follow_up_text: input.followUp?.text ?? null,
    follow_up_url: input.followUp?.url ?? null,
    ...retentionColumns(input.retention),
  };
}

function questionRows(eventId: string, questions: QuestionInput[], existing: QuestionRow[]): QuestionRow[] {
  const known = new Set(existing.map((q) => q.id));
  return questions.map((q, position) => ({
    id: q.id && known.has(q.id) ? q.id : randomUUID(),
    event_id: eventId,
    position,
    kind: q.kind,
    label: q.label,
    purpose: q.purpose,
    choices: q.kind === 'choice' ? JSON.stringify(q.choices ?? []) : null,
  }));
}

/** Whether the public may register now; the reason when not. */
export function registrationOpen(event: EventRow, now = new Date()): boolean {
  const at = now.toISOString();
  if (event.status !== 'scheduled') return false;
  if (event.ends_at <= at) return false;
  if (event.registration_opens_at && event.registration_opens_at > at) return false;
  if (event.registration_closes_at && event.registration_closes_at <= at) return false;
  return true;
}

/** Hosts create, edit and cancel events; the public reads an event's registration page. */
export function createEventsService(
  store: Store,
  mail: MailService,
  notice: PrivacyNoticeSource,
  config: Pick<Config, 'http' | 'retention'>,
  seats: Seats,
  rooms: Pick<RoomsService, 'createRoomForEvent' | 'roomIdOfEvent' | 'revokeRegistration'>,
) {
  const { db } = store;
  const defaults = retentionDefaults(config.retention);

  async function counts(eventId: string) {
    const [confirmed, waitlisted, pending] = await Promise.all(
      (['confirmed', 'waitlisted', 'pending'] as const).map((state) => eventsRepo.countInState(db, eventId, state)),
    );
    return { confirmed: confirmed ?? 0, waitlisted: waitlisted ?? 0, pending: pending ?? 0 };
  }

  /** The notice registrants are shown, with the day its version came into force (people read a date, not a hash). */
  async function noticeInForce(language: Language) {
    const rendered = notice.render(language);
    const dates = await eventsRepo.noticeVersionDates(db, [rendered.version]);
    return { ...rendered, since: dates.get(rendered.version) ?? null };
  }

  async function present(row: EventRow) {
    const [questions, speakers, seatCounts, meetingId] = await Promise.all([
      eventsRepo.listQuestions(db, row.id),
      speakersRepo.list(db, row.id),
      counts(row.id),
      rooms.roomIdOfEvent(row.id),
    ]);
    return presentEvent(row, questions, speakers, seatCounts, config.http.publicUrl, defaults, meetingId ?? null);
  }

  /** The event, when it exists and the actor may act on it; otherwise not found (hosts do not learn of others' events). */
  async function eventFor(actor: Actor, id: string, action: 'events.manage' | 'registrations.read'): Promise<EventRow> {
    return permitted(actor, action, await eventsRepo.findEvent(db, id));
  }

  return {
    eventFor,

    /**
     * A registrant's join link was revoked or their registration erased, or a panelist's invitation
     * withdrawn (`reason`): whoever is in a room through it is taken out and stays out on return.
     */
    endJoinSessions: (registrationId: string, reason?: RemovalReason) => rooms.revokeRegistration(registrationId, reason),

    async list(actor: Actor) {
      const rows = await eventsRepo.listEvents(db, ownerScope(actor, 'registrations.read'));
      return Promise.all(rows.map(present));
    },

    /** What applies where a host leaves a period empty (the event form shows it). */
    retentionDefaults: defaults,

    get: async (actor: Actor, id: string) => present(await eventFor(actor, id, 'registrations.read')),

    /** What the event's webinar shows its attendees: the planned times (waiting screen) and the follow-up (end screen). */
    async webinarDetails(eventId: string) {
      const event = await eventsRepo.findEvent(db, eventId);
      if (!event) return undefined;
      return {
        startsAt: event.starts_at,
        endsAt: event.ends_at,
        timeZone: event.time_zone,
        followUp: { text: event.follow_up_text ?? null, url: event.follow_up_url ?? null },
      };
    },

    async create(actor: Actor, input: EventInput) {
      checkTimes(input);
      const now = new Date().toISOString();
      const row: EventRow = {
        id: randomUUID(),
        slug: randomBytes(9).toString('base64url'),
        reminder_minutes: defaultReminderMinutes,
        ...eventColumns(input),
        status: 'scheduled',
        owner_id: ownerOf(actor),
        created_at: now,
        updated_at: now,
        cancelled_at: null,
      };
      await store.transaction(async (tx) => {
        await eventsRepo.insertEvent(tx, row);
        await eventsRepo.replaceQuestions(tx, row.id, questionRows(row.id, input.questions, []));
        await speakersRepo.replace(tx, row.id, speakerRows(row.id, input.speakers ?? [], [], now));
        // The event's room (meeting ID, passcode) exists from the start, owned like the event.
        await rooms.createRoomForEvent(tx, actor, { eventId: row.id, title: row.title, kind: row.kind });
        await recordAudit(tx, actor, { action: 'event.created', subject: { type: 'event', id: row.id }, detail: { kind: row.kind } });
      });
      return present(row);
    },

    async update(actor: Actor, id: string, input: EventInput) {
      const event = await eventFor(actor, id, 'events.manage');
      if (event.status === 'cancelled') throw new AppError('ERR_EVENT_CANCELLED');
      // Its room was made for the kind it was created as: a meeting turned webinar would still show every attendee to everyone.
      if (input.kind !== event.kind) throw new AppError('ERR_EVENT_KIND_FIXED');
      checkTimes(input);
      await store.transaction(async (tx) => {
        await eventsRepo.lockEvent(tx, id);
        const before = await eventsRepo.findEvent(tx, id);
        await eventsRepo.updateEvent(tx, id, { ...eventColumns(input), updated_at: new Date().toISOString() });
        await eventsRepo.replaceQuestions(tx, id, questionRows(id, input.questions, await eventsRepo.listQuestions(tx, id)));
        const speakers = speakerRows(id, input.speakers ?? [], await speakersRepo.list(tx, id), new Date().toISOString());
        await speakersRepo.replace(tx, id, speakers);
        const updated = await eventsRepo.findEvent(tx, id);
        if (!before || !updated) return;
        // A new time: everyone with a seat is told, with a calendar file for the new time.
        if (!sameMinute(before.starts_at, updated.starts_at) || !sameMinute(before.ends_at, updated.ends_at)) {
          for (const registration of await eventsRepo.listRegistrationsInStates(tx, id, ['confirmed'])) {
            if (registration.join_token_hash) await seats.mailRescheduled(tx, updated, registration);
          }
        }
        // More capacity: the waiting list moves up.
        await seats.fill(tx, updated, actor);
        await recordAudit(tx, actor, { action: 'event.updated', subject: { type: 'event', id } });
      });
      void mail.dispatch();
      return present((await eventsRepo.findEvent(db, id)) ?? event);
    },

    /** Cancelling revokes every join link and tells everyone who confirmed their address, and every panelist still invited. */
    async cancel(actor: Actor, id: string) {
      const event = await eventFor(actor, id, 'events.manage');
      if (event.status === 'cancelled') return present(event);
      const { informed, panelists } = await store.transaction(async (tx) => {
        const now = new Date().toISOString();
        await eventsRepo.lockEvent(tx, id);
        await eventsRepo.updateEvent(tx, id, { status: 'cancelled', cancelled_at: now, updated_at: now });
        await eventsRepo.revokeJoinTokensOf(tx, id, now);
        const informed = await eventsRepo.listRegistrationsInStates(tx, id, ['confirmed', 'waitlisted', 'pending']);
        const panelists = (await panelistsRepo.list(tx, id)).filter((invitation) => !invitation.revoked_at);
        // Registrants in the language they registered in; panelists in the event's, as their invitation was.
        const recipients = [
          ...informed.map((r) => ({ to: r.email, name: r.first_name, language: r.language as Language })),
          ...panelists.map((p) => ({ to: p.email, name: p.name, language: event.language as Language })),
        ];
        for (const { to, name, language } of recipients) {
          const message = registrationMails.eventCancelled(language, name, mailEventOf(event));
          await mail.enqueue(tx, { to, subject: message.subject, text: message.text, purpose: 'event-cancelled' });
        }
        await recordAudit(tx, actor, {
          action: 'event.cancelled',
          subject: { type: 'event', id },
          detail: { informed: informed.length, panelists: panelists.length },
        });
        return { informed, panelists };
      });
      // The join links are revoked; whoever is in the room through one stays out on return, on every instance.
      for (const registrant of informed)
        if (registrant.state === 'confirmed') await rooms.revokeRegistration(registrant.id, 'eventCancelled');
      // So are the invited panelists' links (src/events/panelists.ts refuses them now): whoever is in through one leaves too.
      for (const invitation of panelists) await rooms.revokeRegistration(invitation.id, 'eventCancelled');
      void mail.dispatch();
      return present((await eventsRepo.findEvent(db, id)) ?? event);
    },

    /** A speaker's photo, re-encoded without metadata; null removes it. */
    async setSpeakerPhoto(actor: Actor, eventId: string, speakerId: string, upload: { type: ImageType; data: string } | null) {
      const event = await eventFor(actor, eventId, 'events.manage');
      const photo = upload && (await speakerPhoto(upload.type, upload.data));
      await store.transaction(async (tx) => {
        const stored = photo && { type: 'image/jpeg', base64: photo.toString('base64') };
        if (!(await speakersRepo.setPhoto(tx, event.id, speakerId, stored, new Date().toISOString()))) throw new AppError('ERR_NOT_FOUND');
        await recordAudit(tx, actor, {
          action: photo ? 'event.speaker-photo-changed' : 'event.speaker-photo-removed',
          subject: { type: 'event', id: event.id },
        });
      });
      return present((await eventsRepo.findEvent(db, eventId)) ?? event);
    },

    /** The photo the registration page shows of a speaker, or not found. */
    async speakerPhoto(slug: string, speakerId: string): Promise<{ type: string; bytes: Buffer }> {
      const event = await eventsRepo.findEventBySlug(db, slug);
      const photo = event && (await speakersRepo.photo(db, event.id, speakerId));
      if (!photo?.photo_type || !photo.photo_base64) throw new AppError('ERR_NOT_FOUND');
      return { type: photo.photo_type, bytes: Buffer.from(photo.photo_base64, 'base64') };
    },

    /** What the public registration page shows. Cancelled events are shown as such; unknown slugs are not found. */
    async publicEvent(slug: string, language: Language) {
      const event = await eventsRepo.findEventBySlug(db, slug);
      if (!event) throw new AppError('ERR_NOT_FOUND');
      return {
        slug: event.slug,
        kind: event.kind,
        title: event.title,
        description: event.description,
        descriptionHtml: renderDescription(event.description),
        speakers: (await speakersRepo.list(db, event.id)).map((speaker) => presentSpeaker(event.slug, speaker)),
        startsAt: event.starts_at,
        endsAt: event.ends_at,
        timeZone: event.time_zone,
        language: event.language as Language,
        dialInOffered: event.dial_in_offered === 1,
        mayBeRecorded: event.may_be_recorded === 1,
        optionalFields: optionalFieldsOf(event),
        retentionDays: effectiveRetention(event, defaults),
        confirmWithinHours: config.retention.unconfirmedHours,
        status: event.status,
        registrationOpen: registrationOpen(event),
        questions: (await eventsRepo.listQuestions(db, event.id)).map(presentQuestion),
        notice: await noticeInForce(language),
      };
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
