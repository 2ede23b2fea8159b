import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

const registrationContract = {
  en: 'your taking part in the event you registered for',
  de: 'Ihre Teilnahme an der Veranstaltung, für die Sie sich angemeldet haben',
};

const untilEventOver = {
  kind: 'while',
  text: {
    en: 'We keep them while the event is ahead or running and delete them {{days}} after it ends (or after the period the host set for the event), at once when you cancel your registration, and after {{hours}} when you never confirm your address.',
    de: 'Wir speichern sie, solange die Veranstaltung bevorsteht oder läuft, und löschen sie {{days}} nach ihrem Ende (oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben), sofort, wenn Sie Ihre Anmeldung stornieren, und nach {{hours}}, wenn Sie Ihre Adresse nie bestätigen.',
  },
  // Enforced by the retention task in subject-data.ts with the configured period.
  thenDays: 180,
  setting: 'registrationDays',
  eventOverride: 'retention_registration_days',
} as const;

const registrationReaders = {
  en: 'The host of the event, our administrators and our data protection officer see them.',
  de: 'Die Veranstalter der Veranstaltung, unsere Administration und die oder der Datenschutzbeauftragte können diese Angaben einsehen.',
};

export const eventsPrivacy: PrivacyDeclaration = {
  domain: 'events',
  categories: [
    {
      id: 'events.registrant-required',
      subjects: ['registrant'],
      table: 'registrations',
      columns: ['first_name', 'last_name', 'email', 'registered_at', 'confirmed_at', 'language', 'notice_version'],
      situation: 'registration',
      data: {
        en: 'your first and last name, your email address, the date and time of your registration and of its confirmation, your language and the version of this notice you were shown',
        de: 'Ihren Vor- und Nachnamen, Ihre E-Mail-Adresse, Datum und Uhrzeit Ihrer Anmeldung und ihrer Bestätigung, Ihre Sprache und die Fassung dieser Datenschutzhinweise, die Ihnen gezeigt wurde',
      },
      purpose: {
        en: 'We need them to register you for the event, to confirm your email address and to send you the confirmation and your personal join link; these details are required.',
        de: 'Wir benötigen sie, um Sie zur Veranstaltung anzumelden, Ihre E-Mail-Adresse zu bestätigen und Ihnen die Bestätigung und Ihren persönlichen Zugangslink zu senden; diese Angaben sind Pflichtangaben.',
      },
      recipients: registrationReaders,
      legalBasis: { article: '6(1)(b)', contract: registrationContract },
      retention: untilEventOver,
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'events.registrant-voluntary',
      subjects: ['registrant'],
      table: 'registrations',
      columns: ['company', 'industry', 'phone'],
      situation: 'registration',
      data: {
        en: 'your company, your industry and your phone number, if the form asked for them and you gave them',
        de: 'Ihr Unternehmen, Ihre Branche und Ihre Telefonnummer, sofern das Formular danach fragte und Sie sie angegeben haben',
      },
      purpose: {
        en: 'These details are voluntary; they help the host prepare the event for its audience.',
        de: 'Diese Angaben sind freiwillig; sie helfen den Veranstaltern, die Veranstaltung auf ihr Publikum auszurichten.',
      },
      recipients: registrationReaders,
      legalBasis: { article: '6(1)(a)' },
      retention: untilEventOver,
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'events.registration-answers',
      subjects: ['registrant'],
      table: 'registration_answers',
      columns: ['answer'],
      situation: 'registration',
      data: {
        en: 'your answers to the host’s additional questions, if you gave any',
        de: 'Ihre Antworten auf Zusatzfragen der Veranstalter, sofern Sie welche gegeben haben',
      },
      purpose: {
        en: 'Answering is voluntary; the host uses the answers for the purpose stated with each question.',
        de: 'Die Antworten sind freiwillig; die Veranstalter verwenden sie zu dem Zweck, der bei jeder Frage genannt ist.',
      },
      recipients: registrationReaders,
      legalBasis: { article: '6(1)(a)' },
      retention: untilEventOver,
      rights: { export: true, correct: true, erase: true },
    },
    {
      id: 'events.speakers',
      subjects: ['speaker'],
      table: 'event_speakers',
      columns: ['name', 'role', 'photo_base64'],
      situation: 'meeting',
      data: {
        en: 'your name, your role and, if the host uploaded one, your photo, when you speak at one of our events',
        de: 'Ihren Namen, Ihre Rolle und, sofern die Veranstalter eines hochgeladen haben, Ihr Foto, wenn Sie auf einer unserer Veranstaltungen sprechen',
      },
      purpose: {
        en: 'The registration page of the event presents its speakers, so that people know who will speak before they register. We keep the photo as a small square picture without the details a camera writes into a file (device, place, time).',
        de: 'Die Anmeldeseite der Veranstaltung stellt ihre Sprecherinnen und Sprecher vor, damit Interessierte vor der Anmeldung wissen, wer spricht. Das Foto speichern wir als kleines quadratisches Bild ohne die Angaben, die eine Kamera in eine Datei schreibt (Gerät, Ort, Zeit).',
      },
      recipients: {
        en: 'Everyone who opens the event’s registration page sees them.',
        de: 'Alle, die die Anmeldeseite der Veranstaltung öffnen, sehen sie.',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'announcing who speaks at our events',
          de: 'Ankündigung, wer auf unseren Veranstaltungen spricht',
        },
      },
      retention: {
        kind: 'while',
        text: {
          en: 'We keep them while the event is ahead or running and delete them {{days}} after it ends (or after the period the host set for the event); when you ask the host or us, the host removes your name and photo from the event at once.',
          de: 'Wir speichern sie, solange die Veranstaltung bevorsteht oder läuft, und löschen sie {{days}} nach ihrem Ende (oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben); wenn Sie die Veranstalter oder uns darum bitten, entfernen die Veranstalter Ihren Namen und Ihr Foto sofort aus der Veranstaltung.',
        },
        thenDays: 180,
        setting: 'registrationDays',
        eventOverride: 'retention_registration_days',
      },
      rights: { export: false, correct: false, erase: false },
    },
    {
      id: 'events.panelists',
      subjects: ['speaker'],
      table: 'panelist_invitations',
      columns: ['name', 'email', 'invited_at', 'revoked_at'],
      situation: 'meeting',
      data: {
        en: 'your name and email address when the host invites you to speak at a webinar, when the invitation was sent and, if the host withdrew it, when',
        de: 'Ihren Namen und Ihre E-Mail-Adresse, wenn die Veranstalter Sie einladen, in einem Webinar zu sprechen, wann die Einladung verschickt wurde und, falls die Veranstalter sie zurückgezogen haben, wann',
      },
      purpose: {
        en: 'We need them to send you your personal speaker link, to tell you if the webinar is cancelled, and to let you, and only you, onto the webinar’s panel under your name. We keep the link itself only in a form from which it cannot be read back.',
        de: 'Wir benötigen sie, um Ihnen Ihren persönlichen Link für Vortragende zu senden, Ihnen eine Absage des Webinars mitzuteilen und Sie, und nur Sie, unter Ihrem Namen auf das Podium des Webinars zu lassen. Den Link selbst speichern wir nur in einer Form, aus der er sich nicht zurückgewinnen lässt.',
      },
      recipients: {
        en: 'The host of the webinar, our administrators and our data protection officer see them; the webinar’s participants see your name while you are on the panel.',
        de: 'Die Veranstalter des Webinars, unsere Administration und die oder der Datenschutzbeauftragte können sie einsehen; die Teilnehmenden des Webinars sehen Ihren Namen, solange Sie auf dem Podium sind.',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'your speaking at the webinar you were invited to',
          de: 'Ihren Vortrag in dem Webinar, zu dem Sie eingeladen wurden',
        },
      },
      retention: {
        kind: 'while',
        text: {
          en: 'We keep them while the webinar is ahead or running and delete them {{days}} after it ends (or after the period the host set for the event), and at once when you ask us to erase them.',
          de: 'Wir speichern sie, solange das Webinar bevorsteht oder läuft, und löschen sie {{days}} nach seinem Ende (oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben) und sofort, wenn Sie uns um Löschung bitten.',
        },
        thenDays: 180,
        setting: 'registrationDays',
        eventOverride: 'retention_registration_days',
      },
      rights: { export: true, correct: false, erase: true },
    },
    {
      id: 'events.event-owner',
      subjects: ['staff'],
      table: 'events',
      columns: ['owner_id'],
      situation: 'staff',
      data: { en: 'which events you host', de: 'welche Veranstaltungen Sie leiten' },
      purpose: {
        en: 'It decides who may manage an event and see its registrations.',
        de: 'Danach richtet sich, wer eine Veranstaltung verwalten und ihre Anmeldungen sehen darf.',
      },
      recipients: { en: 'Our administrators see it.', de: 'Unsere Administration sieht es ein.' },
      legalBasis: { article: '6(1)(b)', contract: { en: 'employment or service contract', de: 'Arbeits- oder Dienstvertrag' } },
      retention: {
        kind: 'while',
        text: { en: 'We keep it as long as the event exists.', de: 'Wir speichern es, solange die Veranstaltung besteht.' },
        thenDays: 0,
      },
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
      // The organiser's follow-up text and link for a webinar's end screen.
      'follow_up_text',
      'follow_up_url',
      'status',
      'created_at',
      'updated_at',
      'cancelled_at',
    ],
    event_questions: ['id', 'event_id', 'position', 'kind', 'label', 'purpose', 'choices'],
    event_speakers: ['id', 'event_id', 'position', 'photo_type', 'updated_at'],
    // The personal link only as its SHA-256 (no way back to the link).
    panelist_invitations: ['id', 'event_id', 'token_hash'],
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
