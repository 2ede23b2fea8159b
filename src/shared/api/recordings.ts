import { z } from 'zod';
import { timestamp } from './common.js';

/** Recordings for their host (src/recording/routes.ts). */

export const recordingStatus = z.enum(['recording', 'processing', 'ready', 'empty', 'failed']);

export const recording = z.object({
  id: z.string(),
  roomId: z.string(),
  title: z.string(),
  status: recordingStatus.describe('empty: nobody consented or nothing carried media, so no file exists'),
  startedAt: timestamp,
  stoppedAt: timestamp.nullable(),
  fileSize: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  deleteAfter: timestamp.describe('The file and the raw tracks are deleted then'),
});
export type Recording = z.infer<typeof recording>;

export const recordingDetail = recording.extend({
  tracks: z.array(
    z.object({
      participantId: z.string(),
      displayName: z.string(),
      kind: z.enum(['audio', 'camera', 'screen']),
      fileBase: z.string(),
      startedAt: timestamp,
      stoppedAt: timestamp.nullable(),
    }),
  ),
  consents: z.array(
    z.object({
      participantId: z.string(),
      displayName: z.string(),
      decision: z.enum(['consent', 'decline', 'withdraw']),
      decidedAt: timestamp,
      noticeVersion: z.string(),
      noticeHash: z.string().describe('SHA-256 of the notice text the participant was shown'),
      noticeLanguage: z.string(),
      scope: z.array(z.string()),
    }),
  ),
});

export const recordingList = z.object({ recordings: z.array(recording) });

/** A meeting's recordings, and whether it may be recorded. */
export const meetingRecordings = z.object({ allowed: z.boolean(), eventId: z.string().nullable(), recordings: z.array(recording) });
export type MeetingRecordings = z.infer<typeof meetingRecordings>;
