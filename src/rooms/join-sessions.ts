import { randomBytes } from 'node:crypto';

/** A co-host moderates like the host (src/rooms/room-policy.ts); roles change while the room is live. */
export type RoomRole = 'host' | 'cohost' | 'participant';

export interface JoinSession {
  /** Stable for this person in this room across reconnects. */
  participantId: string;
  roomId: string;
  displayName: string;
  role: RoomRole;
  /** The staff account behind a host's session. */
  accountId: string | null;
  registrationId: string | null;
  expiresAt: number;
}

const lifetimeMs = 12 * 3_600_000;

/**
 * Who may open the room's WebSocket: a join session is granted by the HTTP join (passcode,
 * host, or personal link) and presented as the first WebSocket message. Kept in memory: it
 * lives no longer than the meeting and is worthless after a restart, when people join again.
 */
export class JoinSessions {
  private readonly sessions = new Map<string, JoinSession>();
  /** The one participant of each registration that joined a room by personal link, by `roomId registrationId`. */
  private readonly personal = new Map<string, string>();

  grant(session: Omit<JoinSession, 'participantId' | 'expiresAt'>): { token: string; participantId: string } {
    return this.issue(session, randomBytes(9).toString('base64url'));
  }

  /**
   * A personal link stands for one person: every use of it is the same participant, under one
   * session object (a role the host gave them stays theirs). Whichever tab or device says hello
   * last is in the room; LiveRoom.connect closes the one before as replaced, as on a reconnect.
   * A removal (revokeParticipant) ends the sessions of every use at once.
   */
  grantPersonal(session: Omit<JoinSession, 'participantId' | 'expiresAt'> & { registrationId: string }): {
    token: string;
    participantId: string;
  } {
    const key = `${session.roomId} ${session.registrationId}`;
    const participantId = this.personal.get(key);
    const same = participantId === undefined ? undefined : [...this.sessions.values()].find((s) => s.participantId === participantId);
    if (!same) {
      const granted = this.issue(session, participantId ?? randomBytes(9).toString('base64url'));
      this.personal.set(key, granted.participantId);
      return granted;
    }
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    same.expiresAt = Date.now() + lifetimeMs;
    this.sessions.set(token, same);
    return { token, participantId: same.participantId };
  }

  private issue(
    session: Omit<JoinSession, 'participantId' | 'expiresAt'>,
    participantId: string,
  ): { token: string; participantId: string } {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { ...session, participantId, expiresAt: Date.now() + lifetimeMs });
    return { token, participantId };
  }

  find(token: string): JoinSession | undefined {
    const session = this.sessions.get(token);
    if (!session || session.expiresAt < Date.now()) return undefined;
    return session;
  }

  /** Ends one person's join session (rejected from the lobby, removed by the host). */
  revokeParticipant(participantId: string): void {
    for (const [token, session] of this.sessions) if (session.participantId === participantId) this.sessions.delete(token);
  }

  /** Ends every join session of a room (meeting ended) so nobody comes back in with them. */
  revokeRoom(roomId: string): void {
    for (const [token, session] of this.sessions) if (session.roomId === roomId) this.sessions.delete(token);
    for (const key of this.personal.keys()) if (key.startsWith(`${roomId} `)) this.personal.delete(key);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, session] of this.sessions) if (session.expiresAt < now) this.sessions.delete(token);
  }
}
