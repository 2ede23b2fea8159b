import { z } from 'zod';
import { pseudonym } from './chat.js';
import { intent, isoTime, noReply, push } from './contract.js';

/** Q&A in webinars (src/qa/feature.ts). */

export const qaStatus = z.enum(['open', 'answered', 'answered_live', 'dismissed']);
export type QaStatus = z.infer<typeof qaStatus>;

/** A question as one viewer may see it. */
export const questionView = z.object({
  id: z.string(),
  text: z.string(),
  askedAt: isoTime,
  /** Null when the asker chose to be anonymous (the host still sees the name). */
  asker: z.string().nullable(),
  /** A webinar attendee's pseudonym: all other attendees see of a named asker; the host and panel see it beside the name. Null for anonymous questions. */
  askerPseudonym: pseudonym.nullable(),
  anonymous: z.boolean(),
  mine: z.boolean(),
  upvotes: z.number().int(),
  voted: z.boolean(),
  status: qaStatus,
  answer: z.object({ text: z.string(), private: z.boolean(), by: z.string().nullable(), at: isoTime.nullable() }).nullable(),
  answeredPrivately: z.boolean(),
});
export type QuestionView = z.infer<typeof questionView>;

const questionId = z.string().uuid();

export const qaIntents = {
  'qa.list': intent({}, z.object({ enabled: z.boolean(), questions: z.array(questionView) })),
  'qa.ask': intent({ text: z.string().max(20_000), anonymous: z.boolean() }, z.object({ id: z.string() })),
  'qa.upvote': intent({ questionId }, z.object({ upvotes: z.number().int() })),
  'qa.answer': intent({ questionId, text: z.string().max(20_000), private: z.boolean() }, noReply),
  'qa.mark': intent({ questionId, status: z.enum(['open', 'answered_live', 'dismissed']) }, noReply),
};

export const qaPushes = [
  push('qa.list', { enabled: z.boolean(), questions: z.array(questionView) }),
  push('qa.question', { question: questionView }),
  /** The viewer may no longer see the question (dismissed). */
  push('qa.removed', { questionId: z.string() }),
] as const;
