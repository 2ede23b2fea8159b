import type { JoinSession } from '../rooms/join-sessions.js';

/**
 * Who may do what in a webinar's Q&A, from the join session the server granted. Roles are
 * compared as strings, so the webinar roles (panelist, attendee) fit in as they arrive.
 */
const answering: ReadonlySet<string> = new Set(['host', 'panelist']);

/** Answers, marks as answered live, dismisses: the host and the panelists. */
export const canAnswer = (session: Pick<JoinSession, 'role'>): boolean => answering.has(session.role);

/** Sees who asked an anonymous question: the host only (panelists may be outside guests). */
export const knowsAsker = (session: Pick<JoinSession, 'role'>): boolean => session.role === 'host';

/** One vote per person: the registration or staff account behind them where known, else their place in the room. */
export const voterKey = (session: Pick<JoinSession, 'registrationId' | 'accountId' | 'participantId'>): string =>
  session.registrationId ? `r:${session.registrationId}` : session.accountId ? `a:${session.accountId}` : `p:${session.participantId}`;
