import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

/**
 * Chat messages themselves are not personal data at rest: they live in the memory of the live
 * room only and are gone when it ends or empties. Only while the host has minutes logging on
 * (everyone sees a banner) are they written to `chat_minutes`.
 */
export const chatPrivacy: PrivacyDeclaration = {
  domain: 'chat',
  categories: [
    {
      id: 'chat.minutes',
      subjects: ['participant', 'registrant', 'staff'],
      table: 'chat_minutes',
      columns: ['author_name', 'author_registration_id', 'recipient_name', 'text', 'at'],
      purpose: {
        en: 'Minutes of results: chat messages written while the host had minutes logging switched on (announced to everyone by a banner), with author, time and whether the message was private to the hosts; and who switched the logging on and off',
        de: 'Ergebnisprotokoll: Chatnachrichten, die geschrieben wurden, während die Veranstalter die Protokollierung eingeschaltet hatten (für alle durch ein Banner angezeigt), mit Verfasser/in, Zeit und ob die Nachricht privat an die Veranstalter ging; sowie wer die Protokollierung ein- und ausgeschaltet hat',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'documenting the results of a meeting or event (minutes) for follow-up by the organiser',
          de: 'Dokumentation der Ergebnisse eines Meetings oder einer Veranstaltung (Protokoll) zur Nachbereitung durch die Veranstalter',
        },
      },
      retention: {
        kind: 'while',
        condition: {
          en: 'the meeting or event is running; deleted {{days}} days after it ended, or after the period the host set for the event',
          de: 'das Meeting oder die Veranstaltung läuft; gelöscht {{days}} Tage nach deren Ende, oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben',
        },
        // Enforced by the retention task in subject-data.ts (RETENTION_MINUTES_DAYS, or the event's period).
        thenDays: 180,
        setting: 'minutesDays',
        eventOverride: 'retention_minutes_days',
      },
      rights: { export: true, correct: false, erase: true },
    },
  ],
  notPersonal: {
    chat_minutes: ['id', 'room_id', 'kind', 'private'],
  },
};
