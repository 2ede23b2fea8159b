import { randomInt } from 'node:crypto';
import { AppError } from '../errors.js';
import type { JoinSession } from './join-sessions.js';
import type { LiveRoom } from './live-room.js';
import { keptPseudonyms, SharedPseudonyms, type KeptPseudonym } from './pseudonyms-shared.js';

/**
 * Webinar attendees appear to other attendees under a pseudonym; the rules are here, for every
 * feature that shows an author to others (chat, Q&A). An attendee's pseudonym is a number the
 * viewer's language labels ("Attendee 4821", "Teilnehmer 4821") or a name they chose. The host
 * and the panelists present, so their real names show to everyone; the host and the panelists
 * see every real name (with the pseudonym), and each attendee their own. Pseudonyms live in the
 * room's memory: stable for a person while the room is live, gone when it ends. In cluster mode
 * the owner also keeps them in the room's shared state (./pseudonyms-shared.ts), so a new owner
 * shows everyone as before.
 */

export type Pseudonym = { number: number } | { chosen: string };

/** Someone shown with what they wrote: who they are as a person, their real name, whether they presented then. */
export interface Author {
  key: string;
  name: string;
  onPanel: boolean;
}

/** What one viewer is shown of an author: the real name (with the pseudonym, if any), or the pseudonym alone. */
export type ShownName = { name: string; pseudonym?: Pseudonym } | { pseudonym: Pseudonym };

/** The same person across reconnects and re-joins with the same personal link or account. */
export const personKey = (session: Pick<JoinSession, 'registrationId' | 'accountId' | 'participantId'>): string =>
  session.registrationId ? `r:${session.registrationId}` : session.accountId ? `a:${session.accountId}` : `p:${session.participantId}`;

/** Chosen pseudonyms may not pass for someone's default one. */
const defaultLooking = /^(attendee|teilnehmer(in)?|teilnehmende[rs]?)\s*#?\s*\d+$/i;
const comparable = (name: string) => name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

class RoomPseudonyms {
  private readonly byPerson = new Map<string, Pseudonym>();
  /** Each person's number, also after they chose a name: it stays theirs. */
  private readonly numberOf = new Map<string, number>();
  private readonly numbers = new Set<number>();
  /** Names being written to the shared state: taken already, for anyone else choosing meanwhile. */
  private readonly choosing = new Map<string, string>();
  /** People erased while the room is live: shown by a number still, never written to the shared state again. */
  private readonly erased = new Set<string>();

  constructor(
    readonly onPanel: (session: JoinSession) => boolean,
    private readonly shared?: SharedPseudonyms,
  ) {}

  /** Takes over what the previous owner kept: the same people with the same numbers and names. */
  restore(kept: Iterable<[string, KeptPseudonym]>): void {
    for (const [key, { number, chosen }] of kept) {
      if (this.numbers.has(number)) continue; // never two people with one number
      this.numbers.add(number);
      this.numberOf.set(key, number);
      this.byPerson.set(key, chosen === undefined ? { number } : { chosen });
    }
  }

  of(key: string): Pseudonym {
    let pseudonym = this.byPerson.get(key);
    if (!pseudonym) {
      const number = this.freeNumber();
      pseudonym = { number };
      this.numberOf.set(key, number);
      this.byPerson.set(key, pseudonym);
      // Written after the push that asked for it, which does not wait.
      if (!this.erased.has(key)) this.shared?.later(key, () => this.kept(key));
    }
    return pseudonym;
  }

  /** What the shared state keeps of the person now (undefined: nothing, they were erased). */
  private kept(key: string): KeptPseudonym | undefined {
    const pseudonym = this.byPerson.get(key);
    const number = this.numberOf.get(key);
    if (!pseudonym || number === undefined || this.erased.has(key)) return undefined;
    return 'chosen' in pseudonym ? { number, chosen: pseudonym.chosen } : { number };
  }

  /** Four digits while there is room for them, then six; never two people with one number. */
  private freeNumber(): number {
    const [min, max] = this.numbers.size < 4_000 ? [1_000, 10_000] : [100_000, 1_000_000];
    let number: number;
    do number = randomInt(min, max);
    while (this.numbers.has(number));
    this.numbers.add(number);
    return number;
  }

  /**
   * A chosen pseudonym must not be anyone else's, nor a presenter's name, nor look like a default
   * one. Attendees' real names are not compared: the refusal would tell who attends.
   */
  async choose(key: string, name: string, panelNames: readonly string[]): Promise<Pseudonym> {
    const wanted = comparable(name);
    const taken =
      defaultLooking.test(wanted) ||
      panelNames.some((other) => comparable(other) === wanted) ||
      [...this.byPerson].some(([other, p]) => other !== key && 'chosen' in p && comparable(p.chosen) === wanted) ||
      [...this.choosing].some(([other, chosen]) => other !== key && chosen === wanted);
    if (taken) throw new AppError('ERR_PSEUDONYM_TAKEN');
    this.of(key); // its number stays reserved
    const number = this.numberOf.get(key)!;
    // Kept for the next owner before anyone is told, so nobody sees a name a failover would take back.
    this.choosing.set(key, wanted);
    try {
      await this.shared?.now(key, { number, chosen: name });
    } finally {
      if (this.choosing.get(key) === wanted) this.choosing.delete(key);
    }
    const pseudonym = { chosen: name };
    this.byPerson.set(key, pseudonym);
    return pseudonym;
  }

  /**
   * The person's registration was erased or its link revoked: the name they chose goes, and the
   * shared state no longer keeps them. What they wrote in this room shows under their number.
   */
  async forget(key: string): Promise<void> {
    this.erased.add(key);
    const number = this.numberOf.get(key);
    if (number !== undefined) this.byPerson.set(key, { number });
    await this.shared?.now(key, undefined);
  }
}

const rooms = new WeakMap<LiveRoom, RoomPseudonyms>();

/**
 * Attendees of this room get pseudonyms (src/rooms/webinar.ts); `onPanel` tells who presents. In
 * cluster mode they are those the previous owner kept, and the owner keeps them on.
 */
export function usePseudonyms(room: LiveRoom, onPanel: (session: JoinSession) => boolean): void {
  const pseudonyms = new RoomPseudonyms(onPanel, room.shared && new SharedPseudonyms(room.shared));
  if (room.shared) pseudonyms.restore(keptPseudonyms(room.shared.inherited));
  rooms.set(room, pseudonyms);
}

/** The registration's person is no longer kept with a pseudonym in this room (erased, or its link revoked). */
export async function forgetRegistration(room: LiveRoom, registrationId: string): Promise<void> {
  await rooms.get(room)?.forget(`r:${registrationId}`);
}

/** The author of what `session` writes now. */
export function authorOf(room: LiveRoom, session: JoinSession): Author {
  return { key: personKey(session), name: session.displayName, onPanel: rooms.get(room)?.onPanel(session) ?? true };
}

/** personKey(session) === key, without building the key: it is asked once per recipient of a push. */
function isPerson(session: Pick<JoinSession, 'registrationId' | 'accountId' | 'participantId'>, key: string): boolean {
  const [kind, id] = session.registrationId
    ? ['r', session.registrationId]
    : session.accountId
      ? ['a', session.accountId]
      : ['p', session.participantId];
  return key.length === id.length + 2 && key.startsWith(kind) && key.endsWith(id);
}

/**
 * Who sees the author's real name: everyone when the room has no pseudonyms or the author
 * presented; else whoever presents, and the author. The room's rules are looked up once, for a
 * push that asks this of every recipient.
 */
export function seesNameOf(room: LiveRoom, author: Author): (viewer: JoinSession) => boolean {
  const pseudonyms = rooms.get(room);
  if (!pseudonyms || author.onPanel) return () => true;
  return (viewer) => pseudonyms.onPanel(viewer) || isPerson(viewer, author.key);
}

/** Whether `viewer` sees the author's real name (see seesNameOf). */
export function seesName(room: LiveRoom, viewer: JoinSession, author: Author): boolean {
  return seesNameOf(room, author)(viewer);
}

/** The author as `viewer` sees them. */
export function nameFor(room: LiveRoom, viewer: JoinSession, author: Author): ShownName {
  const pseudonyms = rooms.get(room);
  if (!pseudonyms || author.onPanel) return { name: author.name };
  const pseudonym = pseudonyms.of(author.key);
  return seesName(room, viewer, author) ? { name: author.name, pseudonym } : { pseudonym };
}

/** How other attendees see `session` now, or null when they see the real name. */
export function ownPseudonym(room: LiveRoom, session: JoinSession): Pseudonym | null {
  const pseudonyms = rooms.get(room);
  if (!pseudonyms || pseudonyms.onPanel(session)) return null;
  return pseudonyms.of(personKey(session));
}

/**
 * An attendee chooses how other attendees see them (validated like a display name by the caller's
 * schema); in cluster mode it is in the shared state when this resolves.
 */
export async function choosePseudonym(room: LiveRoom, session: JoinSession, name: string): Promise<Pseudonym> {
  const pseudonyms = rooms.get(room);
  if (!pseudonyms || pseudonyms.onPanel(session)) throw new AppError('ERR_VALIDATION');
  const panel = room.views().flatMap((view) => {
    const other = room.sessionOf(view.id);
    return other && pseudonyms.onPanel(other) ? [other.displayName] : [];
  });
  return pseudonyms.choose(personKey(session), name, panel);
}
