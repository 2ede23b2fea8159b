import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';
import { recordingRetentionDays } from './notice.js';

// Enforced by the retention task in subject-data.ts (RETENTION_RECORDING_DAYS, or the event's period).
const withTheRecording = {
  kind: 'while',
  condition: {
    en: 'the recording exists; deleted with it {{days}} days after it stopped (or after the period the host set for the event), or earlier when the host deletes it or the participant asks',
    de: 'die Aufzeichnung besteht; gelöscht mit ihr {{days}} Tage nach ihrem Ende (oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben), oder früher, wenn die Veranstalter sie löschen oder die Person es verlangt',
  },
  thenDays: recordingRetentionDays,
  setting: 'recordingDays',
  eventOverride: 'retention_recording_days',
} as const;

export const recordingPrivacy: PrivacyDeclaration = {
  domain: 'recording',
  categories: [
    {
      id: 'recording.tracks',
      subjects: ['participant', 'registrant', 'staff'],
      table: 'recording_tracks',
      columns: ['participant_id', 'registration_id', 'display_name', 'file_base', 'started_at', 'stopped_at'],
      purpose: {
        en: 'Recording of a meeting for its host: only the own audio, camera and screen tracks of participants who consented (files), and the recording made from them',
        de: 'Aufzeichnung eines Meetings für die Veranstalter: nur die eigenen Ton-, Kamera- und Bildschirmspuren der Teilnehmenden, die eingewilligt haben (Dateien), und die daraus erstellte Aufzeichnung',
      },
      legalBasis: { article: '6(1)(a)' },
      retention: withTheRecording,
      rights: { export: true, correct: false, erase: true },
    },
    {
      id: 'recording.consents',
      subjects: ['participant', 'registrant', 'staff'],
      table: 'recording_consents',
      columns: [
        'participant_id',
        'registration_id',
        'account_id',
        'display_name',
        'decision',
        'decided_at',
        'notice_hash',
        'notice_language',
        'scope',
      ],
      purpose: {
        en: 'Proof of each consent, decline and withdrawal for a recording: who, when, which notice text (version and hash), which tracks',
        de: 'Nachweis jeder Einwilligung, Ablehnung und jedes Widerrufs zu einer Aufzeichnung: wer, wann, welcher Hinweistext (Version und Hash), welche Spuren',
      },
      legalBasis: {
        article: '6(1)(c)',
        obligation: { en: 'demonstrating consent (Art. 7(1) GDPR)', de: 'Nachweis der Einwilligung (Art. 7 Abs. 1 DSGVO)' },
      },
      retention: withTheRecording,
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'recording.host',
      subjects: ['staff'],
      table: 'recordings',
      columns: ['host_account_id'],
      purpose: {
        en: 'Knowing which staff member hosted the recorded meeting',
        de: 'Wissen, welche/r Mitarbeitende das aufgezeichnete Meeting geleitet hat',
      },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'employment or service contract of the host',
          de: 'Arbeits- oder Dienstvertrag der Veranstalterin / des Veranstalters',
        },
      },
      retention: withTheRecording,
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    recordings: ['id', 'room_id', 'title', 'status', 'started_at', 'stopped_at', 'file_size', 'duration_seconds', 'delete_after'],
    recording_tracks: ['id', 'recording_id', 'kind'],
    recording_consents: ['id', 'recording_id', 'notice_version'],
    events: ['may_be_recorded'],
    rooms: ['may_be_recorded'],
  },
};
