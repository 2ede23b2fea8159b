import type { ChatMessageView, Minutes, Pseudonym } from '@shared/protocol/index.js';

/** A chat message, minutes logging and pseudonyms as the server presents them (src/shared/protocol/chat.ts). */
export type { Minutes, Pseudonym };
export type ChatMessage = ChatMessageView;

export interface ChatState {
  messages: readonly ChatMessage[];
  minutes: Minutes;
  /** How other attendees see this viewer, or null where they see the real name. */
  pseudonym: Pseudonym | null;
  /** Messages that arrived while the chat panel was not shown. */
  unread: number;
}
