import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const callbackPrivacy: PrivacyDeclaration = {
  domain: 'callback',
  categories: [
    {
      id: 'callback.requests',
      subjects: ['requester'],
      table: 'callback_requests',
      columns: ['name', 'phone', 'preferred_time', 'topic', 'language', 'notice_version', 'created_at'],
      situation: 'callback',
      data: {
        en: 'your name, the phone number you gave, when we may call you, what it is about, your language, the version of this notice you were shown and when you sent the request',
        de: 'Ihren Namen, die angegebene Telefonnummer, wann wir Sie anrufen dürfen, worum es geht, Ihre Sprache, die Ihnen gezeigte Fassung dieser Datenschutzhinweise und den Zeitpunkt Ihrer Bitte',
      },
      purpose: {
        en: 'We use them to call you back at the time and about the topic you named.',
        de: 'Wir verwenden sie, um Sie zur genannten Zeit zum genannten Thema zurückzurufen.',
      },
      recipients: {
        en: 'Our staff who handle callback requests see them.',
        de: 'Unsere Mitarbeitenden, die Rückrufbitten bearbeiten, sehen sie ein.',
      },
      legalBasis: { article: '6(1)(a)' },
      retention: { kind: 'after', column: 'done_at', days: 30, setting: 'callbackDays' },
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'callback.assignee',
      subjects: ['staff'],
      table: 'callback_requests',
      columns: ['assigned_to'],
      situation: 'staff',
      data: { en: 'that you took on a callback request', de: 'dass Sie eine Rückrufbitte übernommen haben' },
      purpose: {
        en: 'It shows who calls back, so that nobody is called twice.',
        de: 'So ist zu sehen, wer zurückruft, und niemand wird doppelt angerufen.',
      },
      recipients: {
        en: 'Our staff who handle callback requests see it.',
        de: 'Unsere Mitarbeitenden, die Rückrufbitten bearbeiten, sehen es.',
      },
      legalBasis: { article: '6(1)(b)', contract: { en: 'employment or service contract', de: 'Arbeits- oder Dienstvertrag' } },
      retention: { kind: 'after', column: 'done_at', days: 30, setting: 'callbackDays' },
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    callback_requests: ['id', 'done_at'],
  },
};
