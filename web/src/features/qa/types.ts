import type { QuestionView } from '@shared/protocol/index.js';

/** A question as the server shows it to this viewer (src/shared/protocol/qa.ts). */
export type Question = QuestionView;

export interface QaState {
  enabled: boolean;
  questions: readonly Question[];
}
