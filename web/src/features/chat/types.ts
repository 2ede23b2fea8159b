/** How a webinar attendee appears to other attendees (src/rooms/pseudonyms.ts): a number labelled in the viewer's language, or a chosen name. */
export type Pseudonym = { number: number } | { chosen: string };

/** A chat message as the server presents it (src/chat/feature.ts). */
export interface ChatMessage {
  id: string;
  at: string;
  /** The real name where this viewer may see it, the pseudonym where the author has one. */
  author: { id: string; role: string; name?: string; pseudonym?: Pseudonym };
  text: string;
  /** A private thread between one participant and the hosts, else null (public). */
  private: { participantId: string; name: string } | null;
}

/** Minutes logging: on since when, switched on by whom; null when off. */
export type Minutes = { since: string; by: string } | null;

export interface ChatState {
  messages: readonly ChatMessage[];
  minutes: Minutes;
  /** How other attendees see this viewer, or null where they see the real name. */
  pseudonym: Pseudonym | null;
  /** Messages that arrived while the chat panel was not shown. */
  unread: number;
}
