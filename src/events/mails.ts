import type { Language } from '../config.js';
import { offsetMinutes } from '../shared/time-zones.js';

/** Registration mails: plain text in the registrant's language, no tracking, no remote images. */

export interface MailEvent {
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

export interface Mail {
  subject: string;
  text: string;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per language, zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, style: 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, style === 'date' ? { timeZone, dateStyle: 'full' } : { timeZone, timeStyle: 'short' });
    formatters.set(key, format);
  }
  return format;
}

/** The offset the zone has at an instant, as "UTC−5" or "UTC+5:30". */
function utcOffset(iso: string, zone: string): string {
  const minutes = offsetMinutes(Date.parse(iso), zone);
  const sign = minutes < 0 ? '−' : '+';
  const [hours, rest] = [Math.floor(Math.abs(minutes) / 60), Math.abs(minutes) % 60];
  return minutes === 0 ? 'UTC' : `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/**
 * When the event takes place, in the zone it was planned in, which is named with its offset: a
 * mail cannot know where it is read, and "(America/New_York, UTC−5)" lets anyone convert.
 */
export function formatEventTime(event: MailEvent, language: Language): string {
  // Every mail of a registration storm names the same times: formatted once (about 3 % of a
  // submission's CPU in the bench:registration profile), the most recent 500 kept.
  const key = `${language}|${event.timeZone}|${event.startsAt}|${event.endsAt}`;
  let formatted = eventTimes.get(key);
  if (formatted === undefined) {
    formatted = formatEventTimeOnce(event, language);
    if (eventTimes.size >= 500) eventTimes.delete(eventTimes.keys().next().value!);
    eventTimes.set(key, formatted);
  }
  return formatted;
}

const eventTimes = new Map<string, string>();

function formatEventTimeOnce(event: MailEvent, language: Language): string {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const day = formatter(locale, event.timeZone, 'date').format(new Date(event.startsAt));
  const time = formatter(locale, event.timeZone, 'time');
  const offset = utcOffset(event.startsAt, event.timeZone);
  const zone = offset === event.timeZone ? offset : `${event.timeZone}, ${offset}`;
  return `${day}, ${time.format(new Date(event.startsAt))}–${time.format(new Date(event.endsAt))} (${zone})`;
}

const texts = {
  en: {
    hello: (name: string) => `Hello ${name},`,
    ignore: (hours: number) =>
      `If you did not register, ignore this email: without confirmation the registration is deleted after ${hours} hours.`,
    manage: 'View, correct or cancel your registration:',
    confirmSubject: (t: string) => `Please confirm your registration: ${t}`,
    confirmBody: (t: string, when: string, hours: number) =>
      `please confirm your registration for “${t}” (${when}) by opening this link within ${hours} hours:`,
    knownSubject: (t: string) => `Your registration: ${t}`,
    knownBody: (t: string) =>
      `someone (perhaps you) tried to register this address again for “${t}”. You are already registered; nothing has changed.`,
    seatSubject: (t: string) => `Your personal join link: ${t}`,
    seatBody: (t: string, when: string) => `your place at “${t}” is confirmed.\n\nWhen: ${when}`,
    joinLink: 'Your personal join link (do not pass it on; it admits only you):',
    calendar: 'Add it to your calendar (.ics):',
    dialIn: (d: DialIn) =>
      `Dial in by phone: call ${d.number}, enter the meeting ID ${d.meetingNumber} followed by #, then your personal PIN ${d.pin} followed by #. The PIN admits only you; do not pass it on.`,
    waitlistSubject: (t: string) => `You are on the waiting list: ${t}`,
    waitlistBody: (t: string) =>
      `“${t}” is fully booked. You are on the waiting list and will receive your join link by email as soon as a place becomes free.`,
    pendingSubject: (t: string) => `Registration received: ${t}`,
    pendingBody: (t: string) =>
      `thank you for confirming your address. The host reviews registrations for “${t}”; you will hear from us by email.`,
    deniedSubject: (t: string) => `Your registration: ${t}`,
    deniedBody: (t: string) => `unfortunately your registration for “${t}” could not be accepted. Your registration data has been deleted.`,
    cancelledSubject: (t: string) => `Cancelled: ${t}`,
    cancelledBody: (t: string, when: string) =>
      `“${t}” (${when}) has been cancelled. Your join link no longer works. We apologise for the inconvenience.`,
    revokedSubject: (t: string) => `Your join link was replaced: ${t}`,
    reminderSubject: (t: string, soon: string) => `Reminder: “${t}” starts ${soon}`,
    reminderBody: (t: string, soon: string, when: string) => `a reminder: “${t}” starts ${soon}.\n\nWhen: ${when}`,
    dialInElsewhere: 'To dial in by phone, use the number and your personal PIN from the email that confirmed your place.',
    rescheduledSubject: (t: string) => `New time: ${t}`,
    rescheduledBody: (t: string, when: string) => `“${t}” has moved to a new time. Your place is kept.\n\nNew time: ${when}`,
    calendarUpdate: 'Update your calendar entry with this file (.ics):',
  },
  de: {
    hello: (name: string) => `Guten Tag ${name},`,
    ignore: (hours: number) =>
      `Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail: Ohne Bestätigung wird die Anmeldung nach ${hours} Stunden gelöscht.`,
    manage: 'Anmeldung ansehen, korrigieren oder stornieren:',
    confirmSubject: (t: string) => `Bitte bestätigen Sie Ihre Anmeldung: ${t}`,
    confirmBody: (t: string, when: string, hours: number) =>
      `bitte bestätigen Sie Ihre Anmeldung zu „${t}“ (${when}), indem Sie innerhalb von ${hours} Stunden diesen Link öffnen:`,
    knownSubject: (t: string) => `Ihre Anmeldung: ${t}`,
    knownBody: (t: string) =>
      `jemand (vielleicht Sie) hat versucht, diese Adresse erneut für „${t}“ anzumelden. Sie sind bereits angemeldet; es hat sich nichts geändert.`,
    seatSubject: (t: string) => `Ihr persönlicher Zugangslink: ${t}`,
    seatBody: (t: string, when: string) => `Ihr Platz bei „${t}“ ist bestätigt.\n\nWann: ${when}`,
    joinLink: 'Ihr persönlicher Zugangslink (bitte nicht weitergeben; er lässt nur Sie ein):',
    calendar: 'In den Kalender übernehmen (.ics):',
    dialIn: (d: DialIn) =>
      `Einwahl per Telefon: Rufen Sie ${d.number} an, geben Sie die Meeting-ID ${d.meetingNumber} und # ein, danach Ihre persönliche PIN ${d.pin} und #. Die PIN lässt nur Sie ein; bitte nicht weitergeben.`,
    waitlistSubject: (t: string) => `Sie stehen auf der Warteliste: ${t}`,
    waitlistBody: (t: string) =>
      `„${t}“ ist ausgebucht. Sie stehen auf der Warteliste und erhalten Ihren Zugangslink per E-Mail, sobald ein Platz frei wird.`,
    pendingSubject: (t: string) => `Anmeldung eingegangen: ${t}`,
    pendingBody: (t: string) =>
      `vielen Dank für die Bestätigung Ihrer Adresse. Die Veranstalter prüfen die Anmeldungen zu „${t}“; Sie erhalten Nachricht per E-Mail.`,
    deniedSubject: (t: string) => `Ihre Anmeldung: ${t}`,
    deniedBody: (t: string) => `leider konnte Ihre Anmeldung zu „${t}“ nicht angenommen werden. Ihre Anmeldedaten wurden gelöscht.`,
    cancelledSubject: (t: string) => `Abgesagt: ${t}`,
    cancelledBody: (t: string, when: string) =>
      `„${t}“ (${when}) wurde abgesagt. Ihr Zugangslink funktioniert nicht mehr. Wir bitten um Entschuldigung.`,
    revokedSubject: (t: string) => `Ihr Zugangslink wurde ersetzt: ${t}`,
    reminderSubject: (t: string, soon: string) => `Erinnerung: „${t}“ beginnt ${soon}`,
    reminderBody: (t: string, soon: string, when: string) => `zur Erinnerung: „${t}“ beginnt ${soon}.\n\nWann: ${when}`,
    dialInElsewhere:
      'Für die Einwahl per Telefon nutzen Sie die Nummer und Ihre persönliche PIN aus der E-Mail, mit der Ihr Platz bestätigt wurde.',
    rescheduledSubject: (t: string) => `Neuer Termin: ${t}`,
    rescheduledBody: (t: string, when: string) => `„${t}“ wurde verlegt. Ihr Platz bleibt Ihnen.\n\nNeuer Termin: ${when}`,
    calendarUpdate: 'Aktualisieren Sie Ihren Kalendereintrag mit dieser Datei (.ics):',
  },
} as const;

/** Phone dial-in details of one registrant (the PIN exists only in this mail; the store keeps its hash). */
export interface DialIn {
  number: string;
  meetingNumber: string;
  pin: string;
}

const paragraphs = (...parts: string[]) => `${parts.join('\n\n')}\n`;

/** "in 1 hour", "in 24 Stunden", "in 15 minutes": how far off a reminder's start is, in the registrant's language. */
export function startsIn(minutes: number, language: Language): string {
  const format = new Intl.RelativeTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { numeric: 'always' });
  if (minutes % 1440 === 0 && minutes >= 2880) return format.format(minutes / 1440, 'day');
  if (minutes % 60 === 0) return format.format(minutes / 60, 'hour');
  return format.format(minutes, 'minute');
}

/** The links of a mail that gives a registrant their way in. */
export interface SeatLinks {
  join: string;
  calendar: string;
  manage: string;
}

export const registrationMails = {
  confirm(language: Language, name: string, event: MailEvent, confirmLink: string, hours = 24): Mail {
    const t = texts[language];
    return {
      subject: t.confirmSubject(event.title),
      text: paragraphs(
        t.hello(name),
        `${t.confirmBody(event.title, formatEventTime(event, language), hours)}\n${confirmLink}`,
        t.ignore(hours),
      ),
    };
  },

  alreadyRegistered(language: Language, name: string, event: MailEvent, manageLink: string): Mail {
    const t = texts[language];
    return {
      subject: t.knownSubject(event.title),
      text: paragraphs(t.hello(name), t.knownBody(event.title), `${t.manage}\n${manageLink}`),
    };
  },

  seat(language: Language, name: string, event: MailEvent, links: SeatLinks, replaced = false, dialIn?: DialIn): Mail {
    const t = texts[language];
    return {
      subject: replaced ? t.revokedSubject(event.title) : t.seatSubject(event.title),
      text: paragraphs(
        t.hello(name),
        t.seatBody(event.title, formatEventTime(event, language)),
        `${t.joinLink}\n${links.join}`,
        ...(dialIn ? [t.dialIn(dialIn)] : []),
        `${t.calendar}\n${links.calendar}`,
        `${t.manage}\n${links.manage}`,
      ),
    };
  },

  waitlisted(language: Language, name: string, event: MailEvent, manageLink: string): Mail {
    const t = texts[language];
    return {
      subject: t.waitlistSubject(event.title),
      text: paragraphs(t.hello(name), t.waitlistBody(event.title), `${t.manage}\n${manageLink}`),
    };
  },

  pending(language: Language, name: string, event: MailEvent, manageLink: string): Mail {
    const t = texts[language];
    return {
      subject: t.pendingSubject(event.title),
      text: paragraphs(t.hello(name), t.pendingBody(event.title), `${t.manage}\n${manageLink}`),
    };
  },

  denied(language: Language, name: string, event: MailEvent): Mail {
    const t = texts[language];
    return { subject: t.deniedSubject(event.title), text: paragraphs(t.hello(name), t.deniedBody(event.title)) };
  },

  /** Before the start (the event's reminder times): the way in again; the PIN only the seat mail carried. */
  reminder(language: Language, name: string, event: MailEvent, links: SeatLinks, minutesBefore: number, dialsIn: boolean): Mail {
    const t = texts[language];
    const soon = startsIn(minutesBefore, language);
    return {
      subject: t.reminderSubject(event.title, soon),
      text: paragraphs(
        t.hello(name),
        t.reminderBody(event.title, soon, formatEventTime(event, language)),
        `${t.joinLink}\n${links.join}`,
        ...(dialsIn ? [t.dialInElsewhere] : []),
        `${t.calendar}\n${links.calendar}`,
        `${t.manage}\n${links.manage}`,
      ),
    };
  },

  /** The host moved the event: the new time, and a calendar file to update the entry. */
  rescheduled(language: Language, name: string, event: MailEvent, links: SeatLinks): Mail {
    const t = texts[language];
    return {
      subject: t.rescheduledSubject(event.title),
      text: paragraphs(
        t.hello(name),
        t.rescheduledBody(event.title, formatEventTime(event, language)),
        `${t.calendarUpdate}\n${links.calendar}`,
        `${t.joinLink}\n${links.join}`,
        `${t.manage}\n${links.manage}`,
      ),
    };
  },

  eventCancelled(language: Language, name: string, event: MailEvent): Mail {
    const t = texts[language];
    return {
      subject: t.cancelledSubject(event.title),
      text: paragraphs(t.hello(name), t.cancelledBody(event.title, formatEventTime(event, language))),
    };
  },
};
