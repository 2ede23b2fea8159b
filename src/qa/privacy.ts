import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const qaPrivacy: PrivacyDeclaration = {
  domain: 'qa',
  categories: [
    {
      id: 'qa.questions',
      subjects: ['participant', 'registrant', 'staff'],
      table: 'qa_questions',
      columns: ['asker_name', 'asker_registration_id', 'text', 'asked_at', 'answer', 'answered_by_name', 'answered_at'],
      purpose: {
        en: 'Questions asked in a webinar’s Q&A, with who asked (shown to other attendees only when the asker chose so) and the written answer, to answer them during the webinar and to follow up afterwards',
        de: 'Fragen aus der Fragerunde eines Webinars, mit fragender Person (anderen Teilnehmenden nur sichtbar, wenn sie das gewählt hat) und schriftlicher Antwort, um sie im Webinar zu beantworten und danach nachzubereiten',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'answering attendees’ questions and following up on them after the webinar',
          de: 'Beantwortung der Fragen der Teilnehmenden und deren Nachbereitung nach dem Webinar',
        },
      },
      retention: {
        kind: 'while',
        condition: {
          en: 'the webinar is running; deleted {{days}} days after it ended, or after the period the host set for the event',
          de: 'das Webinar läuft; gelöscht {{days}} Tage nach dessen Ende, oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben',
        },
        // Q&A goes with the registrations: RETENTION_REGISTRATION_DAYS, or the event's period (retention task in subject-data.ts).
        thenDays: 180,
        setting: 'registrationDays',
        eventOverride: 'retention_registration_days',
      },
      rights: { export: true, correct: true, erase: true },
    },
  ],
  notPersonal: {
    qa_questions: ['id', 'room_id', 'anonymous', 'upvotes', 'status', 'answer_private'],
  },
};
