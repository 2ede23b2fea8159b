import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const roomsPrivacy: PrivacyDeclaration = {
  domain: 'rooms',
  categories: [
    {
      id: 'rooms.host',
      subjects: ['staff'],
      table: 'rooms',
      columns: ['host_account_id', 'owner_id'],
      situation: 'staff',
      data: { en: 'which meetings you host and which you created', de: 'welche Meetings Sie leiten und welche Sie angelegt haben' },
      purpose: {
        en: 'It decides who may moderate a meeting and who may manage it.',
        de: 'Danach richtet sich, wer ein Meeting moderieren und wer es verwalten darf.',
      },
      recipients: { en: 'Our administrators see it.', de: 'Unsere Administration sieht es ein.' },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'employment or service contract of the host',
          de: 'Arbeits- oder Dienstvertrag der Veranstalterin / des Veranstalters',
        },
      },
      // Not deleted by age: a meeting room is used again and again, and its recordings, minutes
      // and questions (possibly under a legal hold) hang off it.
      retention: {
        kind: 'while',
        text: { en: 'We keep it as long as the meeting exists.', de: 'Wir speichern es, solange das Meeting besteht.' },
        thenDays: 0,
      },
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'rooms.attendance',
      subjects: ['participant'],
      table: 'room_attendance',
      columns: ['display_name', 'registration_id', 'joined_at', 'left_at'],
      situation: 'meeting',
      data: {
        en: 'the name you join under, your registration if you came with your personal link, and when you joined and left',
        de: 'den Namen, unter dem Sie teilnehmen, Ihre Anmeldung, wenn Sie über Ihren persönlichen Link gekommen sind, und wann Sie beigetreten sind und den Raum verlassen haben',
      },
      purpose: {
        en: 'The host receives an attendance report from them: who took part from when to when, for follow-up and as proof of attendance.',
        de: 'Die Veranstalter erhalten daraus einen Teilnahmebericht – wer von wann bis wann teilgenommen hat – zur Nachbereitung und als Teilnahmenachweis.',
      },
      recipients: {
        en: 'The host of the meeting and our administrators see the report.',
        de: 'Die Veranstalter des Meetings und unsere Administration sehen den Bericht ein.',
      },
      legalBasis: {
        article: '6(1)(f)',
        interest: {
          en: 'documenting participation in events for follow-up and proof of attendance',
          de: 'Dokumentation der Teilnahme für Nachbereitung und Teilnahmenachweise',
        },
      },
      retention: { kind: 'after', column: 'joined_at', days: 180 },
      rights: { export: true, correct: true, erase: true },
    },
  ],
  notPersonal: {
    rooms: [
      'id',
      'meeting_number',
      'passcode',
      'title',
      'kind',
      'event_id',
      'created_at',
      'ended_at',
      'lobby',
      'scheduled_start_at',
      'time_zone',
      'duration_minutes',
      'recurrence',
    ],
    room_attendance: ['id', 'room_id', 'role'],
  },
};
