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
      purpose: {
        en: 'Phone dial-in: connecting the call to the meeting, showing the host who dialled in, reconciling with the telephone provider and preventing abuse of the dial-in (incoming and called number, country derived from the number, start and end time, connection data such as the IP address)',
        de: 'Telefoneinwahl: Verbinden des Anrufs mit dem Meeting, Nachweis für die Veranstalter, wer sich eingewählt hat, Abgleich mit dem Telefonanbieter und Schutz vor Missbrauch der Einwahl (ein- und ausgehende Rufnummer, aus der Nummer abgeleitetes Land, Beginn und Ende, Verbindungsdaten wie die IP-Adresse)',
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
      purpose: {
        en: 'Dialling in by phone: the registrant’s wish to dial in, and a hash of their personal phone PIN that admits only them',
        de: 'Telefoneinwahl: der Wunsch der angemeldeten Person, sich per Telefon einzuwählen, und ein Hash ihrer persönlichen Telefon-PIN, die nur sie einlässt',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'taking part in the event by phone, as the registrant asked',
          de: 'Teilnahme an der Veranstaltung per Telefon, wie von der angemeldeten Person gewünscht',
        },
      },
      retention: {
        kind: 'while',
        condition: { en: 'the registration exists; deleted with it', de: 'die Anmeldung besteht; gelöscht mit ihr' },
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
