import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';
import { recordingRetentionDays } from './notice.js';

// Enforced by the retention task in subject-data.ts (RETENTION_RECORDING_DAYS, or the event's period).
const period = { thenDays: recordingRetentionDays, setting: 'recordingDays', eventOverride: 'retention_recording_days' } as const;

const withTheRecording = {
  kind: 'while',
  text: {
    en: 'We keep them while the recording exists and delete them with it {{days}} after it stopped (or after the period the host set for the event), or earlier when the host deletes it or you ask us to.',
    de: 'Wir speichern sie, solange die Aufzeichnung besteht, und löschen sie mit ihr {{days}} nach ihrem Ende (oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben) oder früher, wenn die Veranstalter sie löschen oder Sie es verlangen.',
  },
  ...period,
} as const;

/** The proof of a decision stays as long as the recording does: erasing it on request would erase the proof (Art. 7(1) GDPR). */
const asLongAsTheRecording = {
  kind: 'while',
  text: {
    en: 'We keep them while the recording exists and delete them with it, {{days}} after it stopped (or after the period the host set for the event) or earlier when the host deletes it.',
    de: 'Wir speichern sie, solange die Aufzeichnung besteht, und löschen sie mit ihr, {{days}} nach ihrem Ende (oder nach der Frist, die die Veranstalter für die Veranstaltung festgelegt haben) oder früher, wenn die Veranstalter sie löschen.',
  },
  ...period,
} as const;

const hostAndAdministrators = {
  en: 'The host of the meeting and our administrators can see them.',
  de: 'Die Veranstalter des Meetings und unsere Administration können sie einsehen.',
};

export const recordingPrivacy: PrivacyDeclaration = {
  domain: 'recording',
  categories: [
    {
      id: 'recording.tracks',
      subjects: ['participant', 'registrant', 'staff'],
      table: 'recording_tracks',
      columns: ['participant_id', 'registration_id', 'display_name', 'file_base', 'started_at', 'stopped_at'],
      situation: 'recording',
      data: {
        en: 'your own sound, camera and screen-sharing tracks and the recording made from them, with your display name and when your tracks started and stopped – only if you consented',
        de: 'Ihre eigenen Ton-, Kamera- und Bildschirmspuren und die daraus erstellte Aufzeichnung, mit Ihrem Anzeigenamen und Beginn und Ende Ihrer Spuren – nur, wenn Sie eingewilligt haben',
      },
      purpose: {
        en: 'The host records the meeting so that its content is available after it ends.',
        de: 'Die Veranstalter zeichnen das Meeting auf, damit sein Inhalt nach dem Ende verfügbar ist.',
      },
      recipients: {
        en: 'The host of the meeting and our administrators can watch and download the recording.',
        de: 'Die Veranstalter des Meetings und unsere Administration können die Aufzeichnung ansehen und herunterladen.',
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
      situation: 'recording',
      data: {
        en: 'a record of each consent to a recording, each refusal and each withdrawal: your display name, the time, which of your tracks it covers, and the version and language of the consent text you were shown',
        de: 'einen Nachweis jeder Einwilligung in eine Aufzeichnung, jeder Ablehnung und jedes Widerrufs: Ihren Anzeigenamen, den Zeitpunkt, welche Ihrer Spuren sie betrifft, sowie Fassung und Sprache des Einwilligungstextes, der Ihnen gezeigt wurde',
      },
      purpose: { en: 'We must be able to prove your decision.', de: 'Wir müssen Ihre Entscheidung nachweisen können.' },
      recipients: hostAndAdministrators,
      legalBasis: {
        article: '6(1)(c)',
        obligation: { en: 'demonstrating consent (Art. 7(1) GDPR)', de: 'Nachweis der Einwilligung (Art. 7 Abs. 1 DSGVO)' },
      },
      retention: asLongAsTheRecording,
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'recording.host',
      subjects: ['staff'],
      table: 'recordings',
      columns: ['host_account_id'],
      situation: 'staff',
      data: { en: 'which of the recorded meetings you hosted', de: 'welche der aufgezeichneten Meetings Sie geleitet haben' },
      purpose: {
        en: 'It shows who is responsible for a recording.',
        de: 'So ist nachvollziehbar, wer für eine Aufzeichnung verantwortlich ist.',
      },
      recipients: { en: 'Our administrators see it.', de: 'Unsere Administration sieht es ein.' },
      legalBasis: {
        article: '6(1)(b)',
        contract: {
          en: 'employment or service contract of the host',
          de: 'Arbeits- oder Dienstvertrag der Veranstalterin / des Veranstalters',
        },
      },
      retention: asLongAsTheRecording,
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
