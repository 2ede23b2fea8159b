import type { Actor } from '../accounts/policy.js';
import { newToken } from '../shared/secrets.js';
import type { Language } from '../config.js';
import type { MailService } from '../mail/service.js';
import { recordAudit, type AuditActor } from '../privacy/audit.js';
import type { Executor } from '../store/store.js';
import { registrationMails, type DialIn, type MailEvent, type SeatLinks } from './mails.js';
import { dueReminderMinutes } from './reminder-times.js';
import { remindersRepo } from './reminders-repo.js';
import { eventsRepo, type EventRow, type RegistrationRow } from './repo.js';

export const mailEventOf = (event: EventRow): MailEvent => ({
  title: event.title,
  startsAt: event.starts_at,
  endsAt: event.ends_at,
  timeZone: event.time_zone,
});

/** The links a registrant receives. Tokens travel only in mails; the store keeps their SHA-256. */
export function registrantLinks(publicUrl: URL) {
  return {
    confirm: (token: string) => new URL(`/registration/confirm#${token}`, publicUrl).toString(),
    manage: (token: string) => new URL(`/registration#${token}`, publicUrl).toString(),
    join: (token: string) => new URL(`/j/${token}`, publicUrl).toString(),
    calendar: (token: string) => new URL(`/api/public/join/${token}/calendar.ics`, publicUrl).toString(),
  };
}

/** The mails that carry only a new self-service link, and their purpose in the outbox. */
const manageLinkMails = {
  alreadyRegistered: 'registration-known',
  pending: 'registration-pending',
  waitlisted: 'registration-waitlisted',
} as const;

/** Issues a registrant's personal phone PIN (telephony), or undefined when the event has no dial-in. */
export type DialInIssuer = (tx: Executor, eventId: string, registrationId: string) => Promise<DialIn | undefined>;

/**
 * Seats: a registrant gets one with a fresh personal join link, or goes on the waiting list; when
 * a seat frees up (cancellation, more capacity) the waiting list moves up in order. Every step
 * runs inside the caller's transaction, which holds the event's lock.
 */
export function createSeats(mail: MailService, publicUrl: URL, issueDialIn?: DialInIssuer) {
  const links = registrantLinks(publicUrl);

  /** Issues a new join link and a new self-service link, and mails both. */
  async function giveSeat(tx: Executor, event: EventRow, registration: RegistrationRow, replaced = false): Promise<void> {
    const join = newToken();
    const manage = newToken();
    const now = new Date().toISOString();
    await eventsRepo.updateRegistration(tx, registration.id, {
      state: 'confirmed',
      join_token_hash: join.hash,
      join_revoked_at: null,
      manage_token_hash: manage.hash,
      updated_at: now,
    });
    // The new seat link replaces every further one; reminders already due are not sent (this mail says it all).
    await remindersRepo.deleteFurtherJoinLinksOf(tx, registration.id);
    await skipDueReminders(tx, event, registration.id);
    const dialIn =
      registration.dial_in === 1 && event.dial_in_offered === 1 ? await issueDialIn?.(tx, event.id, registration.id) : undefined;
    const message = registrationMails.seat(
      registration.language as Language,
      registration.first_name,
      mailEventOf(event),
      { join: links.join(join.token), calendar: links.calendar(join.token), manage: links.manage(manage.token) },
      replaced,
      dialIn,
    );
    await mail.enqueue(tx, {
      to: registration.email,
      subject: message.subject,
      text: message.text,
      purpose: 'registration-join-link',
      secrets: [join.token, manage.token, dialIn?.pin ?? ''],
    });
  }

  /**
   * Replaces the registrant's self-service link (the old one stops working) and mails the new one
   * in `mailKind`'s words; `state`, when given, moves the registration along in the same update.
   */
  async function mailManageLink(
    tx: Executor,
    event: EventRow,
    registration: Pick<RegistrationRow, 'id' | 'email' | 'first_name' | 'language'>,
    mailKind: keyof typeof manageLinkMails,
    state?: 'pending' | 'waitlisted',
  ): Promise<void> {
    const manage = newToken();
    await eventsRepo.updateRegistration(tx, registration.id, {
      ...(state && { state }),
      manage_token_hash: manage.hash,
      updated_at: new Date().toISOString(),
    });
    const message = registrationMails[mailKind](
      registration.language as Language,
      registration.first_name,
      mailEventOf(event),
      links.manage(manage.token),
    );
    await mail.enqueue(tx, {
      to: registration.email,
      subject: message.subject,
      text: message.text,
      purpose: manageLinkMails[mailKind],
      secrets: [manage.token],
    });
  }

  /** Notes the event's reminders that are already due as sent, e.g. for a seat given 30 minutes before the start. */
  async function skipDueReminders(tx: Executor, event: EventRow, registrationId: string): Promise<void> {
    const now = new Date();
    await remindersRepo.markSent(tx, registrationId, event.starts_at, dueReminderMinutes(event, now), now.toISOString());
  }

  /**
   * A further join link and self-service link beside the earlier ones, which stay valid: they are
   * in older mails and calendar entries.
   */
  async function furtherLinks(tx: Executor, registrationId: string): Promise<{ links: SeatLinks; secrets: string[] }> {
    const join = newToken();
    const manage = newToken();
    const now = new Date().toISOString();
    await remindersRepo.addFurtherLink(tx, 'join', registrationId, join.hash, now);
    await remindersRepo.addFurtherLink(tx, 'manage', registrationId, manage.hash, now);
    return {
      links: { join: links.join(join.token), calendar: links.calendar(join.token), manage: links.manage(manage.token) },
      secrets: [join.token, manage.token],
    };
  }

  /** The reminder `minutesBefore` the start, with the way in. */
  async function mailReminder(tx: Executor, event: EventRow, registration: RegistrationRow, minutesBefore: number): Promise<void> {
    const { links: way, secrets } = await furtherLinks(tx, registration.id);
    const dialsIn = registration.dial_in === 1 && event.dial_in_offered === 1 && Boolean(registration.phone_pin_hash);
    const message = registrationMails.reminder(
      registration.language as Language,
      registration.first_name,
      mailEventOf(event),
      way,
      minutesBefore,
      dialsIn,
    );
    await mail.enqueue(tx, {
      to: registration.email,
      subject: message.subject,
      text: message.text,
      purpose: 'registration-reminder',
      secrets,
    });
  }

  /** The event moved: the new time to a registrant with a seat; reminders already due for the new time are skipped. */
  async function mailRescheduled(tx: Executor, event: EventRow, registration: RegistrationRow): Promise<void> {
    const { links: way, secrets } = await furtherLinks(tx, registration.id);
    await skipDueReminders(tx, event, registration.id);
    const message = registrationMails.rescheduled(registration.language as Language, registration.first_name, mailEventOf(event), way);
    await mail.enqueue(tx, { to: registration.email, subject: message.subject, text: message.text, purpose: 'event-rescheduled', secrets });
  }

  async function hasFreeSeat(tx: Executor, event: EventRow): Promise<boolean> {
    return event.capacity === null || (await eventsRepo.countInState(tx, event.id, 'confirmed')) < event.capacity;
  }

  /** A seat when one is free, else the waiting list (with a mail saying so). */
  async function seatOrWaitlist(tx: Executor, event: EventRow, registration: RegistrationRow): Promise<'confirmed' | 'waitlisted'> {
    if (await hasFreeSeat(tx, event)) {
      await giveSeat(tx, event, registration);
      return 'confirmed';
    }
    await mailManageLink(tx, event, registration, 'waitlisted', 'waitlisted');
    return 'waitlisted';
  }

  /** Moves the waiting list up into every free seat. */
  async function fill(tx: Executor, event: EventRow, actor: Actor | AuditActor): Promise<void> {
    if (event.status !== 'scheduled') return;
    const free =
      event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - (await eventsRepo.countInState(tx, event.id, 'confirmed'));
    if (free <= 0) return;
    const next = await eventsRepo.firstWaitlisted(tx, event.id, Math.min(free, 1000));
    for (const registration of next) {
      await giveSeat(tx, event, registration);
      await recordAudit(tx, actor, { action: 'registration.moved_up', subject: { type: 'registration', id: registration.id } });
    }
  }

  return { giveSeat, seatOrWaitlist, mailManageLink, mailReminder, mailRescheduled, fill, links };
}

export type Seats = ReturnType<typeof createSeats>;
