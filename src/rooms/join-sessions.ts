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
  /** The personal link's owner: a registration, or a panelist's invitation (with `panelist`). */
  registrationId: string | null;
  /** Invited to a webinar's panel by the host: on the panel from the first moment. */
  panelist?: true;
  expiresAt: number;
}

export const joinSessionLifetimeMs = 12 * 3_600_000;
const lifetimeMs = joinSessionLifetimeMs;

export type JoinSessionGrant = Omit<JoinSession, 'participantId' | 'expiresAt'>;

/**
 * Who may open the room's WebSocket: a join session is granted by the HTTP join (passcode,
 * host, or personal link) and presented as the first WebSocket message. A single instance keeps
 * them in memory (`JoinSessions`); in cluster mode they are in Redis (`RedisJoinSessions`), so a
 * session granted by one instance is accepted and revoked on every other.
 */
export interface JoinSessionStore {
  grant(session: JoinSessionGrant): Promise<{ token: string; participantId: string }>;
  /** A personal link stands for one person: every use of it is the same participant (see JoinSessions.grantPersonal). */
  grantPersonal(session: JoinSessionGrant & { registrationId: string }): Promise<{ token: string; participantId: string }>;
  find(token: string): Promise<JoinSession | undefined>;
  /** A role the host gave someone in the room holds across their reconnects. */
  setRole(participantId: string, role: RoomRole): Promise<void>;
  /** Ends one person's join session (rejected from the lobby, removed by the host). */
  revokeParticipant(participantId: string): Promise<void>;
  /** Ends every join session of a room (meeting ended) so nobody comes back in with them. */
  revokeRoom(roomId: string): Promise<void>;
  /** Ends the join sessions granted through a registration's personal link (link revoked, registration erased). */
  revokeRegistration(registrationId: string): Promise<void>;
}

/** A single instance's join sessions, in memory: worthless after a restart, when people join again. */
export class JoinSessions implements JoinSessionStore {
  private readonly sessions = new Map<string, JoinSession>();
  /** The one participant of each registration that joined a room by personal link, by `roomId registrationId`. */
  private readonly personal = new Map<string, string>();
  private lastSweep = 0;

  async grant(session: JoinSessionGrant): Promise<{ token: string; participantId: string }> {
    return this.issue(session, randomBytes(9).toString('base64url'));
  }

  /**
   * A personal link stands for one person: every use of it is the same participant, under one
   * session object (a role the host gave them stays theirs). Whichever tab or device says hello
   * last is in the room; LiveRoom.connect closes the one before as replaced, as on a reconnect.
   * A removal (revokeParticipant) ends the sessions of every use at once.
   */
  async grantPersonal(session: JoinSessionGrant & { registrationId: string }): Promise<{ token: string; participantId: string }> {
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

  private issue(session: JoinSessionGrant, participantId: string): { token: string; participantId: string } {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { ...session, participantId, expiresAt: Date.now() + lifetimeMs });
    return { token, participantId };
  }

  async find(token: string): Promise<JoinSession | undefined> {
    const session = this.sessions.get(token);
    if (!session || session.expiresAt < Date.now()) return undefined;
    return session;
  }

  /** The live room holds the same session object and changed its role already; said for the Redis store's sake. */
  async setRole(participantId: string, role: RoomRole): Promise<void> {
    for (const session of this.sessions.values()) if (session.participantId === participantId) session.role = role;
  }

  async revokeParticipant(participantId: string): Promise<void> {
    for (const [token, session] of this.sessions) if (session.participantId === participantId) this.sessions.delete(token);
  }

  async revokeRoom(roomId: string): Promise<void> {
    for (const [token, session] of this.sessions) if (session.roomId === roomId) this.sessions.delete(token);
    for (const key of this.personal.keys()) if (key.startsWith(`${roomId} `)) this.personal.delete(key);
  }

  async revokeRegistration(registrationId: string): Promise<void> {
    for (const [token, session] of this.sessions) if (session.registrationId === registrationId) this.sessions.delete(token);
    for (const key of this.personal.keys()) if (key.endsWith(` ${registrationId}`)) this.personal.delete(key);
  }

  /**
   * Drops expired sessions (find refuses them anyway), at most once a minute: a pass over every
   * session on every grant made a join storm quadratic (0.8 % of bench:webinar-join's profile at 1,000).
   */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [token, session] of this.sessions) if (session.expiresAt < now) this.sessions.delete(token);
  }
}
