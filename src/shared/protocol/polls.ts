import { z } from 'zod';
import { intent, noReply, push } from './contract.js';

/** Quick polls in every room (src/polls/feature.ts). */

/** A poll as one viewer may see it: counts only after voting or closing, or for who runs polls. */
export const pollView = z.object({
  id: z.string(),
  question: z.string(),
  options: z.array(z.string()),
  open: z.boolean(),
  voted: z.number().int().nullable(),
  counts: z.array(z.number().int()).nullable(),
  total: z.number().int(),
});
export type PollView = z.infer<typeof pollView>;

const pollId = z.string().uuid();
const pollList = { polls: z.array(pollView), mayRun: z.boolean() };

export const pollIntents = {
  'poll.list': intent({}, z.object(pollList)),
  'poll.create': intent(
    { question: z.string().max(2_000), options: z.array(z.string().max(1_000)).min(2).max(6) },
    z.object({ id: z.string() }),
  ),
  'poll.vote': intent({ pollId, option: z.number().int().min(0).max(5) }, noReply),
  'poll.close': intent({ pollId }, noReply),
};

export const pollPushes = [push('poll.list', pollList), push('poll.update', { poll: pollView })] as const;
