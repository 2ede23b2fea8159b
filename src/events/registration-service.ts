import { randomUUID } from 'node:crypto';
import type { Actor } from '../accounts/policy.js';
import { hashToken, newToken } from '../shared/secrets.js';
import type { Language } from '../config.js';
import { AppError } from '../errors.js';
import type { MailService } from '../mail/service.js';
import { auditStatement, recordAudit, type AuditEvent } from '../privacy/audit.js';
import type { RegistrationState } from '../store/schema.js';
import type { Executor, Store } from '../store/store.js';
import type { Captcha } from '../shared/captcha.js';
import { calendarFile } from '../shared/ics.js';
import { toCsv } from '../shared/csv.js';
import { optionalFieldsOf, registrationOpen, type EventsService } from './events-service.js';
import { registrationMails } from './mails.js';
import type { PrivacyNoticeSource } from '../privacy/notice.js';
import { eventsRepo, type EventRow, type QuestionRow, type RegistrationRow } from './repo.js';
import { optionalFieldNames } from '../shared/api/events.js';
import { acceptAnswer } from './schemas.js';
import { mailEventOf, type Seats } from './seats.js';

export interface RegistrantDetails {
  firstName: string;
  lastName: string;
  company?: string;
  industry?: string;
  /** E.164, validated at the edge. */
  phone?: string;
  /** Question id → answer; only the event's own questions, all optional. */
  answers: Record<string, string>;
}

export interface RegistrationInput extends RegistrantDetails {
  email: string;
  language: Language;
  /** The ALTCHA widget's payload. */
  captcha: string;
  /** "I want to dial in by phone": the join mail then carries the number and a personal PIN (when the event offers dial-in). */
  dialIn?: boolean;
}

const publicActor = { kind: 'public' } as const;
/** Join and calendar links sit in URL paths (proxy logs): the calendar link stops working this long after the event ended (joining stops at the end). */
export const calendarLinkDaysAfterEnd = 7;
const systemActor = { kind: 'system' } as const;

function answerRows(questions: QuestionRow[], answers: Record<string, string>) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return Object.entries(answers)
    .filter(([, answer]) => answer.trim() !== '')
    .map(([questionId, answer]) => {
      const question = byId.get(questionId);
      const accepted = question && acceptAnswer(question, answer);
      if (accepted === undefined) throw new AppError('ERR_ANSWER_INVALID');
      return { question_id: questionId, answer: accepted };
    });
}

/**
 * A field the event does not ask may not be sent; in a correction it may keep the value given
 * before the host stopped asking, or be cleared.
 */
function checkAskedFields(
  event: EventRow,
  details: { company?: string | undefined; industry?: string | undefined; phone?: string | undefined },
  stored?: RegistrationRow,
): void {
  const asked = optionalFieldsOf(event);
  for (const field of optionalFieldNames) {
    const value = details[field];
    if (asked[field] === 'off' && value !== undefined && value !== (stored?.[field] ?? undefined))
      throw new AppError('ERR_FIELD_NOT_ASKED');
  }
}

function presentRegistration(row: RegistrationRow, answers: { question_id: string; answer: string }[], noticeDate: string | null) {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    company: row.company,
    industry: row.industry,
    phone: row.phone,
    language: row.language as Language,
    state: row.state,
    registeredAt: row.registered_at,
    confirmedAt: row.confirmed_at,
    noticeVersion: row.notice_version,
    noticeDate,
    joinLink: row.join_token_hash ? ('active' as const) : row.join_revoked_at ? ('revoked' as const) : ('none' as const),
    answers: answers.map((a) => ({ questionId: a.question_id, answer: a.answer })),
  };
}

export type PresentedRegistration = ReturnType<typeof presentRegistration>;

/**
 * The registration workflow: public submission with captcha, double opt-in, approval, waiting
 * list, self-service by mailed link, the hosts' list and export, and the personal join links.
 */
export function createRegistrationService(
  store: Store,
  mail: MailService,
  captcha: Captcha,
  notice: PrivacyNoticeSource,
  events: EventsService,
  seats: Seats,
  /** A registration whose address is not confirmed within this many hours is deleted (RETENTION_UNCONFIRMED_HOURS). */
  unconfirmedHours = 24,
) {
  const { db } = store;

  async function withAnswers(rows: RegistrationRow[]) {
    const [answers, noticeDates] = await Promise.all([
      eventsRepo.answersOf(
        db,
        rows.map((r) => r.id),
      ),
      eventsRepo.noticeVersionDates(
        db,
        rows.map((r) => r.notice_version),
      ),
    ]);
    return rows.map((row) =>
      presentRegistration(
        row,
        answers.filter((a) => a.registration_id === row.id),
        noticeDates.get(row.notice_version) ?? null,
      ),
    );
  }

  async function registrationOf(tx: Executor, eventId: string, registrationId: string): Promise<RegistrationRow> {
    const registration = await eventsRepo.findRegistration(tx, registrationId);
    if (!registration || registration.event_id !== eventId) throw new AppError('ERR_NOT_FOUND');
    return registration;
  }

  async function byManageToken(token: string) {
    const registration = await eventsRepo.findByManageToken(db, hashToken(token));
    const event = registration && (await eventsRepo.findEvent(db, registration.event_id));
    if (!registration || !event) throw new AppError('ERR_REGISTRATION_LINK_INVALID');
    return { registration, event };
  }

  /** The event a submission is for and what would be stored of it; throws what the person must be told. */
  async function submissionFor(db: Executor, slug: string, input: RegistrationInput) {
    const found = await eventsRepo.findEventWithQuestionsBySlug(db, slug);
    if (!found) throw new AppError('ERR_NOT_FOUND');
    const { event, questions } = found;
    if (event.status === 'cancelled') throw new AppError('ERR_EVENT_CANCELLED');
    if (!registrationOpen(event)) throw new AppError('ERR_REGISTRATION_CLOSED');
    checkAskedFields(event, input);
    const answers = answerRows(questions, input.answers);
    const now = new Date().toISOString();
    const details = {
      first_name: input.firstName,
      last_name: input.lastName,
      company: input.company ?? null,
      industry: input.industry ?? null,
      phone: input.phone ?? null,
      language: input.language,
      notice_version: notice.version,
      dial_in: input.dialIn && event.dial_in_offered === 1 ? 1 : 0,
      registered_at: now,
      expires_at: new Date(Date.parse(now) + unconfirmedHours * 3_600_000).toISOString(),
      updated_at: now,
    };
    /** The new registration of this submission, awaiting its confirmation link. */
    const unconfirmedRow = (id: string, confirmTokenHash: string): RegistrationRow => ({
      id,
      event_id: event.id,
      email: input.email,
      ...details,
      state: 'unconfirmed',
      confirmed_at: null,
      confirm_token_hash: confirmTokenHash,
      manage_token_hash: null,
      join_token_hash: null,
      join_revoked_at: null,
    });
    return { event, answers, details, unconfirmedRow };
  }

  /** The mail with the confirmation link whose hash is stored with the registration. */
  function confirmationMail(
    event: EventRow,
    registrant: Pick<RegistrationInput, 'email' | 'firstName' | 'language'>,
    confirmToken: string,
  ) {
    const message = registrationMails.confirm(
      registrant.language,
      registrant.firstName,
      mailEventOf(event),
      seats.links.confirm(confirmToken),
      unconfirmedHours,
    );
    return {
      to: registrant.email,
      subject: message.subject,
      text: message.text,
      purpose: 'registration-confirmation',
      secrets: [confirmToken],
    };
  }

  const submitted = (id: string): AuditEvent => ({
    action: 'registration.submitted',
    subject: { type: 'registration', id },
    detail: { noticeVersion: notice.version },
  });

  /**
   * A submission whose solution may be spent or whose address may be known, one statement at a
   * time. The answer is the same whether or not the address was registered before: a known one
   * gets a mail that says so (with the self-service link), and no second registration is created.
   */
  async function registerCarefully(slug: string, input: RegistrationInput, verified: { signature: string; expiresAt: string }) {
    await store.transaction(async (tx) => {
      const { event, answers, details, unconfirmedRow } = await submissionFor(tx, slug, input);
      if (!(await captcha.spend(tx, verified))) throw new AppError('ERR_CAPTCHA_INVALID');
      const confirm = newToken();
      // The address may have been stored a moment ago by a submission beside this one.
      let id: string = randomUUID();
      const inserted = await eventsRepo.insertRegistration(tx, unconfirmedRow(id, confirm.hash));
      if (inserted) {
        await eventsRepo.insertAnswers(tx, id, answers);
      } else {
        const known = await eventsRepo.findRegistrationByEmail(tx, event.id, input.email);
        if (!known) return;
        if (known.state !== 'unconfirmed') {
          await seats.mailManageLink(tx, event, known, 'alreadyRegistered');
          return;
        }
        // Still unconfirmed: the latest submission wins and a new confirmation link replaces the old one.
        id = known.id;
        await eventsRepo.updateRegistration(tx, id, { ...details, confirm_token_hash: confirm.hash });
        await eventsRepo.replaceAnswers(tx, id, answers);
      }
      await mail.enqueue(tx, confirmationMail(event, input, confirm.token));
      await recordAudit(tx, publicActor, submitted(id));
    });
  }

  return {
    /**
     * Accepts a registration for confirmation. The answer is the same whether or not the address
     * was registered before: a new address gets a confirmation mail, a known one a mail that says
     * so (with the self-service link), and no second registration is ever created.
     */
    async register(slug: string, input: RegistrationInput): Promise<void> {
      const verified = await captcha.verify(input.captcha);
      if (!verified.ok) throw new AppError('ERR_CAPTCHA_INVALID');
      let mailed: { forget(): void } | undefined;
      try {
        // The usual case, a new address: its statements are sent and committed together (on
        // PostgreSQL in one round trip). A spent solution or a known address makes one of them
        // fail with a unique violation, and nothing of it is stored.
        await store.commitPlanned(async (db) => {
          const { event, answers, unconfirmedRow } = await submissionFor(db, slug, input);
          const confirm = newToken();
          const id = randomUUID();
          const confirmation = mail.planEnqueue(db, confirmationMail(event, input, confirm.token));
          mailed = confirmation;
          return [
            captcha.spendStatement(db, verified),
            eventsRepo.newRegistrationStatement(db, unconfirmedRow(id, confirm.hash)),
            ...eventsRepo.answersStatements(db, id, answers),
            confirmation.statement,
            auditStatement(db, publicActor, submitted(id)),
          ];
        });
      } catch (error) {
        mailed?.forget();
        if (!store.isUniqueViolation(error)) throw error;
        // Which one it was, and what the person is told, is decided statement by statement.
        await registerCarefully(slug, input, verified);
      }
      void mail.dispatch();
    },

    /** The double opt-in: the address is confirmed; then a seat, the waiting list, or the host's review. */
    async confirm(token: string): Promise<{ state: RegistrationState; eventSlug: string }> {
      const found = await eventsRepo.findByConfirmToken(db, hashToken(token));
      if (!found || found.state !== 'unconfirmed' || !found.expires_at || found.expires_at <= new Date().toISOString()) {
        throw new AppError('ERR_REGISTRATION_LINK_INVALID');
      }
      const state = await store.transaction(async (tx) => {
        await eventsRepo.lockEvent(tx, found.event_id);
        const event = await eventsRepo.findEvent(tx, found.event_id);
        const registration = await eventsRepo.findRegistration(tx, found.id);
        if (!event || registration?.state !== 'unconfirmed') throw new AppError('ERR_REGISTRATION_LINK_INVALID');
        if (event.status === 'cancelled') throw new AppError('ERR_EVENT_CANCELLED');
        const now = new Date().toISOString();
        await eventsRepo.updateRegistration(tx, registration.id, {
          confirmed_at: now,
          expires_at: null,
          confirm_token_hash: null,
          updated_at: now,
        });
        let next: RegistrationState;
        if (event.approval_mode === 'manual') {
          await seats.mailManageLink(tx, event, registration, 'pending', 'pending');
          next = 'pending';
        } else {
          next = await seats.seatOrWaitlist(tx, event, registration);
        }
        await recordAudit(tx, publicActor, {
          action: 'registration.confirmed',
          subject: { type: 'registration', id: registration.id },
          detail: { state: next },
        });
        return next;
      });
      void mail.dispatch();
      const event = await eventsRepo.findEvent(db, found.event_id);
      return { state, eventSlug: event?.slug ?? '' };
    },

    /** What the registrant sees through their self-service link. */
    async ownRegistration(token: string) {
      const { registration, event } = await byManageToken(token);
      const [presented] = await withAnswers([registration]);
      const publicEvent = await events.publicEvent(event.slug, registration.language as Language);
      return { event: publicEvent, registration: presented! };
    },

    async correctOwn(token: string, details: RegistrantDetails): Promise<void> {
      const { registration, event } = await byManageToken(token);
      checkAskedFields(event, details, registration);
      const answers = answerRows(await eventsRepo.listQuestions(db, event.id), details.answers);
      await store.transaction(async (tx) => {
        await eventsRepo.updateRegistration(tx, registration.id, {
          first_name: details.firstName,
          last_name: details.lastName,
          company: details.company ?? null,
          industry: details.industry ?? null,
          phone: details.phone ?? null,
          updated_at: new Date().toISOString(),
        });
        await eventsRepo.replaceAnswers(tx, registration.id, answers);
        await recordAudit(tx, publicActor, { action: 'registration.corrected', subject: { type: 'registration', id: registration.id } });
      });
    },

    /** Cancelling deletes the registration; a freed seat goes to the next on the waiting list. */
    async cancelOwn(token: string): Promise<void> {
      const { registration } = await byManageToken(token);
      await store.transaction(async (tx) => {
        await eventsRepo.lockEvent(tx, registration.event_id);
        await eventsRepo.deleteRegistration(tx, registration.id);
        await recordAudit(tx, publicActor, { action: 'registration.cancelled', subject: { type: 'registration', id: registration.id } });
        const event = await eventsRepo.findEvent(tx, registration.event_id);
        if (event && registration.state === 'confirmed') await seats.fill(tx, event, systemActor);
      });
      // Whoever is in the room through the personal link stays out on return, on every instance.
      await events.endJoinSessions(registration.id);
      void mail.dispatch();
    },

    async list(actor: Actor, eventId: string, filter: { state?: RegistrationState; search?: string }) {
      await events.eventFor(actor, eventId, 'registrations.read');
      const rows = await eventsRepo.listRegistrations(db, eventId, filter);
      // Looking at a registrant list is a staff action on personal data: recorded like the export.
      await recordAudit(db, actor, {
        action: 'registrations.viewed',
        subject: { type: 'event', id: eventId },
        detail: { rows: rows.length, searched: Boolean(filter.search) },
      });
      return withAnswers(rows);
    },

    async exportCsv(actor: Actor, eventId: string): Promise<string> {
      await events.eventFor(actor, eventId, 'registrations.read');
      const [rows, questions] = await Promise.all([eventsRepo.listRegistrations(db, eventId, {}), eventsRepo.listQuestions(db, eventId)]);
      const registrations = await withAnswers(rows);
      await recordAudit(db, actor, {
        action: 'registrations.exported',
        subject: { type: 'event', id: eventId },
        detail: { rows: rows.length },
      });
      const header = [
        'first_name',
        'last_name',
        'email',
        'company',
        'industry',
        'phone',
        'state',
        'registered_at',
        'confirmed_at',
        'notice_version',
        ...questions.map((q) => q.label),
      ];
      return toCsv(
        header,
        registrations.map((r) => [
          r.firstName,
          r.lastName,
          r.email,
          r.company,
          r.industry,
          r.phone,
          r.state,
          r.registeredAt,
          r.confirmedAt,
          r.noticeVersion,
          ...questions.map((q) => r.answers.find((a) => a.questionId === q.id)?.answer ?? ''),
        ]),
      );
    },

    async approve(actor: Actor, eventId: string, registrationId: string): Promise<RegistrationState> {
      await events.eventFor(actor, eventId, 'events.manage');
      const state = await store.transaction(async (tx) => {
        await eventsRepo.lockEvent(tx, eventId);
        const event = await eventsRepo.findEvent(tx, eventId);
        const registration = await registrationOf(tx, eventId, registrationId);
        if (!event || event.status === 'cancelled') throw new AppError('ERR_EVENT_CANCELLED');
        if (registration.state !== 'pending') throw new AppError('ERR_REGISTRATION_STATE');
        const next = await seats.seatOrWaitlist(tx, event, registration);
        await recordAudit(tx, actor, {
          action: 'registration.approved',
          subject: { type: 'registration', id: registrationId },
          detail: { state: next },
        });
        return next;
      });
      void mail.dispatch();
      return state;
    },

    /** Denying tells the person and deletes their registration. */
    async deny(actor: Actor, eventId: string, registrationId: string): Promise<void> {
      const event = await events.eventFor(actor, eventId, 'events.manage');
      await store.transaction(async (tx) => {
        const registration = await registrationOf(tx, eventId, registrationId);
        if (registration.state !== 'pending') throw new AppError('ERR_REGISTRATION_STATE');
        await eventsRepo.deleteRegistration(tx, registrationId);
        const message = registrationMails.denied(registration.language as Language, registration.first_name, mailEventOf(event));
        await mail.enqueue(tx, { to: registration.email, subject: message.subject, text: message.text, purpose: 'registration-denied' });
        await recordAudit(tx, actor, { action: 'registration.denied', subject: { type: 'registration', id: registrationId } });
      });
      void mail.dispatch();
    },

    /** The join link stops working at once; `reissue` mails a new one. */
    async revokeJoinLink(actor: Actor, eventId: string, registrationId: string, reissue: boolean): Promise<void> {
      await events.eventFor(actor, eventId, 'events.manage');
      await store.transaction(async (tx) => {
        const event = await eventsRepo.findEvent(tx, eventId);
        const registration = await registrationOf(tx, eventId, registrationId);
        if (!event || registration.state !== 'confirmed') throw new AppError('ERR_REGISTRATION_STATE');
        const now = new Date().toISOString();
        await eventsRepo.updateRegistration(tx, registrationId, { join_token_hash: null, join_revoked_at: now, updated_at: now });
        if (reissue) await seats.giveSeat(tx, event, registration, true);
        await recordAudit(tx, actor, {
          action: reissue ? 'join_link.reissued' : 'join_link.revoked',
          subject: { type: 'registration', id: registrationId },
        });
      });
      await events.endJoinSessions(registrationId);
      if (reissue) void mail.dispatch();
    },

    /**
     * For the room's admission: who a personal join link belongs to, while it is valid (not
     * revoked, the registration confirmed, the event not cancelled and not over).
     */
    async resolveJoinToken(token: string): Promise<{ eventId: string; registrationId: string; displayName: string } | undefined> {
      if (token.length > 100) return undefined;
      const registration = await eventsRepo.findByJoinToken(db, hashToken(token));
      if (!registration || registration.state !== 'confirmed') return undefined;
      const event = await eventsRepo.findEvent(db, registration.event_id);
      if (!event || event.status !== 'scheduled' || event.ends_at <= new Date().toISOString()) return undefined;
      return { eventId: event.id, registrationId: registration.id, displayName: `${registration.first_name} ${registration.last_name}` };
    },

    /** The .ics invitation behind the mailed calendar link; it carries the personal join link. */
    async calendar(token: string): Promise<string> {
      const registration = token.length <= 100 ? await eventsRepo.findByJoinToken(db, hashToken(token)) : undefined;
      const event = registration && (await eventsRepo.findEvent(db, registration.event_id));
      if (!registration || !event) throw new AppError('ERR_REGISTRATION_LINK_INVALID');
      if (Date.parse(event.ends_at) + calendarLinkDaysAfterEnd * 86_400_000 < Date.now())
        throw new AppError('ERR_REGISTRATION_LINK_INVALID');
      return calendarFile({
        uid: `${event.id}@plenum`,
        title: event.title,
        description: event.description,
        startsAt: event.starts_at,
        endsAt: event.ends_at,
        url: seats.links.join(token),
        cancelled: event.status === 'cancelled',
      });
    },

    /** Scheduled: deletes registrations never confirmed in time (RETENTION_UNCONFIRMED_HOURS), and spent captcha entries that expired. */
    async sweep(): Promise<{ unconfirmed: number; captchas: number }> {
      const now = new Date().toISOString();
      return store.transaction(async (tx) => {
        const unconfirmed = await eventsRepo.deleteExpiredUnconfirmed(tx, now);
        const captchas = await captcha.sweep(tx, now);
        if (unconfirmed > 0)
          await recordAudit(tx, systemActor, { action: 'registration.unconfirmed_deleted', detail: { count: unconfirmed } });
        return { unconfirmed, captchas };
      });
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
