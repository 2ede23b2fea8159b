import { z } from 'zod';
import { personName } from '../plain-text.js';
import { intent, isoTime, push } from './contract.js';

/** Chat in every live room (src/chat/feature.ts) and pseudonyms of webinar attendees (src/rooms/pseudonyms.ts). */

/** How a webinar attendee appears to other attendees: a number labelled in the viewer's language, or a chosen name. */
export const pseudonym = z.union([z.object({ number: z.number().int() }), z.object({ chosen: z.string() })]);
export type Pseudonym = z.infer<typeof pseudonym>;

/** A chat message as one viewer may see it. */
export const chatMessageView = z.object({
  id: z.string(),
  at: isoTime,
  /** The real name where this viewer may see it, the pseudonym where the author has one. */
  author: z.object({ id: z.string(), role: z.string(), name: z.string().optional(), pseudonym: pseudonym.optional() }),
  text: z.string(),
  /** A private thread between one participant and the hosts, else null (public). */
  private: z.object({ participantId: z.string(), name: z.string() }).nullable(),
});
export type ChatMessageView = z.infer<typeof chatMessageView>;

/** Minutes logging: on since when, switched on by whom; null when off. */
export const minutes = z.object({ since: isoTime, by: z.string() }).nullable();
export type Minutes = z.infer<typeof minutes>;

/** Everything the viewer may see of the chat; `pseudonym`: how other attendees see the viewer (null: by name). */
const chatHistory = { messages: z.array(chatMessageView), minutes, pseudonym: pseudonym.nullable() };

export const chatIntents = {
  'chat.send': intent({ text: z.string().max(20_000), to: z.string().min(1).max(64).optional() }, z.object({ id: z.string() })),
  'chat.history': intent({}, z.object(chatHistory)),
  /** A webinar attendee chooses how other attendees see them from now on. */
  'chat.pseudonym': intent({ name: personName }, z.object({ pseudonym })),
  'chat.minutes': intent({ on: z.boolean() }, z.object({ minutes })),
};

export const chatPushes = [
  push('chat.message', { message: chatMessageView }),
  push('chat.history', chatHistory),
  push('chat.pseudonym', { pseudonym }),
  push('chat.minutes', { minutes }),
] as const;
