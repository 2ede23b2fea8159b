/** A chat message as the server presents it (src/chat/feature.ts). */
export interface ChatMessage {
  id: string;
  at: string;
  author: { id: string; name: string; role: string };
  text: string;
  /** A private thread between one participant and the hosts, else null (public). */
  private: { participantId: string; name: string } | null;
}

/** Minutes logging: on since when, switched on by whom; null when off. */
export type Minutes = { since: string; by: string } | null;

export interface ChatState {
  messages: readonly ChatMessage[];
  minutes: Minutes;
  /** Messages that arrived while the chat panel was not shown. */
  unread: number;
}
