import { z } from 'zod';
import { intent, push } from './contract.js';

/** Recording with consent (src/recording/feature.ts). */

export const noticeLanguage = z.enum(['en', 'de']);

/** One language of the recording notice, with the SHA-256 a consent names. */
export const noticeText = z.object({
  language: noticeLanguage,
  title: z.string(),
  tracks: z.string(),
  purpose: z.string(),
  retention: z.string(),
  access: z.string(),
  withdrawal: z.string(),
  hash: z.string(),
});
export type NoticeText = z.infer<typeof noticeText>;

/** What one participant sees of the room's recording. */
export const recordingStateView = z.object({
  active: z.boolean(),
  /** This participant is the host and the room may be recorded. */
  mayStart: z.boolean(),
  /** This participant sends media and is asked for consent (a webinar attendee only watches: never asked). */
  asked: z.boolean(),
  decision: z.enum(['consent', 'decline']).nullable(),
  /** `phone`: a caller, named by their masked number. */
  recorded: z.array(z.object({ participantId: z.string(), displayName: z.string(), phone: z.literal(true).optional() })),
  notice: z.object({ version: z.string(), texts: z.array(noticeText) }).nullable(),
  /**
   * No recording runs because the last one was cut off: the room moved to another server while
   * it recorded (cluster mode). What was recorded until then is kept; a new one asks everyone again.
   */
  interrupted: z.boolean(),
});
export type RecordingStateView = z.infer<typeof recordingStateView>;

const noticeHash = z.string().regex(/^[0-9a-f]{64}$/);
const done = z.object({});

export const recordingIntents = {
  /** The page asks once its recording view is mounted: a push sent before that would be missed. */
  'recording.status': intent({}, recordingStateView),
  'recording.start': intent({}, done),
  'recording.stop': intent({}, done),
  /** Closing or ignoring the dialog is a decline; only an explicit consent starts anything. */
  'recording.decide': intent({ decision: z.enum(['consent', 'decline']), noticeHash }, done),
  'recording.withdraw': intent({ erase: z.boolean(), noticeHash }, z.object({ erased: z.number().int() })),
};

export const recordingPushes = [push('recording.state', recordingStateView.shape)] as const;
