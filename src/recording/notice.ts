import { createHash } from 'node:crypto';

/**
 * The recording notice every participant reads before deciding. Versioned: a consent names the
 * version and the SHA-256 of the exact text shown, so the proof says what the person agreed to.
 * Changing a word means a new version.
 */

export const recordingNoticeVersion = 'recording-1';
/** Recordings (final file and raw tracks) are deleted this many days after recording stopped, unless configured or set for the event. */
export const recordingRetentionDays = 30;
/** What a consent covers: the participant's own tracks, nothing else of the meeting. */
export const consentScope = ['audio', 'camera', 'screen'] as const;

export type NoticeLanguage = 'en' | 'de';

export interface RecordingNoticeText {
  language: NoticeLanguage;
  title: string;
  tracks: string;
  purpose: string;
  retention: string;
  access: string;
  withdrawal: string;
}

export interface RecordingNotice {
  version: string;
  texts: (RecordingNoticeText & { hash: string })[];
}

/** The notice's texts for a recording kept `days` days: what people read must name the period that applies. */
const textsFor = (days: number): RecordingNoticeText[] => [
  {
    language: 'en',
    title: 'The host asks to record this meeting',
    tracks:
      'Only if you consent: your own microphone audio, your camera and your screen share, while they are on, from your consent until you withdraw it or the recording stops. Nothing of people who decline is recorded, not even in the mixed sound.',
    purpose: 'The host keeps a recording of this meeting to look at it again and to document it.',
    retention: `The recording and its raw tracks are deleted automatically ${days} days after the recording stops, or earlier when the host deletes them.`,
    access: 'Only the host of this meeting and Plenum administrators can download the recording, after signing in. Nobody else gets it.',
    withdrawal:
      'You can withdraw at any time during the meeting; recording of your tracks stops at once, and you can have what was recorded of you deleted. Declining or closing this dialog means you are not recorded.',
  },
  {
    language: 'de',
    title: 'Die Veranstalterin / der Veranstalter möchte dieses Meeting aufzeichnen',
    tracks:
      'Nur wenn Sie einwilligen: Ihr eigenes Mikrofon, Ihre Kamera und Ihre Bildschirmfreigabe, solange sie eingeschaltet sind, von Ihrer Einwilligung bis zum Widerruf oder bis die Aufzeichnung endet. Von Personen, die ablehnen, wird nichts aufgezeichnet, auch nicht im gemischten Ton.',
    purpose:
      'Die Veranstalterin / der Veranstalter bewahrt eine Aufzeichnung dieses Meetings auf, um es nachzubereiten und zu dokumentieren.',
    retention: `Die Aufzeichnung und ihre Rohspuren werden ${days} Tage nach Ende der Aufzeichnung automatisch gelöscht, oder früher, wenn die Veranstalterin / der Veranstalter sie löscht.`,
    access:
      'Nur die Veranstalterin / der Veranstalter dieses Meetings und Plenum-Administratoren können die Aufzeichnung nach Anmeldung herunterladen. Niemand sonst erhält sie.',
    withdrawal:
      'Sie können jederzeit während des Meetings widerrufen; die Aufzeichnung Ihrer Spuren endet sofort, und Sie können löschen lassen, was von Ihnen aufgezeichnet wurde. Ablehnen oder Schließen dieses Dialogs bedeutet: Sie werden nicht aufgezeichnet.',
  },
];

/** SHA-256 over the text as shown, field by field in a fixed order. */
function hashOf(text: RecordingNoticeText): string {
  const shown = [
    recordingNoticeVersion,
    text.language,
    text.title,
    text.tracks,
    text.purpose,
    text.retention,
    text.access,
    text.withdrawal,
  ].join('\n');
  return createHash('sha256').update(shown).digest('hex');
}

const notices = new Map<number, RecordingNotice>();

/** The notice for a recording kept `days` days; each period has its own texts and hashes. */
export function recordingNoticeFor(days: number): RecordingNotice {
  let notice = notices.get(days);
  if (!notice) {
    notice = { version: recordingNoticeVersion, texts: textsFor(days).map((text) => ({ ...text, hash: hashOf(text) })) };
    notices.set(days, notice);
  }
  return notice;
}

/** The text a browser says it showed, by its hash; undefined when no text of `notice` has it. */
export function noticeShown(notice: RecordingNotice, hash: string): (RecordingNoticeText & { hash: string }) | undefined {
  return notice.texts.find((text) => text.hash === hash);
}
