import type { Pseudonym } from '../chat/types';

/** A question as the server shows it to this viewer (src/qa/feature.ts). */
export interface Question {
  id: string;
  text: string;
  askedAt: string;
  /** Null when the asker chose to be anonymous (the host still sees the name). */
  asker: string | null;
  /** A webinar attendee's pseudonym: all other attendees see of a named asker; the host and panel see it beside the name. Null for anonymous questions. */
  askerPseudonym: Pseudonym | null;
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
