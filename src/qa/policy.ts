import type { JoinSession } from '../rooms/join-sessions.js';

/**
 * Who may do what in a webinar's Q&A, from the join session the server granted and whether the
 * room puts them on the panel (LiveRoom.presents: the webinar's host and panelists).
 */

/** Answers, marks as answered live, dismisses: the host and the panelists. */
export const canAnswer = (session: Pick<JoinSession, 'role'>, onPanel: boolean): boolean => session.role === 'host' || onPanel;

/** Sees who asked an anonymous question: the host only (panelists may be outside guests). */
export const knowsAsker = (session: Pick<JoinSession, 'role'>): boolean => session.role === 'host';

/** One vote per person: the registration or staff account behind them where known, else their place in the room. */
export const voterKey = (session: Pick<JoinSession, 'registrationId' | 'accountId' | 'participantId'>): string =>
  session.registrationId ? `r:${session.registrationId}` : session.accountId ? `a:${session.accountId}` : `p:${session.participantId}`;
