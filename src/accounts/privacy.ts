import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

const staffContract = {
  en: 'employment or service contract: staff need an account to run events',
  de: 'Arbeits- oder Dienstvertrag: Mitarbeitende brauchen ein Konto, um Veranstaltungen durchzuführen',
};

export const accountsPrivacy: PrivacyDeclaration = {
  domain: 'accounts',
  categories: [
    {
      id: 'accounts.staff-profile',
      subjects: ['staff'],
      table: 'staff_accounts',
      columns: ['email', 'display_name', 'language', 'last_login_at'],
      purpose: {
        en: 'Sign-in and identification of staff who run events',
        de: 'Anmeldung und Identifikation der Mitarbeitenden, die Veranstaltungen durchführen',
      },
      legalBasis: { article: '6(1)(b)', contract: staffContract },
      retention: {
        kind: 'while',
        condition: {
          en: 'the account exists; deleted 30 days after the account is disabled',
          de: 'das Konto besteht; gelöscht 30 Tage nach Deaktivierung',
        },
        thenDays: 30,
      },
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'accounts.staff-credentials',
      subjects: ['staff'],
      table: 'staff_accounts',
      columns: ['password_hash', 'totp_secret', 'totp_last_step'],
      purpose: {
        en: 'Protecting staff accounts against misuse (password hash, second factor)',
        de: 'Schutz der Mitarbeiterkonten vor Missbrauch (Passwort-Hash, zweiter Faktor)',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'securing access to participants’ data (Art. 32 GDPR)',
          de: 'Absicherung des Zugangs zu Teilnehmerdaten (Art. 32 DSGVO)',
        },
      },
      retention: { kind: 'while', condition: { en: 'the account exists', de: 'das Konto besteht' }, thenDays: 0 },
      rights: { export: false, correct: true, erase: true },
    },
    {
      id: 'accounts.staff-sessions',
      subjects: ['staff'],
      table: 'staff_sessions',
      columns: ['account_id', 'created_at', 'last_seen_at'],
      purpose: { en: 'Keeping a staff member signed in', de: 'Angemeldet bleiben von Mitarbeitenden' },
      legalBasis: { article: '6(1)(b)', contract: staffContract },
      retention: {
        kind: 'until',
        condition: {
          en: 'logout, idle or absolute timeout (swept hourly)',
          de: 'Abmeldung, Inaktivitäts- oder Höchstdauer (stündlich bereinigt)',
        },
      },
      rights: { export: false, correct: false, erase: true },
    },
    {
      id: 'accounts.staff-invitations',
      subjects: ['staff'],
      table: 'staff_invitations',
      columns: ['account_id', 'created_by'],
      purpose: {
        en: 'Letting an invited person choose a password once',
        de: 'Einmaliges Festlegen des Passworts durch eingeladene Personen',
      },
      legalBasis: { article: '6(1)(b)', contract: staffContract },
      retention: { kind: 'after', column: 'expires_at', days: 0 },
      rights: { export: false, correct: false, erase: true },
    },
    {
      id: 'accounts.api-tokens',
      subjects: ['staff'],
      table: 'api_tokens',
      columns: ['created_by', 'last_used_at'],
      purpose: {
        en: 'Knowing who issued an integration token and whether it is in use',
        de: 'Nachvollziehen, wer ein Integrations-Token ausgestellt hat und ob es genutzt wird',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: { en: 'accountability for access to the API', de: 'Verantwortlichkeit für Zugriffe über die API' },
      },
      retention: { kind: 'after', column: 'revoked_at', days: 365 },
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    staff_accounts: ['id', 'role', 'status', 'totp_enabled', 'created_at', 'updated_at'],
    staff_sessions: ['token_hash', 'expires_at'],
    staff_invitations: ['token_hash', 'created_at', 'expires_at'],
    api_tokens: ['id', 'name', 'token_hash', 'token_prefix', 'role', 'created_at', 'revoked_at'],
  },
};
