import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

const registrationContract = {
  en: 'taking part in the event the person registered for',
  de: 'Teilnahme an der Veranstaltung, für die sich die Person angemeldet hat',
};

const untilEventOver = {
  kind: 'while',
  condition: {
    en: 'the event is ahead or running; deleted {{days}} days after it ends (or after the period the host set for the event), at once when the registrant cancels, and after {{hours}} hours when the address is never confirmed',
    de: 'die Veranstaltung bevorsteht oder läuft; gelöscht {{days}} Tage nach ihrem Ende (oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben), sofort bei Stornierung durch die angemeldete Person und nach {{hours}} Stunden, wenn die Adresse nie bestätigt wird',
  },
  // Enforced by the retention task in subject-data.ts with the configured period.
  thenDays: 180,
  setting: 'registrationDays',
  eventOverride: 'retention_registration_days',
} as const;

export const eventsPrivacy: PrivacyDeclaration = {
  domain: 'events',
  categories: [
    {
      id: 'events.registrant-required',
      subjects: ['registrant'],
      table: 'registrations',
      columns: ['first_name', 'last_name', 'email', 'registered_at', 'confirmed_at', 'language', 'notice_version'],
      purpose: {
        en: 'Registration for an event: identifying the registrant, sending the confirmation and the personal join link (mandatory: first name, last name, email; date and time of registration)',
        de: 'Anmeldung zu einer Veranstaltung: Identifikation der angemeldeten Person, Versand der Bestätigung und des persönlichen Zugangslinks (Pflichtangaben: Vorname, Nachname, E-Mail-Adresse; Datum und Uhrzeit der Anmeldung)',
      },
      legalBasis: { article: '6(1)(b)', contract: registrationContract },
      retention: untilEventOver,
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'events.registrant-voluntary',
      subjects: ['registrant'],
      table: 'registrations',
      columns: ['company', 'industry', 'phone'],
      purpose: {
        en: 'Voluntary details about the registrant’s company, industry and phone number, to prepare the event for its audience',
        de: 'Freiwillige Angaben zu Unternehmen, Branche und Telefonnummer, um die Veranstaltung auf ihr Publikum auszurichten',
      },
      legalBasis: { article: '6(1)(a)' },
      retention: untilEventOver,
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'events.registration-answers',
      subjects: ['registrant'],
      table: 'registration_answers',
      columns: ['answer'],
      purpose: {
        en: 'Voluntary answers to the host’s extra questions, for the purpose stated with each question',
        de: 'Freiwillige Antworten auf Zusatzfragen der Veranstalter, zu dem bei jeder Frage genannten Zweck',
      },
      legalBasis: { article: '6(1)(a)' },
      retention: untilEventOver,
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'events.event-owner',
      subjects: ['staff'],
      table: 'events',
      columns: ['owner_id'],
      purpose: {
        en: 'Knowing which host runs an event and may manage it',
        de: 'Nachvollziehen, welche Veranstalter eine Veranstaltung leiten und verwalten dürfen',
      },
      legalBasis: { article: '6(1)(b)', contract: { en: 'employment or service contract', de: 'Arbeits- oder Dienstvertrag' } },
      retention: { kind: 'while', condition: { en: 'the event exists', de: 'die Veranstaltung besteht' }, thenDays: 0 },
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    events: [
      'id',
      'slug',
      'reminder_minutes',
      'kind',
      'title',
      'description',
      'starts_at',
      'ends_at',
      'time_zone',
      'language',
      'capacity',
      'registration_opens_at',
      'registration_closes_at',
      'approval_mode',
      'dial_in_offered',
      'retention_registration_days',
      'retention_minutes_days',
      'retention_recording_days',
      'ask_company',
      'ask_industry',
      'ask_phone',
      'status',
      'created_at',
      'updated_at',
      'cancelled_at',
    ],
    event_questions: ['id', 'event_id', 'position', 'kind', 'label', 'purpose', 'choices'],
    registrations: [
      'id',
      'event_id',
      'state',
      'expires_at',
      'confirm_token_hash',
      'manage_token_hash',
      'join_token_hash',
      'join_revoked_at',
      'updated_at',
    ],
    // Hashes of further links and which reminder went out when: no personal data of their own;
    // deleted with the registration they belong to (foreign key, ON DELETE CASCADE).
    further_links: ['token_hash', 'kind', 'registration_id', 'created_at'],
    reminders_sent: ['registration_id', 'minutes_before', 'starts_at', 'sent_at'],
    registration_answers: ['registration_id', 'question_id'],
    captcha_spent: ['signature', 'expires_at'],
  },
};
