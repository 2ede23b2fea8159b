import { randomInt } from 'node:crypto';
import { AppError } from '../errors.js';
import type { SharedRoom } from '../cluster/shared-room.js';
import { pseudonym as pseudonymSchema } from '../shared/protocol/chat.js';
import type { JoinSession } from './join-sessions.js';
import type { LiveRoom } from './live-room.js';

/**
 * Webinar attendees appear to other attendees under a pseudonym; the rules are here, for every
 * feature that shows an author to others (chat, Q&A). An attendee's pseudonym is a number the
 * viewer's language labels ("Attendee 4821", "Teilnehmer 4821") or a name they chose. The host
 * and the panelists present, so their real names show to everyone; the host and the panelists
 * see every real name (with the pseudonym), and each attendee their own. Pseudonyms live in the
 * room's memory: stable for a person while the room is live, gone when it ends. In cluster mode
 * the owner also keeps them in the room's shared state (one field per person), so the instance
 * that takes the room over shows everyone under the pseudonym they had.
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

/** The shared state's field of one person's pseudonym (cluster mode). */
const sharedPrefix = 'pseudonym:';

class RoomPseudonyms {
  private readonly byPerson = new Map<string, Pseudonym>();
  private readonly numbers = new Set<number>();

  constructor(
    readonly onPanel: (session: JoinSession) => boolean,
    private readonly shared?: SharedRoom,
  ) {
    for (const [field, value] of Object.entries(shared?.inherited ?? {})) {
      if (!field.startsWith(sharedPrefix)) continue;
      const kept = pseudonymSchema.safeParse(safeJson(value));
      if (!kept.success) continue;
      this.byPerson.set(field.slice(sharedPrefix.length), kept.data);
      if ('number' in kept.data) this.numbers.add(kept.data.number);
    }
  }

  of(key: string): Pseudonym {
    let pseudonym = this.byPerson.get(key);
    if (!pseudonym) {
      pseudonym = { number: this.freeNumber() };
      this.keep(key, pseudonym);
    }
    return pseudonym;
  }

  private keep(key: string, pseudonym: Pseudonym): void {
    this.byPerson.set(key, pseudonym);
    // Refused only once another instance owns the room: it shows what the last accepted write kept.
    void this.shared?.save([{ field: sharedPrefix + key, value: JSON.stringify(pseudonym) }]).catch(() => undefined);
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
  choose(key: string, name: string, panelNames: readonly string[]): Pseudonym {
    const wanted = comparable(name);
    const taken =
      defaultLooking.test(wanted) ||
      panelNames.some((other) => comparable(other) === wanted) ||
      [...this.byPerson].some(([other, p]) => other !== key && 'chosen' in p && comparable(p.chosen) === wanted);
    if (taken) throw new AppError('ERR_PSEUDONYM_TAKEN');
    this.of(key); // its number stays reserved
    const pseudonym = { chosen: name };
    this.keep(key, pseudonym);
    return pseudonym;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const rooms = new WeakMap<LiveRoom, RoomPseudonyms>();

/** Attendees of this room get pseudonyms (src/rooms/webinar.ts), those a previous owner gave kept; `onPanel` tells who presents. */
export function usePseudonyms(room: LiveRoom, onPanel: (session: JoinSession) => boolean): void {
  rooms.set(room, new RoomPseudonyms(onPanel, room.shared));
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

/** An attendee chooses how other attendees see them (validated like a display name by the caller's schema). */
export function choosePseudonym(room: LiveRoom, session: JoinSession, name: string): Pseudonym {
  const pseudonyms = rooms.get(room);
  if (!pseudonyms || pseudonyms.onPanel(session)) throw new AppError('ERR_VALIDATION');
  const panel = room.views().flatMap((view) => {
    const other = room.sessionOf(view.id);
    return other && pseudonyms.onPanel(other) ? [other.displayName] : [];
  });
  return pseudonyms.choose(personKey(session), name, panel);
}
