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
 * How many uses of one personal link stay valid at a time: a laptop, a phone, a reload and a
 * spare. Each further use ends the oldest, never refuses the newest, so the person the link was
 * sent to always gets in while a link opened in a loop holds no more than this many sessions.
 */
export const personalSessionsPerLink = 5;

/**
 * Who may open the room's WebSocket: a join session is granted by the HTTP join (passcode,
 * host, or personal link) and presented as the first WebSocket message. A single instance keeps
 * them in memory (`JoinSessions`); in cluster mode they are in Redis (`RedisJoinSessions`), so a
 * session granted by one instance is accepted and revoked on every other.
 */
export interface JoinSessionStore {
  grant(session: JoinSessionGrant): Promise<{ token: string; participantId: string }>;
  /**
   * A personal link stands for one person: every use of it is the same participant (see
   * JoinSessions.grantPersonal); only the newest `personalSessionsPerLink` uses stay valid.
   */
  grantPersonal(session: JoinSessionGrant & { registrationId: string }): Promise<{ token: string; participantId: string }>;
  find(token: string): Promise<JoinSession | undefined>;
  /** Cluster mode (the Redis store): the session of a token known by its SHA-256 only (remote-seats.ts). */
  findHashed?(tokenHash: string): Promise<JoinSession | undefined>;
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
  /** The tokens of each personal-link participant, oldest first. */
  private readonly personalTokens = new Map<string, string[]>();
  private lastSweep = 0;

  async grant(session: JoinSessionGrant): Promise<{ token: string; participantId: string }> {
    return this.issue(session, randomBytes(9).toString('base64url'));
  }

  /**
   * A personal link stands for one person: every use of it is the same participant, under one
   * session object (a role the host gave them stays theirs). Whichever tab or device says hello
   * last is in the room; LiveRoom.connect closes the one before as replaced, as on a reconnect.
   * A removal (revokeParticipant) ends the sessions of every use at once. Past
   * `personalSessionsPerLink` uses the oldest one's token ends.
   */
  async grantPersonal(session: JoinSessionGrant & { registrationId: string }): Promise<{ token: string; participantId: string }> {
    const key = `${session.roomId} ${session.registrationId}`;
    const participantId = this.personal.get(key);
    const same = participantId === undefined ? undefined : [...this.sessions.values()].find((s) => s.participantId === participantId);
    let granted: { token: string; participantId: string };
    if (!same) {
      granted = this.issue(session, participantId ?? randomBytes(9).toString('base64url'));
      this.personal.set(key, granted.participantId);
    } else {
      this.sweep();
      granted = { token: randomBytes(32).toString('base64url'), participantId: same.participantId };
      same.expiresAt = Date.now() + lifetimeMs;
      this.sessions.set(granted.token, same);
    }
    const tokens = (this.personalTokens.get(granted.participantId) ?? []).filter((token) => this.sessions.has(token));
    tokens.push(granted.token);
    for (const ended of tokens.splice(0, Math.max(0, tokens.length - personalSessionsPerLink))) this.sessions.delete(ended);
    this.personalTokens.set(granted.participantId, tokens);
    return granted;
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
    this.revokeWhere((session) => session.participantId === participantId);
  }

  async revokeRoom(roomId: string): Promise<void> {
    this.revokeWhere((session) => session.roomId === roomId);
    for (const key of this.personal.keys()) if (key.startsWith(`${roomId} `)) this.personal.delete(key);
  }

  async revokeRegistration(registrationId: string): Promise<void> {
    this.revokeWhere((session) => session.registrationId === registrationId);
    for (const key of this.personal.keys()) if (key.endsWith(` ${registrationId}`)) this.personal.delete(key);
  }

  private revokeWhere(ends: (session: JoinSession) => boolean): void {
    for (const [token, session] of this.sessions) {
      if (!ends(session)) continue;
      this.sessions.delete(token);
      this.personalTokens.delete(session.participantId);
    }
  }

  /**
   * Drops expired sessions (find refuses them anyway), at most once a minute: a pass over every
   * session on every grant made a join storm quadratic (0.8 % of bench:webinar-join's profile at 1,000).
   */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    this.revokeWhere((session) => session.expiresAt < now);
  }
}
