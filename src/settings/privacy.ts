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
      situation: 'staff',
      data: {
        en: 'the contact address for privacy questions and the name and email address of the data protection officer, which may be your own, and who last changed them',
        de: 'die Kontaktadresse für Datenschutzfragen sowie Namen und E-Mail-Adresse der oder des Datenschutzbeauftragten, die Ihre eigenen sein können, und wer sie zuletzt geändert hat',
      },
      purpose: {
        en: 'This notice and our mails must name the contacts for data protection questions (Art. 13(1)(a) and (b) GDPR).',
        de: 'Diese Datenschutzhinweise und unsere E-Mails müssen die Ansprechpersonen für Datenschutzfragen nennen (Art. 13 Abs. 1 lit. a und b DSGVO).',
      },
      recipients: {
        en: 'Everyone: the contacts are published in this notice and in our mails; only our administrators see who changed them.',
        de: 'Alle: Die Kontakte werden in diesen Hinweisen und in unseren E-Mails veröffentlicht; wer sie geändert hat, sieht nur unsere Administration.',
      },
      legalBasis: {
        article: '6(1)(c)',
        obligation: { en: 'information duties, Art. 13 GDPR', de: 'Informationspflichten, Art. 13 DSGVO' },
      },
      retention: {
        kind: 'until',
        text: {
          en: 'We keep them until an administrator replaces or removes them.',
          de: 'Wir speichern sie, bis eine Administratorin oder ein Administrator sie ersetzt oder entfernt.',
        },
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
