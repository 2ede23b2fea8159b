import type { JoinSession } from './join-sessions.js';
import type { ParticipantView, ParticipantsDelta, ServerMessage } from '../shared/protocol/index.js';

/**
 * What one recipient may see of the participant list. `all`: everyone. `panel`: everyone who is
 * not an attendee (the host, co-hosts, panelists), themselves, and how many attend — a webinar
 * attendee never learns who else attends.
 */
export type Scope = 'all' | 'panel';

/** A room's view of its list: how each person is labelled (webinars: panelist, attendee) and who sees what. */
export interface ParticipantLens {
  label(everyone: ParticipantView[]): ParticipantView[];
  scope(recipient: JoinSession): Scope;
}

/** Someone who receives the list: the scope of the last snapshot they got (undefined before their first). */
export interface ListRecipient {
  session: JoinSession;
  peer?: { send(message: ServerMessage): void };
  seen?: Scope;
}

/** The list as a snapshot shows it. */
export interface ParticipantList {
  participants: ParticipantView[];
  attendees?: number;
}

/** Count-only changes reach attendees at most this often (a join storm would otherwise send each attendee one push per join). */
export const attendeeCountIntervalMs = 1_000;

const onPanel = (view: ParticipantView) => view.role !== 'attendee';

const viewFields = ['displayName', 'role', 'muted', 'camera', 'screen', 'talking', 'connected', 'phone'] as const;
const sameView = (a: ParticipantView, b: ParticipantView) => viewFields.every((field) => a[field] === b[field]);

interface Changes {
  joined: ParticipantView[];
  changed: ParticipantView[];
  left: string[];
}

const noChanges = (): Changes => ({ joined: [], changed: [], left: [] });

/** The push for `changes` (only the lists that have entries), or undefined when nothing changed. */
function deltaOf(changes: Changes, attendees: number | undefined): ParticipantsDelta | undefined {
  const delta: ParticipantsDelta = { type: 'participants.delta' };
  if (changes.joined.length) delta.joined = changes.joined;
  if (changes.changed.length) delta.changed = changes.changed;
  if (changes.left.length) delta.left = changes.left;
  if (attendees !== undefined) delta.attendees = attendees;
  return Object.keys(delta).length > 1 ? delta : undefined;
}

const without = (changes: Changes, id: string): Changes => ({
  joined: changes.joined.filter((view) => view.id !== id),
  changed: changes.changed.filter((view) => view.id !== id),
  left: changes.left.filter((left) => left !== id),
});

/**
 * Sends a live room's participant list as one snapshot per recipient, then as deltas
 * (`participants.delta`, src/shared/protocol/room.ts). Changes are collected and sent together
 * once the current turn of the event loop is over; each delta is one object for every recipient
 * of its scope (the socket encodes it once), so a join costs one small push per recipient, not
 * the whole list.
 */
export class ParticipantUpdates {
  /** Everyone as the last deltas described them (labelled), by id. */
  private shown = new Map<string, ParticipantView>();
  private shownCount?: number;
  /** The count `panel` recipients last got, and when. */
  private panelCount?: number;
  private panelCountAt = 0;
  private pending?: NodeJS.Immediate;
  private countTimer?: NodeJS.Timeout;

  constructor(
    private readonly views: () => ParticipantView[],
    private readonly recipients: () => Iterable<ListRecipient>,
    /** A flush runs on its own turn of the event loop: what goes wrong there is reported here, never thrown. */
    private readonly onError: (error: unknown) => void,
    private lens?: ParticipantLens,
  ) {}

  setLens(lens: ParticipantLens): void {
    this.lens = lens;
  }

  /**
   * The list for someone who (re)connects, as it is now; they count as having seen this snapshot.
   * Changes not sent yet (their arrival among them) go out first, so the deltas that follow fit the snapshot.
   */
  snapshotFor(recipient: ListRecipient): ParticipantList {
    if (this.pending) clearImmediate(this.pending);
    this.flush();
    recipient.seen = this.scopeOf(recipient.session);
    return this.listOf(recipient.seen, recipient.session.participantId, [...this.shown.values()], this.shownCount);
  }

  /** What `recipient` may see of `views` (for other pushes that name participants). */
  seenBy(recipient: JoinSession, views: ParticipantView[]): ParticipantView[] {
    const labelled = this.label(views);
    return this.listOf(this.scopeOf(recipient), recipient.participantId, labelled, undefined).participants;
  }

  /** Something in the list changed: the deltas go out after the current turn. */
  changed(): void {
    this.pending ??= setImmediate(() => {
      try {
        this.flush();
      } catch (error) {
        this.onError(error);
      }
    });
  }

  stop(): void {
    if (this.pending) clearImmediate(this.pending);
    clearTimeout(this.countTimer);
    this.pending = undefined;
    this.countTimer = undefined;
  }

  private flush(): void {
    this.pending = undefined;
    const labelled = this.label(this.views());
    const attendees = this.countOf(labelled);
    const all = noChanges();
    const panel = noChanges();
    /** Who changed, with their new view (null: left). */
    const touched = new Map<string, ParticipantView | null>();
    const now = new Map(labelled.map((view) => [view.id, view]));
    for (const view of labelled) {
      const old = this.shown.get(view.id);
      if (old && sameView(old, view)) continue;
      touched.set(view.id, view);
      (old ? all.changed : all.joined).push(view);
      const was = old !== undefined && onPanel(old);
      if (onPanel(view)) (was ? panel.changed : panel.joined).push(view);
      else if (was) panel.left.push(view.id);
    }
    for (const [id, old] of this.shown) {
      if (now.has(id)) continue;
      touched.set(id, null);
      all.left.push(id);
      if (onPanel(old)) panel.left.push(id);
    }
    const allDelta = deltaOf(all, attendees !== this.shownCount ? attendees : undefined);
    this.shown = now;
    this.shownCount = attendees;
    const panelDelta = deltaOf(panel, this.panelCountNow(attendees, deltaOf(panel, undefined) !== undefined));
    const count = panelDelta?.attendees;

    for (const recipient of this.recipients()) {
      // Not welcomed yet: their snapshot comes with the welcome.
      if (!recipient.peer || !recipient.seen) continue;
      const scope = this.scopeOf(recipient.session);
      const id = recipient.session.participantId;
      if (recipient.seen !== scope) {
        recipient.seen = scope;
        recipient.peer.send({ type: 'participants', ...this.listOf(scope, id, labelled, attendees) });
        continue;
      }
      if (scope === 'all') {
        if (allDelta) recipient.peer.send(allDelta);
        continue;
      }
      const self = touched.get(id);
      if (!self) {
        if (panelDelta) recipient.peer.send(panelDelta);
        continue;
      }
      // Their own entry changed: they always see themselves, also when they leave the panel.
      const own = without(panel, id);
      own.changed.push(self);
      const delta = deltaOf(own, count);
      if (delta) recipient.peer.send(delta);
    }
  }

  /** The count to send to `panel` recipients now, if any: with other changes always, alone at most once per interval. */
  private panelCountNow(attendees: number | undefined, withChanges: boolean): number | undefined {
    if (attendees === undefined || attendees === this.panelCount) return undefined;
    const wait = this.panelCountAt + attendeeCountIntervalMs - Date.now();
    if (!withChanges && wait > 0) {
      this.countTimer ??= setTimeout(() => {
        this.countTimer = undefined;
        this.changed();
      }, wait);
      this.countTimer.unref();
      return undefined;
    }
    this.panelCount = attendees;
    this.panelCountAt = Date.now();
    return attendees;
  }

  private label(views: ParticipantView[]): ParticipantView[] {
    return this.lens ? this.lens.label(views) : views;
  }

  private scopeOf(recipient: JoinSession): Scope {
    return this.lens ? this.lens.scope(recipient) : 'all';
  }

  private countOf(labelled: ParticipantView[]): number | undefined {
    return this.lens ? labelled.filter((view) => !onPanel(view)).length : undefined;
  }

  private listOf(scope: Scope, selfId: string, labelled: ParticipantView[], attendees: number | undefined): ParticipantList {
    const participants = scope === 'all' ? labelled : labelled.filter((view) => onPanel(view) || view.id === selfId);
    return attendees === undefined ? { participants } : { participants, attendees };
  }
}
