import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const mailPrivacy: PrivacyDeclaration = {
  domain: 'mail',
  categories: [
    {
      id: 'mail.messages',
      subjects: ['staff', 'registrant', 'participant', 'requester'],
      table: 'mail_messages',
      columns: ['to_address', 'subject', 'body_text', 'created_at', 'sent_at', 'last_error'],
      situation: 'mail',
      data: {
        en: 'the address each mail goes to, its subject and text without the links in it, when it was written and sent, and why delivery failed if it did',
        de: 'die Adresse, an die eine E-Mail geht, ihren Betreff und Text ohne die darin enthaltenen Links, wann sie erstellt und versandt wurde und, falls die Zustellung scheiterte, warum',
      },
      purpose: {
        en: 'We need them to deliver the mails you need (invitations, confirmations, join links) and to try again when delivery fails.',
        de: 'Wir benötigen sie, um Ihnen die nötigen E-Mails (Einladungen, Bestätigungen, Zugangslinks) zuzustellen und die Zustellung bei Fehlern zu wiederholen.',
      },
      recipients: {
        en: 'Our administrators can see which mails were sent; each mail itself goes to your mail provider.',
        de: 'Unsere Administration kann sehen, welche E-Mails versandt wurden; jede E-Mail selbst geht an Ihren E-Mail-Anbieter.',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: { en: 'the service you asked for', de: 'die von Ihnen angefragte Leistung' },
      },
      retention: { kind: 'after', column: 'created_at', days: 30 },
      rights: { export: true, correct: false, erase: true },
    },
  ],
  notPersonal: {
    // held_by: the instance that holds a queued mail's links in memory (cluster mode).
    mail_messages: ['id', 'purpose', 'status', 'attempts', 'next_attempt_at', 'held_by'],
  },
};
