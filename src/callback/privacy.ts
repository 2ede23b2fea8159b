import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const callbackPrivacy: PrivacyDeclaration = {
  domain: 'callback',
  categories: [
    {
      id: 'callback.requests',
      subjects: ['requester'],
      table: 'callback_requests',
      columns: ['name', 'phone', 'preferred_time', 'topic', 'language', 'notice_version', 'created_at'],
      purpose: {
        en: 'Calling back a person who asked for it, at the time and about the topic they named',
        de: 'Rückruf bei einer Person, die darum gebeten hat, zur genannten Zeit und zum genannten Thema',
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
      purpose: { en: 'Knowing which staff member calls back', de: 'Wissen, welche/r Mitarbeitende zurückruft' },
      legalBasis: { article: '6(1)(b)', contract: { en: 'employment or service contract', de: 'Arbeits- oder Dienstvertrag' } },
      retention: { kind: 'after', column: 'done_at', days: 30, setting: 'callbackDays' },
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    callback_requests: ['id', 'done_at'],
  },
};
