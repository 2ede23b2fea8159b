import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

/**
 * The settings page holds the contacts the notice names: an address for privacy questions and the
 * data protection officer's name and address, which may be a person's. Published on purpose.
 */
export const settingsPrivacy: PrivacyDeclaration = {
  domain: 'settings',
  categories: [
    {
      id: 'settings.contacts',
      subjects: ['staff'],
      table: 'organisation_settings',
      columns: ['privacy_email', 'dpo_name', 'dpo_email', 'updated_by'],
      purpose: {
        en: 'Naming the contacts for data protection questions in the privacy notice and in mails, as Art. 13(1)(a) and (b) GDPR require, and knowing who last changed them',
        de: 'Nennung der Ansprechpersonen für Datenschutzfragen in den Datenschutzhinweisen und in E-Mails, wie es Art. 13 Abs. 1 lit. a und b DSGVO verlangt, und Wissen, wer sie zuletzt geändert hat',
      },
      legalBasis: {
        article: '6(1)(c)',
        obligation: { en: 'information duties, Art. 13 GDPR', de: 'Informationspflichten, Art. 13 DSGVO' },
      },
      retention: {
        kind: 'until',
        condition: { en: 'an admin replaces or removes them', de: 'eine Administratorin oder ein Administrator sie ersetzt oder entfernt' },
      },
      rights: { export: false, correct: true, erase: false },
    },
  ],
  notPersonal: {
    organisation_settings: [
      'id',
      'name',
      'address',
      'authority_name',
      'authority_address',
      'hosting',
      'hosting_country',
      'mail',
      'telephony',
      'logo_type',
      'logo_base64',
      'accent_colour',
      'default_language',
      'time_zone',
      'updated_at',
    ],
  },
};
