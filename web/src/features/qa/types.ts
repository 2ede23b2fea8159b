/** A question as the server shows it to this viewer (src/qa/feature.ts). */
export interface Question {
  id: string;
  text: string;
  askedAt: string;
  /** Null when the asker chose to be anonymous (the host still sees the name). */
  asker: string | null;
  anonymous: boolean;
  mine: boolean;
  upvotes: number;
  voted: boolean;
  status: 'open' | 'answered' | 'answered_live' | 'dismissed';
  answer: { text: string; private: boolean; by: string; at: string } | null;
  answeredPrivately: boolean;
}

export interface QaState {
  enabled: boolean;
  questions: readonly Question[];
}
