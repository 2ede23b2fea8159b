import type { JoinSession } from '../rooms/join-sessions.js';

/**
 * Who may do what in the chat, from the join session the server granted (never from a message).
 * Roles are compared as strings so that roles added later (panelist, attendee) fall under
 * "everyone else" until they are named here.
 */

/** Switches minutes logging and receives everyone's private messages. */
export const isChatHost = (session: Pick<JoinSession, 'role'>): boolean => session.role === 'host';

/** Who sees a private thread: the participant it belongs to and the hosts. */
export const seesThread = (session: Pick<JoinSession, 'role' | 'participantId'>, threadOf: string): boolean =>
  isChatHost(session) || session.participantId === threadOf;
