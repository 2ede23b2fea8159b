import type { WaitingView } from '../shared/protocol/index.js';
import type { LobbyMode } from '../store/schema.js';
import type { JoinSession } from './join-sessions.js';
import { replacedClose, type Peer } from './live-room.js';

interface Waiting {
  session: JoinSession;
  peer: Peer;
  since: string;
}

/**
 * Whether someone entering waits for the host: hosts never; with `guests` those who came with
 * the passcode (no personal join link); with `everyone` all the others too.
 */
export function mustWait(mode: LobbyMode, session: JoinSession): boolean {
  if (session.role === 'host' || mode === 'off') return false;
  return mode === 'everyone' || session.registrationId === null;
}

/**
 * The people waiting to be let into one room. They hold a join session and keep their
 * WebSocket, and nothing else: no media, no participant list, no room features.
 */
export class Lobby {
  private readonly waiting = new Map<string, Waiting>();

  has(participantId: string): boolean {
    return this.waiting.has(participantId);
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Someone arrives, or comes back on a new connection and keeps their place in the queue. */
  add(session: JoinSession, peer: Peer): void {
    const previous = this.waiting.get(session.participantId);
    if (!previous) {
      this.waiting.set(session.participantId, { session, peer, since: new Date().toISOString() });
      return;
    }
    // The new connection takes the place first, so the old one's close event finds it taken.
    const old = previous.peer;
    previous.peer = peer;
    old.close(replacedClose.code, replacedClose.reason);
  }

  /** Takes someone out of the queue (admitted or rejected). */
  take(participantId: string): { session: JoinSession; peer: Peer } | undefined {
    const found = this.waiting.get(participantId);
    this.waiting.delete(participantId);
    return found;
  }

  /** Their connection closed: they are gone, unless a newer connection already took their place. */
  drop(participantId: string, peer: Peer): boolean {
    if (this.waiting.get(participantId)?.peer !== peer) return false;
    this.waiting.delete(participantId);
    return true;
  }

  participantIds(): string[] {
    return [...this.waiting.keys()];
  }

  sessionOf(participantId: string): JoinSession | undefined {
    return this.waiting.get(participantId)?.session;
  }

  /** The first `limit` in order of arrival (a webinar's lobby may hold hundreds; the host admits them all at once). */
  views(limit = Infinity): WaitingView[] {
    const first = [...this.waiting.values()].slice(0, limit);
    return first.map((w) => ({ participantId: w.session.participantId, displayName: w.session.displayName, since: w.since }));
  }
}
