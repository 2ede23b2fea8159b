import type { Text } from '../shared/privacy-declaration.js';

/**
 * How the portal and the DPO's desk name each stored item and its fields, in German and English:
 * a title ("Registration for ‘{{event}}’"), a label per field, words for stored codes. The
 * subject-data sources name their fields for the export; these are the words a person reads.
 * A field marked `internal` stays in the export and never shows (proofs such as a hash).
 */

export type FieldWords =
  | { label: Text; kind?: 'text' | 'time' | 'yes-no' | 'notice-version' | 'phone' }
  | { label: Text; kind: 'code'; codes: Record<string, Text> }
  | { label: Text; kind: 'codes'; codes: Record<string, Text> }
  | 'internal';

export interface ItemWords {
  /** `{{event}}` stands for the event or meeting (the date follows where known), `{{<field>}}` for a field's value (a code in words). */
  title: Text;
  /**
   * The item's heading inside its group on the portal, where the group's title already names the
   * event ("Voluntary details" under "Registration for ‘…’ on …"); absent: the title.
   */
  inGroup?: Text;
  /** For items that belong to no registration: the title of the group that gathers them ("Mails we sent you"). */
  group?: Text;
  fields: Record<string, FieldWords>;
}

const w = (en: string, de: string): Text => ({ en, de });
const time = (en: string, de: string): FieldWords => ({ label: w(en, de), kind: 'time' });
const text = (en: string, de: string): FieldWords => ({ label: w(en, de) });
const yesNo = (en: string, de: string): FieldWords => ({ label: w(en, de), kind: 'yes-no' });
const code = (en: string, de: string, codes: Record<string, Text>): FieldWords => ({ label: w(en, de), kind: 'code', codes });
const phone = (en: string, de: string): FieldWords => ({ label: w(en, de), kind: 'phone' });

const displayName = text('Name shown to others', 'Angezeigter Name');
const languages = { de: w('German', 'Deutsch'), en: w('English', 'Englisch') };
const media = { audio: w('microphone', 'Mikrofon'), camera: w('camera', 'Kamera'), screen: w('screen', 'Bildschirm') };

export const itemWords: Record<string, ItemWords> = {
  'events.registrant-required': {
    title: w('Registration for ‘{{event}}’', 'Anmeldung zu „{{event}}“'),
    inGroup: w('Your registration', 'Ihre Anmeldung'),
    fields: {
      firstName: text('First name', 'Vorname'),
      lastName: text('Last name', 'Nachname'),
      email: text('Email address', 'E-Mail-Adresse'),
      language: code('Language', 'Sprache', languages),
      state: code('State', 'Stand', {
        unconfirmed: w('address not yet confirmed', 'Adresse noch nicht bestätigt'),
        pending: w('waiting for the host’s approval', 'wartet auf Freigabe durch die Veranstalter'),
        waitlisted: w('on the waiting list', 'auf der Warteliste'),
        confirmed: w('confirmed', 'bestätigt'),
      }),
      registeredAt: time('Registered on', 'Angemeldet am'),
      confirmedAt: time('Confirmed on', 'Bestätigt am'),
      noticeVersion: { label: w('Privacy notice shown', 'Gezeigte Datenschutzhinweise'), kind: 'notice-version' },
    },
  },
  'events.registrant-voluntary': {
    title: w('Voluntary details for ‘{{event}}’', 'Freiwillige Angaben zu „{{event}}“'),
    inGroup: w('Your voluntary details', 'Ihre freiwilligen Angaben'),
    fields: {
      company: text('Company', 'Unternehmen'),
      industry: text('Industry', 'Branche'),
      phone: phone('Phone number', 'Telefonnummer'),
    },
  },
  'events.registration-answers': {
    title: w('Your answer for ‘{{event}}’', 'Ihre Antwort zu „{{event}}“'),
    inGroup: w('Your answer to ‘{{question}}’', 'Ihre Antwort auf „{{question}}“'),
    fields: {
      question: text('Question', 'Frage'),
      purpose: text('Why the host asks', 'Wozu die Veranstalter fragen'),
      answer: text('Answer', 'Antwort'),
    },
  },
  'events.panelists': {
    title: w('Invitation to speak at ‘{{event}}’', 'Einladung zum Sprechen in „{{event}}“'),
    fields: {
      name: text('Name', 'Name'),
      email: text('Email address', 'E-Mail-Adresse'),
      invitedAt: time('Invited on', 'Eingeladen am'),
      revokedAt: time('Withdrawn by the host on', 'Von den Veranstaltern zurückgezogen am'),
    },
  },
  'rooms.attendance': {
    title: w('Taking part in ‘{{event}}’', 'Teilnahme an „{{event}}“'),
    inGroup: w('Your taking part', 'Ihre Teilnahme'),
    fields: {
      displayName,
      role: code('Role', 'Rolle', {
        host: w('host', 'Veranstalter'),
        panelist: w('panelist', 'Vortragende/r'),
        attendee: w('attendee', 'Teilnehmende/r'),
        participant: w('participant', 'Teilnehmende/r'),
      }),
      joinedAt: time('Joined', 'Beigetreten'),
      leftAt: time('Left', 'Verlassen'),
    },
  },
  'chat.minutes': {
    title: w('Message in the minutes of ‘{{event}}’', 'Nachricht im Protokoll von „{{event}}“'),
    inGroup: w('Your message in the minutes', 'Ihre Nachricht im Protokoll'),
    fields: {
      at: time('Written', 'Geschrieben'),
      kind: code('Kind', 'Art', {
        message: w('message', 'Nachricht'),
        logging_on: w('minutes switched on', 'Protokoll eingeschaltet'),
        logging_off: w('minutes switched off', 'Protokoll ausgeschaltet'),
      }),
      displayName,
      text: text('Text', 'Text'),
      private: yesNo('Private message', 'Private Nachricht'),
    },
  },
  'qa.questions': {
    title: w('Your question in ‘{{event}}’', 'Ihre Frage in „{{event}}“'),
    inGroup: w('Your question', 'Ihre Frage'),
    fields: {
      askedAt: time('Asked', 'Gestellt'),
      displayName,
      anonymous: yesNo('Asked anonymously', 'Anonym gestellt'),
      question: text('Question', 'Frage'),
      status: code('State', 'Stand', {
        open: w('open', 'offen'),
        answered: w('answered', 'beantwortet'),
        answered_live: w('answered live', 'live beantwortet'),
        dismissed: w('dismissed', 'verworfen'),
      }),
      answer: text('Answer', 'Antwort'),
      answeredAt: time('Answered', 'Beantwortet'),
    },
  },
  'recording.tracks': {
    title: w('Your recorded track in ‘{{event}}’', 'Ihre aufgezeichnete Spur in „{{event}}“'),
    inGroup: w('Your recorded track ({{kind}})', 'Ihre aufgezeichnete Spur ({{kind}})'),
    fields: {
      kind: code('What was recorded', 'Was aufgezeichnet wurde', media),
      displayName,
      startedAt: time('Started', 'Begonnen'),
      stoppedAt: time('Stopped', 'Beendet'),
    },
  },
  'recording.consents': {
    title: w('Your decision on recording ‘{{event}}’', 'Ihre Entscheidung zur Aufzeichnung von „{{event}}“'),
    inGroup: w('Your decision on the recording', 'Ihre Entscheidung zur Aufzeichnung'),
    fields: {
      decision: code('Decision', 'Entscheidung', {
        consent: w('consented', 'eingewilligt'),
        decline: w('declined', 'abgelehnt'),
        withdraw: w('consent withdrawn', 'Einwilligung widerrufen'),
      }),
      displayName,
      decidedAt: time('Decided', 'Entschieden'),
      scope: { label: w('For', 'Für'), kind: 'codes', codes: media },
      noticeVersion: 'internal',
      noticeHash: 'internal',
    },
  },
  'mail.messages': {
    title: w('Mail to you: ‘{{subject}}’', 'E-Mail an Sie: „{{subject}}“'),
    inGroup: w('‘{{subject}}’', '„{{subject}}“'),
    group: w('Mails we sent you', 'E-Mails, die wir Ihnen geschickt haben'),
    fields: {
      to: text('To', 'An'),
      subject: text('Subject', 'Betreff'),
      text: text('Text', 'Text'),
      status: code('State', 'Stand', {
        queued: w('waiting to be sent', 'wartet auf Versand'),
        sent: w('sent', 'gesendet'),
        failed: w('could not be delivered', 'nicht zustellbar'),
      }),
      createdAt: time('Written', 'Erstellt'),
      sentAt: time('Sent', 'Gesendet'),
    },
  },
  'privacy.access-tokens': {
    title: w('Access to this page', 'Zugang zu dieser Seite'),
    inGroup: w('{{kind}}', '{{kind}}'),
    group: w('Access to this page', 'Zugang zu dieser Seite'),
    fields: {
      kind: code('Kind', 'Art', { link: w('link by mail', 'Link per E-Mail'), session: w('open session', 'offene Sitzung') }),
      createdAt: time('Created', 'Erstellt'),
      expiresAt: time('Expires', 'Läuft ab'),
      usedAt: time('Used', 'Verwendet'),
    },
  },
  'privacy.requests': {
    title: w(
      'Your request to our data protection officer',
      'Ihre Anfrage an unsere Datenschutzbeauftragte/unseren Datenschutzbeauftragten',
    ),
    inGroup: w('Request for {{type}}', 'Anfrage: {{type}}'),
    group: w(
      'Your requests to our data protection officer',
      'Ihre Anfragen an unsere Datenschutzbeauftragte/unseren Datenschutzbeauftragten',
    ),
    fields: {
      type: code('Request', 'Anfrage', {
        access: w('access (Art. 15 GDPR)', 'Auskunft (Art. 15 DSGVO)'),
        portability: w('data portability (Art. 20 GDPR)', 'Datenübertragbarkeit (Art. 20 DSGVO)'),
        rectification: w('rectification (Art. 16 GDPR)', 'Berichtigung (Art. 16 DSGVO)'),
        erasure: w('erasure (Art. 17 GDPR)', 'Löschung (Art. 17 DSGVO)'),
        restriction: w('restriction (Art. 18 GDPR)', 'Einschränkung (Art. 18 DSGVO)'),
        objection: w('objection (Art. 21 GDPR)', 'Widerspruch (Art. 21 DSGVO)'),
        withdrawal: w('withdrawal of consent (Art. 7(3) GDPR)', 'Widerruf einer Einwilligung (Art. 7 Abs. 3 DSGVO)'),
      }),
      name: text('Name', 'Name'),
      receivedAt: time('Received', 'Eingegangen'),
      dueAt: time('Answer due by', 'Antwort fällig bis'),
      status: code('State', 'Stand', {
        open: w('open', 'offen'),
        done: w('answered', 'beantwortet'),
        rejected: w('rejected', 'abgelehnt'),
      }),
      closedAt: time('Closed', 'Abgeschlossen'),
    },
  },
  'callback.requests': {
    title: w('Your callback request', 'Ihre Rückrufbitte'),
    group: w('Your callback requests', 'Ihre Rückrufbitten'),
    fields: {
      name: text('Name', 'Name'),
      phone: phone('Phone number', 'Telefonnummer'),
      preferredTime: text('Preferred time', 'Wunschzeit'),
      topic: text('Topic', 'Thema'),
      requestedAt: time('Requested', 'Angefragt'),
      doneAt: time('Done', 'Erledigt'),
    },
  },
  'telephony.dial-in-wish': {
    title: w('Dialling in by phone to ‘{{event}}’', 'Einwahl per Telefon zu „{{event}}“'),
    inGroup: w('Dialling in by phone', 'Einwahl per Telefon'),
    fields: {
      dialIn: yesNo('You wish to dial in by phone', 'Sie möchten sich per Telefon einwählen'),
      personalPin: code('Your personal phone PIN', 'Ihre persönliche Telefon-PIN', {
        issued: w('issued; we keep only a one-way hash of it', 'vergeben; wir speichern davon nur einen nicht umkehrbaren Hash'),
      }),
    },
  },
  'telephony.call-records': {
    title: w('Call into ‘{{event}}’', 'Anruf in „{{event}}“'),
    group: w('Your calls by phone', 'Ihre Anrufe per Telefon'),
    fields: {
      callerNumber: phone('Calling number', 'Anrufende Nummer'),
      calledNumber: phone('Number dialled', 'Gewählte Nummer'),
      country: text('Country of the calling number', 'Land der anrufenden Nummer'),
      startedAt: time('Started', 'Begonnen'),
      endedAt: time('Ended', 'Beendet'),
      sourceIp: text('Address of the telephone provider’s system', 'Adresse der Anlage des Telefonanbieters'),
      sourcePort: 'internal',
      transport: 'internal',
      outcome: code('Outcome', 'Ergebnis', {
        'in-ivr': w('choosing the meeting', 'bei der Auswahl des Meetings'),
        admitted: w('admitted to the meeting', 'ins Meeting gelassen'),
        refused: w('refused', 'abgewiesen'),
        abandoned: w('hung up before joining', 'vor dem Beitritt aufgelegt'),
      }),
    },
  },
};
