import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const qaPrivacy: PrivacyDeclaration = {
  domain: 'qa',
  categories: [
    {
      id: 'qa.questions',
      subjects: ['participant', 'registrant', 'staff'],
      table: 'qa_questions',
      columns: ['asker_name', 'asker_registration_id', 'text', 'asked_at', 'answer', 'answered_by_name', 'answered_at'],
      situation: 'qa',
      data: {
        en: 'the questions you ask in a webinar, with your name and the time, and the written answer with the name of the person who gave it',
        de: 'die Fragen, die Sie in einem Webinar stellen, mit Ihrem Namen und der Uhrzeit, sowie die schriftliche Antwort mit dem Namen der Person, die sie gegeben hat',
      },
      purpose: {
        en: 'We use them to answer your questions during the webinar and to follow up on them afterwards.',
        de: 'Wir verwenden sie, um Ihre Fragen während des Webinars zu beantworten und danach nachzubereiten.',
      },
      recipients: {
        en: 'Everyone in the webinar sees your question: the host and the panelists with your name, other attendees with your pseudonym; if you ask anonymously, only the host knows who asked. The host and our administrators can export the questions afterwards.',
        de: 'Alle im Webinar sehen Ihre Frage: die Veranstalter und die Vortragenden mit Ihrem Namen, andere Teilnehmende mit Ihrem Pseudonym; fragen Sie anonym, wissen nur die Veranstalter, wer gefragt hat. Die Veranstalter und unsere Administration können die Fragen danach exportieren.',
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
        text: {
          en: 'We keep them while the webinar is running and delete them {{days}} after it ended, or after the period the host set for the event.',
          de: 'Wir speichern sie, solange das Webinar läuft, und löschen sie {{days}} nach dessen Ende oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben.',
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
