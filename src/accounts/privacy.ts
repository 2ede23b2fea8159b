import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

const staffContract = {
  en: 'the employment or service contract, as running events needs an account',
  de: 'der Arbeits- oder Dienstvertrag, denn wer Veranstaltungen durchführt, braucht ein Konto',
};

const administrators = { en: 'Our administrators see them.', de: 'Unsere Administration sieht sie ein.' };

export const accountsPrivacy: PrivacyDeclaration = {
  domain: 'accounts',
  categories: [
    {
      id: 'accounts.staff-profile',
      subjects: ['staff'],
      table: 'staff_accounts',
      columns: ['email', 'display_name', 'language', 'last_login_at'],
      situation: 'staff',
      data: {
        en: 'your email address, your display name, your language and the time you last signed in',
        de: 'Ihre E-Mail-Adresse, Ihren Anzeigenamen, Ihre Sprache und den Zeitpunkt Ihrer letzten Anmeldung',
      },
      purpose: {
        en: 'You sign in with them, and they show who runs which event.',
        de: 'Mit ihnen melden Sie sich an, und sie zeigen, wer welche Veranstaltung durchführt.',
      },
      recipients: {
        en: 'Our administrators see them; participants see your display name when you host or present.',
        de: 'Unsere Administration sieht sie ein; Teilnehmende sehen Ihren Anzeigenamen, wenn Sie eine Veranstaltung leiten oder vortragen.',
      },
      legalBasis: { article: '6(1)(b)', contract: staffContract },
      retention: {
        kind: 'while',
        text: {
          en: 'We keep them while your account exists and delete them {{days}} after it is disabled.',
          de: 'Wir speichern sie, solange Ihr Konto besteht, und löschen sie {{days}} nach seiner Deaktivierung.',
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
      situation: 'staff',
      data: {
        en: 'a one-way hash of your password and, if you switched on two-factor sign-in, its secret key and the time step of the last code you used',
        de: 'einen nicht umkehrbaren Hash Ihres Passworts und, wenn Sie die Zwei-Faktor-Anmeldung eingeschaltet haben, deren geheimen Schlüssel und den Zeitschritt des zuletzt verwendeten Codes',
      },
      purpose: {
        en: 'They protect your account against misuse: only you can sign in with it.',
        de: 'Sie schützen Ihr Konto vor Missbrauch: Nur Sie können sich damit anmelden.',
      },
      recipients: {
        en: 'Nobody sees them, not even our administrators.',
        de: 'Niemand sieht sie ein, auch nicht unsere Administration.',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'securing access to participants’ data (Art. 32 GDPR)',
          de: 'Absicherung des Zugangs zu Teilnehmerdaten (Art. 32 DSGVO)',
        },
      },
      retention: {
        kind: 'while',
        text: {
          en: 'We keep them while your account exists and delete them with it.',
          de: 'Wir speichern sie, solange Ihr Konto besteht, und löschen sie mit ihm.',
        },
        thenDays: 0,
      },
      rights: { export: false, correct: true, erase: true },
    },
    {
      id: 'accounts.staff-sessions',
      subjects: ['staff'],
      table: 'staff_sessions',
      columns: ['account_id', 'created_at', 'last_seen_at'],
      situation: 'staff',
      data: {
        en: 'when each of your sign-in sessions began and when it was last used',
        de: 'wann jede Ihrer Anmeldesitzungen begonnen hat und wann sie zuletzt genutzt wurde',
      },
      purpose: { en: 'They keep you signed in while you work.', de: 'Mit ihnen bleiben Sie angemeldet, während Sie arbeiten.' },
      recipients: { en: 'Only the system uses them; nobody looks at them.', de: 'Nur das System verwendet sie; niemand sieht sie ein.' },
      legalBasis: { article: '6(1)(b)', contract: staffContract },
      retention: {
        kind: 'until',
        text: {
          en: 'We delete a session when you sign out, after a time without activity or after its maximum duration; expired sessions are removed every hour.',
          de: 'Wir löschen eine Sitzung, wenn Sie sich abmelden, nach einer Zeit ohne Aktivität oder nach ihrer Höchstdauer; abgelaufene Sitzungen werden stündlich entfernt.',
        },
      },
      rights: { export: false, correct: false, erase: true },
    },
    {
      id: 'accounts.staff-invitations',
      subjects: ['staff'],
      table: 'staff_invitations',
      columns: ['account_id', 'created_by'],
      situation: 'staff',
      data: { en: 'who invited you, and to which account', de: 'wer Sie eingeladen hat und zu welchem Konto' },
      purpose: {
        en: 'With the invitation you choose your password, once.',
        de: 'Mit der Einladung legen Sie einmalig Ihr Passwort fest.',
      },
      recipients: administrators,
      legalBasis: { article: '6(1)(b)', contract: staffContract },
      retention: { kind: 'after', column: 'expires_at', days: 0 },
      rights: { export: false, correct: false, erase: true },
    },
    {
      id: 'accounts.api-tokens',
      subjects: ['staff'],
      table: 'api_tokens',
      columns: ['created_by', 'last_used_at'],
      situation: 'staff',
      data: {
        en: 'who issued a key for integrations (API token) and when it was last used',
        de: 'wer einen Schlüssel für Integrationen (API-Token) ausgestellt hat und wann er zuletzt benutzt wurde',
      },
      purpose: {
        en: 'They show who is accountable for access through the programming interface and whether a key is still in use.',
        de: 'Sie zeigen, wer für Zugriffe über die Programmierschnittstelle verantwortlich ist und ob ein Schlüssel noch genutzt wird.',
      },
      recipients: administrators,
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
    setup_tokens: ['token_hash', 'created_at'],
    api_tokens: ['id', 'name', 'token_hash', 'token_prefix', 'role', 'created_at', 'revoked_at'],
  },
};
