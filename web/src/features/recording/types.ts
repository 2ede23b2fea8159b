import type { NoticeText, RecordingStateView } from '@shared/protocol/index.js';

/** What the server pushes as `recording.state` (src/shared/protocol/recording.ts). */
export type { NoticeText };
export type RecordingState = RecordingStateView;
