import type { PrivacyDeclaration } from './registry.js';

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
      legalBasis: { article: '6(1)(c)', obligation: { en: 'accountability, Art. 5(2) and 24 GDPR', de: 'Rechenschaftspflicht, Art. 5 Abs. 2 und 24 DSGVO' } },
      retention: { kind: 'after', column: 'at', days: 730 },
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    audit_entries: ['id', 'actor_kind', 'action', 'subject_type', 'detail'],
  },
};
