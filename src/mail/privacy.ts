import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const mailPrivacy: PrivacyDeclaration = {
  domain: 'mail',
  categories: [
    {
      id: 'mail.messages',
      subjects: ['staff', 'registrant', 'participant', 'requester'],
      table: 'mail_messages',
      columns: ['to_address', 'subject', 'body_text', 'created_at', 'sent_at', 'last_error'],
      purpose: {
        en: 'Delivering the mails a person needs (invitations, confirmations, join links) and retrying when delivery fails; the stored copy never holds the links themselves',
        de: 'Zustellung der E-Mails, die eine Person braucht (Einladungen, Bestätigungen, Zugangslinks), mit Wiederholung bei Fehlern; die gespeicherte Kopie enthält die Links selbst nie',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: { en: 'the service the person asked for', de: 'die von der Person angefragte Leistung' },
      },
      retention: { kind: 'after', column: 'created_at', days: 30 },
      rights: { export: true, correct: false, erase: true },
    },
  ],
  notPersonal: {
    mail_messages: ['id', 'purpose', 'status', 'attempts', 'next_attempt_at'],
  },
};
