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
      situation: 'chat',
      data: {
        en: 'the chat messages written while minutes logging was on, with the name of their author, the time and, for a private message, its recipient; and who switched the logging on and off',
        de: 'die Chatnachrichten, die bei eingeschalteter Protokollierung geschrieben wurden, mit dem Namen der verfassenden Person, der Uhrzeit und bei einer privaten Nachricht deren Empfänger; außerdem, wer die Protokollierung ein- und ausgeschaltet hat',
      },
      purpose: {
        en: 'The host keeps minutes of the results of the meeting with them; everyone sees a banner while the logging is on.',
        de: 'Die Veranstalter halten damit die Ergebnisse des Meetings fest; solange protokolliert wird, sehen alle ein Banner.',
      },
      recipients: {
        en: 'The host of the meeting and our administrators can read and export the minutes.',
        de: 'Die Veranstalter des Meetings und unsere Administration können das Protokoll lesen und exportieren.',
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
        text: {
          en: 'We keep them while the meeting or event is running and delete them {{days}} after it ended, or after the period the host set for the event.',
          de: 'Wir speichern sie, solange das Meeting oder die Veranstaltung läuft, und löschen sie {{days}} nach deren Ende oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben.',
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
