import type { Language } from '../config.js';
import { formatEventTime, type Mail, type MailEvent } from './mails.js';

const texts = {
  en: {
    subject: (title: string) => `You are invited to speak: ${title}`,
    body: (name: string, title: string, when: string, host: string) =>
      `Hello ${name},\n\n${host} invites you to speak at the webinar “${title}”.\n\nWhen: ${when}`,
    link: 'Your personal speaker link (do not pass it on; it admits only you, as a speaker):',
    steps:
      'Open it shortly before the start: you check your camera and microphone, then wait backstage with the host. Attendees see and hear you only once the host starts the webinar.',
  },
  de: {
    subject: (title: string) => `Einladung zum Sprechen: ${title}`,
    body: (name: string, title: string, when: string, host: string) =>
      `Hallo ${name},\n\n${host} lädt Sie ein, im Webinar „${title}“ zu sprechen.\n\nWann: ${when}`,
    link: 'Ihr persönlicher Link (bitte nicht weitergeben; er lässt nur Sie ein, und zwar auf das Podium):',
    steps:
      'Öffnen Sie ihn kurz vor Beginn: Sie prüfen Kamera und Mikrofon und warten dann mit den Veranstaltern im Backstage. Die Teilnehmenden sehen und hören Sie erst, wenn das Webinar gestartet wird.',
  },
};

/** The mail that carries a panelist's personal link, in the event's language. */
export function panelistInvitationMail(language: Language, name: string, event: MailEvent, host: string, link: string): Mail {
  const t = texts[language];
  return {
    subject: t.subject(event.title),
    text: [t.body(name, event.title, formatEventTime(event, language), host), `${t.link}\n${link}`, t.steps].join('\n\n'),
  };
}
