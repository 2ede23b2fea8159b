import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

const accountability = { en: 'accountability, Art. 5(2) and 24 GDPR', de: 'Rechenschaftspflicht, Art. 5 Abs. 2 und 24 DSGVO' };
const answeringRequests = {
  en: 'answering data subject requests, Art. 12 to 22 GDPR',
  de: 'Beantwortung von Anfragen betroffener Personen, Art. 12 bis 22 DSGVO',
};

export const auditPrivacy: PrivacyDeclaration = {
  domain: 'privacy',
  categories: [
    {
      id: 'privacy.audit',
      subjects: ['staff'],
      table: 'audit_entries',
      columns: ['actor_id', 'at', 'subject_id'],
      purpose: {
        en: 'Proving who changed what and when (accountability), without the changed personal data itself',
        de: 'Nachweis, wer wann was geändert hat (Rechenschaftspflicht), ohne die geänderten personenbezogenen Daten selbst',
      },
      legalBasis: { article: '6(1)(c)', obligation: accountability },
      retention: { kind: 'after', column: 'at', days: 730, setting: 'auditDays' },
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'privacy.access-tokens',
      subjects: ['registrant', 'participant', 'caller', 'requester'],
      table: 'privacy_access_tokens',
      columns: ['email', 'created_at', 'used_at'],
      purpose: {
        en: 'Proving that the person asking about their data holds the mailbox (magic link, 30 minutes, single use)',
        de: 'Nachweis, dass die anfragende Person das Postfach besitzt (Anmeldelink, 30 Minuten, einmal gültig)',
      },
      legalBasis: { article: '6(1)(c)', obligation: answeringRequests },
      retention: { kind: 'after', column: 'expires_at', days: 1 },
      rights: { export: true, correct: false, erase: true },
    },
    {
      id: 'privacy.requests',
      subjects: ['requester'],
      table: 'privacy_requests',
      columns: ['email', 'name', 'received_at', 'note', 'verified_phone'],
      purpose: {
        en: 'Tracking requests received by email until they are answered within the legal deadline; the phone number the data protection officer verified, to find what is stored under that number',
        de: 'Nachverfolgung per E-Mail eingegangener Anfragen bis zu ihrer fristgerechten Beantwortung; die vom Datenschutzbeauftragten überprüfte Telefonnummer, um zu finden, was unter dieser Nummer gespeichert ist',
      },
      legalBasis: { article: '6(1)(c)', obligation: answeringRequests },
      retention: { kind: 'after', column: 'closed_at', days: 1095 },
      rights: { export: true, correct: true, erase: false },
    },
    {
      id: 'privacy.request-handlers',
      subjects: ['staff'],
      table: 'privacy_requests',
      columns: ['created_by'],
      purpose: { en: 'Knowing who recorded a request', de: 'Wissen, wer eine Anfrage erfasst hat' },
      legalBasis: { article: '6(1)(c)', obligation: accountability },
      retention: { kind: 'after', column: 'closed_at', days: 1095 },
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'privacy.legal-holds',
      subjects: ['staff'],
      table: 'legal_holds',
      columns: ['created_by'],
      purpose: { en: 'Knowing who put data under a legal hold', de: 'Wissen, wer Daten unter eine Aufbewahrungssperre gestellt hat' },
      legalBasis: { article: '6(1)(c)', obligation: accountability },
      retention: { kind: 'after', column: 'until', days: 365 },
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    audit_entries: ['id', 'actor_kind', 'action', 'subject_type', 'detail'],
    privacy_access_tokens: ['token_hash', 'kind', 'expires_at'],
    privacy_requests: ['id', 'type', 'due_at', 'extension_reason', 'status', 'created_at', 'closed_at'],
    legal_holds: ['id', 'category', 'item_id', 'reason', 'until', 'created_at', 'released_at'],
    processors: ['id', 'name', 'purpose_en', 'purpose_de', 'country', 'transfer_basis', 'service', 'created_at', 'updated_at'],
    notice_versions: ['version', 'content', 'created_at'],
  },
};
