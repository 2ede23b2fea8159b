/** What the server pushes as `recording.state` (src/recording/feature.ts). */
export interface NoticeText {
  language: 'en' | 'de';
  title: string;
  tracks: string;
  purpose: string;
  retention: string;
  access: string;
  withdrawal: string;
  hash: string;
}

export interface RecordingState {
  active: boolean;
  /** This participant is the host and the room may be recorded. */
  mayStart: boolean;
  /** This participant sends media and is asked for consent (a webinar attendee only watches: never asked). */
  asked: boolean;
  decision: 'consent' | 'decline' | null;
  /** `phone`: a caller, named by their masked number. */
  recorded: { participantId: string; displayName: string; phone?: true }[];
  notice: { version: string; texts: NoticeText[] } | null;
}

export function isRecordingState(push: { type: string }): push is RecordingState & { type: 'recording.state' } {
  return push.type === 'recording.state';
}
