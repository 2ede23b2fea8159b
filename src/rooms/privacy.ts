import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

export const roomsPrivacy: PrivacyDeclaration = {
  domain: 'rooms',
  categories: [
    {
      id: 'rooms.host',
      subjects: ['staff'],
      table: 'rooms',
      columns: ['host_account_id', 'owner_id'],
      purpose: {
        en: 'Knowing which staff member hosts a meeting and may moderate it, and who created it and may manage it',
        de: 'Wissen, welche/r Mitarbeitende ein Meeting leitet und moderieren darf und wer es angelegt hat und verwalten darf',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'employment or service contract of the host',
          de: 'Arbeits- oder Dienstvertrag der Veranstalterin / des Veranstalters',
        },
      },
      // Not deleted by age: a meeting room is used again and again, and its recordings, minutes
      // and questions (possibly under a legal hold) hang off it.
      retention: { kind: 'while', condition: { en: 'the meeting exists', de: 'das Meeting besteht' }, thenDays: 0 },
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'rooms.attendance',
      subjects: ['participant'],
      table: 'room_attendance',
      columns: ['display_name', 'registration_id', 'joined_at', 'left_at'],
      purpose: {
        en: 'Attendance report for the host: who took part, from when to when (join and leave times)',
        de: 'Teilnahmebericht für die Veranstalter: wer von wann bis wann teilgenommen hat (Beitritts- und Austrittszeiten)',
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
    // The organiser's follow-up text and link for a webinar's end screen.
    events: ['follow_up_text', 'follow_up_url'],
  },
};
