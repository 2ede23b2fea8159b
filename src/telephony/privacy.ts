import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

/** Call records are kept 90 days from the start of the call (RETENTION_CALL_RECORD_DAYS), then deleted. */
export const callRecordRetentionDays = 90;

export const telephonyPrivacy: PrivacyDeclaration = {
  domain: 'telephony',
  categories: [
    {
      id: 'telephony.call-records',
      subjects: ['caller'],
      table: 'call_records',
      columns: ['caller_number', 'called_number', 'caller_country', 'source_ip', 'source_port', 'transport', 'started_at', 'ended_at'],
      situation: 'phone',
      data: {
        en: 'the number you call from, the number you dialled, the country your number belongs to, the start and end of the call, and the IP address, port and connection type of our telephone provider’s system',
        de: 'die Nummer, von der Sie anrufen, die gewählte Nummer, das Land, zu dem Ihre Nummer gehört, Beginn und Ende des Anrufs sowie IP-Adresse, Port und Verbindungsart des Systems unseres Telefonanbieters',
      },
      purpose: {
        en: 'We use them to connect your call to the meeting, to show the host who dialled in, to reconcile calls with our telephone provider and to prevent abuse of the dial-in.',
        de: 'Wir verwenden sie, um Ihren Anruf mit dem Meeting zu verbinden, den Veranstaltern anzuzeigen, wer sich eingewählt hat, Anrufe mit unserem Telefonanbieter abzugleichen und Missbrauch der Einwahl zu verhindern.',
      },
      recipients: {
        en: 'The host of the meeting, our administrators and our data protection officer can see the call records.',
        de: 'Die Veranstalter des Meetings, unsere Administration und die oder der Datenschutzbeauftragte können die Anrufdaten einsehen.',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'operating a secure telephone dial-in into meetings and being able to answer questions about calls and charges',
          de: 'Betrieb einer sicheren Telefoneinwahl in Meetings und Auskunftsfähigkeit zu Anrufen und Entgelten',
        },
      },
      retention: { kind: 'after', column: 'started_at', days: callRecordRetentionDays, setting: 'callRecordDays' },
      rights: { export: true, correct: false, erase: true },
    },
    {
      id: 'telephony.dial-in-wish',
      subjects: ['registrant'],
      table: 'registrations',
      columns: ['dial_in', 'phone_pin_hash'],
      situation: 'phone',
      data: {
        en: 'whether you wish to dial in by phone, and a one-way hash of your personal phone PIN',
        de: 'ob Sie sich per Telefon einwählen möchten, und einen nicht umkehrbaren Hash Ihrer persönlichen Telefon-PIN',
      },
      purpose: {
        en: 'With the PIN only you get into the event by phone.',
        de: 'Mit der PIN kommen nur Sie per Telefon in die Veranstaltung.',
      },
      recipients: {
        en: 'The host of the event sees whether you dial in; nobody can read the PIN from its hash.',
        de: 'Die Veranstalter sehen, ob Sie sich einwählen; aus dem Hash kann niemand die PIN lesen.',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'your taking part in the event by phone, as you asked',
          de: 'Ihre Teilnahme an der Veranstaltung per Telefon, wie von Ihnen gewünscht',
        },
      },
      retention: {
        kind: 'while',
        text: {
          en: 'We keep them as long as your registration exists and delete them with it.',
          de: 'Wir speichern sie, solange Ihre Anmeldung besteht, und löschen sie mit ihr.',
        },
        thenDays: 0,
      },
      rights: { export: true, correct: false, erase: true },
    },
  ],
  notPersonal: {
    rooms: ['phone_pin'],
    call_records: ['id', 'room_id', 'outcome'],
  },
};
