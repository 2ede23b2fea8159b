import { z } from 'zod';
import { AppError } from '../errors.js';
import type { BroadcastViewer } from '../media/media-plane.js';
import type { JoinSession } from './join-sessions.js';
import type { BroadcastSlot, InvitationState, ParticipantView, ServerPush, WebinarDetails } from '../shared/protocol/index.js';
import type { LiveRoom, ShownPublication } from './live-room.js';
import type { ParticipantLens } from './participant-updates.js';
import { usePseudonyms } from './pseudonyms.js';
import { defineIntent, type IntentContext, type RoomFeature } from './room-features.js';
import { canInRoom, isModerator } from './room-policy.js';

/**
 * Webinar mode. The host and the panelists present as in a meeting; attendees watch the
 * broadcast (a Streaming mountpoint fed by the room's mix and one chosen video) and cannot
 * send: the room refuses them the meeting media, and their Janus token opens only the
 * Streaming plugin. The host promotes an attendee to the panel and demotes them again.
 * Attendees see the panel and a count, never each other; only hosts and co-hosts see everyone. What
 * attendees write shows to other attendees under a pseudonym (src/rooms/pseudonyms.ts).
 * Who is host comes from the join session on the server, never from a message.
 */

/** Looks up a room's details (its event's times and follow-up); no times when there is no event. */
export type WebinarDetailsSource = (roomId: string) => Promise<WebinarDetails>;

type WebinarStatePush = Extract<ServerPush, { type: 'webinar.state' }>;

/** A publication on the broadcast, with its id: a new publication of the same kind is a new choice. */
type Picture = ShownPublication & { publication: string };
type Pictures = Record<BroadcastSlot, Picture | null>;

interface WebinarState {
  /** The host started the webinar: the broadcast is on and attendees watch. Before that, the panel is backstage. */
  live: boolean;
  details?: Promise<WebinarDetails>;
  /** Attendees the host brought onto the panel. */
  panelists: Set<string>;
  /** Attendees the host invited to speak who have not answered yet. */
  invited: Set<string>;
  /** Panelists invited by mail whom the host moved to the audience: they stay there when they come back. */
  demoted: Set<string>;
  /** Each attendee's view of the broadcast, by participant. */
  viewers: Map<string, BroadcastViewer>;
  lastSpeaker?: string;
  /** What the broadcast shows now. */
  shown: Pictures;
  /** `shown` as a key (participants, kinds and publications): a choice that equals it changes nothing. */
  shownKey?: string;
  /** Switches run one after another, the latest choice last. */
  switching: Promise<void>;
}

/**
 * Cluster mode: what of a webinar the owner keeps in the room's shared state (field `webinar`),
 * so an instance that takes the room over goes on live with the same panel. Participant ids only.
 */
const sharedWebinar = z.object({ live: z.boolean(), panelists: z.array(z.string()), demoted: z.array(z.string()) });

function restoreWebinar(state: WebinarState, inherited: Readonly<Record<string, string>> | undefined): void {
  if (inherited?.webinar === undefined) return;
  let kept: z.infer<typeof sharedWebinar>;
  try {
    kept = sharedWebinar.parse(JSON.parse(inherited.webinar));
  } catch {
    return;
  }
  state.live = kept.live;
  for (const id of kept.panelists) state.panelists.add(id);
  for (const id of kept.demoted) state.demoted.add(id);
}

/** Writes the webinar's shared state (refused when this instance no longer owns the room: then nothing changes here either). */
async function persist(room: LiveRoom, state: WebinarState): Promise<void> {
  await room.shared?.save([
    {
      field: 'webinar',
      value: JSON.stringify({ live: state.live, panelists: [...state.panelists], demoted: [...state.demoted] } satisfies z.input<
        typeof sharedWebinar
      >),
    },
  ]);
}

export function createWebinar(detailsOf: WebinarDetailsSource = async () => ({ organiser: '' })) {
  const states = new WeakMap<LiveRoom, WebinarState>();

  function stateOf(room: LiveRoom): WebinarState {
    const state = states.get(room);
    if (!state) throw new AppError('ERR_NOT_FOUND');
    return state;
  }

  // Co-hosts sit on the panel: they moderate, so they see and may speak like the host.
  const isPanel = (state: WebinarState, session: JoinSession) => isModerator(session) || state.panelists.has(session.participantId);

  function roleOf(state: WebinarState, view: ParticipantView): ParticipantView['role'] {
    if (isModerator(view)) return view.role;
    return state.panelists.has(view.id) ? 'panelist' : 'attendee';
  }

  /**
   * The host and co-hosts see everyone by name; everyone else the panel, themselves, and how many
   * attend (participant-updates.ts). Labelling is kept for the last list asked about, so a push
   * to many recipients labels its list once.
   */
  function lens(state: WebinarState): ParticipantLens {
    let labelledFrom: ParticipantView[] | undefined;
    let labelled: ParticipantView[] = [];
    return {
      label(everyone) {
        if (everyone !== labelledFrom) labelled = everyone.map((view) => ({ ...view, role: roleOf(state, view) }));
        labelledFrom = everyone;
        return labelled;
      },
      scope: (recipient) => (isModerator(recipient) ? 'all' : 'panel'),
    };
  }

  /**
   * What the broadcast shows. A screen share is the main picture, with a camera as its inset;
   * without one, a camera is the main picture. The camera is that of whoever spoke last, else
   * the one shown now while it stays on, else the sharer's, the host's or any panelist's.
   */
  function choose(room: LiveRoom, state: WebinarState): Pictures {
    const panel = room.views().filter((view) => view.role === 'host' || state.panelists.has(view.id));
    const screen = panel.find((view) => view.screen);
    const withCamera = panel.filter((view) => view.camera);
    const current = (state.shown.inset ?? state.shown.main)?.participantId;
    const pick =
      withCamera.find((view) => view.id === state.lastSpeaker) ??
      withCamera.find((view) => view.id === current) ??
      withCamera.find((view) => view.id === screen?.id) ??
      withCamera.find((view) => view.role === 'host') ??
      withCamera[0];
    const camera = pick?.camera ? { participantId: pick.id, kind: 'camera' as const, publication: pick.camera } : null;
    if (screen?.screen) return { main: { participantId: screen.id, kind: 'screen', publication: screen.screen }, inset: camera };
    return { main: camera, inset: null };
  }

  function reselect(room: LiveRoom, state: WebinarState): void {
    state.switching = state.switching.then(async () => {
      const choice = choose(room, state);
      const key = JSON.stringify(choice);
      if (key === state.shownKey) return;
      state.shown = choice;
      state.shownKey = key;
      await room.showOnBroadcast(choice).catch(() => {
        state.shownKey = undefined; // tried again with the next change in the room
      });
      // Everyone learns whose pictures they are (the player names the speaker); only the panel is ever shown.
      void sendState(room, state);
    });
  }

  /** Tells one participant, or everyone, the webinar's state. */
  async function sendState(room: LiveRoom, state: WebinarState, to?: string): Promise<void> {
    state.details ??= detailsOf(room.roomId).catch((): WebinarDetails => ({ organiser: '' }));
    const details = await state.details;
    const { main, inset } = state.shown;
    const push: WebinarStatePush = {
      type: 'webinar.state',
      live: state.live,
      details,
      shown: main && { participantId: main.participantId, kind: main.kind },
      inset: inset && { participantId: inset.participantId },
    };
    if (to) room.sendTo(to, push);
    else room.broadcast(push);
  }

  /** Tells the hosts and co-hosts what became of an invitation to speak. */
  function tellModerators(room: LiveRoom, participantId: string, invitation: InvitationState): void {
    const session = room.sessionOf(participantId);
    room.broadcast({ type: 'webinar.invitation', participantId, displayName: session?.displayName ?? '', state: invitation }, (recipient) =>
      isModerator(recipient),
    );
  }

  async function stopWatching(state: WebinarState, id: string): Promise<void> {
    const viewer = state.viewers.get(id);
    state.viewers.delete(id);
    await viewer?.close();
  }

  function open(room: LiveRoom): void {
    if (room.kind !== 'webinar') return;
    const state: WebinarState = {
      live: false,
      panelists: new Set(),
      invited: new Set(),
      demoted: new Set(),
      viewers: new Map(),
      shown: { main: null, inset: null },
      switching: Promise.resolve(),
    };
    restoreWebinar(state, room.shared?.inherited);
    states.set(room, state);
    room.setParticipantLens(lens(state));
    usePseudonyms(room, (session) => isPanel(state, session));
    // Phone callers have no broadcast to watch: they hear the mix, joined muted (src/telephony).
    room.setMediaGate((session, phone) => {
      if (!phone && !isPanel(state, session)) throw new AppError('ERR_WEBINAR_ATTENDEE');
    });
    const changed = () => reselect(room, state);
    room.on('published', changed);
    room.on('unpublished', changed);
    room.on('talking', (id, talking) => {
      if (!talking || id === state.lastSpeaker) return;
      state.lastSpeaker = id;
      changed();
    });
    // A panelist the host invited by mail is on the panel from the start (backstage until live),
    // before the room welcomes them, so their first view is the panel's; unless the host moved them to the audience.
    room.on('joined', (id) => {
      if (room.sessionOf(id)?.panelist && !state.demoted.has(id)) state.panelists.add(id);
    });
    room.on('connected', (id) => void sendState(room, state, id));
    room.on('left', (id) => {
      if (state.panelists.delete(id)) void persist(room, state).catch(() => undefined);
      if (state.invited.delete(id)) tellModerators(room, id, 'withdrawn');
      void stopWatching(state, id);
      changed();
    });
    room.on('ended', () => {
      for (const id of [...state.viewers.keys()]) void stopWatching(state, id);
    });
    // A new host or co-host joins the panel; someone who stops co-hosting goes back to the audience.
    room.on('role', (id, role) => {
      const session = room.sessionOf(id);
      if (session && isModerator({ role })) void stopWatching(state, id);
      else if (session && !state.panelists.has(id)) void room.releaseMedia(id).catch(() => undefined);
      changed();
    });
  }

  /** The panel is managed by hosts and co-hosts (src/rooms/room-policy.ts). */
  function hostOnly(context: IntentContext): WebinarState {
    const state = stateOf(context.room);
    if (!canInRoom(context.session, 'moderate')) throw new AppError('ERR_FORBIDDEN');
    return state;
  }

  const intents = [
    /** An attendee starts watching: a viewer of their own, and Janus' offer for the browser. */
    defineIntent('webinar.watch', async ({ room, session }) => {
      const state = stateOf(room);
      if (isPanel(state, session)) throw new AppError('ERR_VALIDATION');
      if (!state.live) throw new AppError('ERR_WEBINAR_NOT_LIVE');
      await stopWatching(state, session.participantId);
      const viewer = await (await room.openMedia()).watch();
      const id = session.participantId;
      state.viewers.set(id, viewer);
      // Their node died (an edge, or the origin serving them itself): they are told to watch again, and are placed on one that lives.
      void viewer.lost.then(async () => {
        if (state.viewers.get(id) !== viewer) return;
        await stopWatching(state, id);
        room.sendTo(id, { type: 'media.reset' });
      });
      return { offer: await viewer.watch() };
    }),
    defineIntent('webinar.start', async ({ room, session }, message) => {
      const viewer = stateOf(room).viewers.get(session.participantId);
      if (!viewer) throw new AppError('ERR_NOT_FOUND');
      await viewer.start(message.answer);
    }),
    defineIntent('webinar.trickle', async ({ room, session }, message) => {
      await stateOf(room).viewers.get(session.participantId)?.trickle(message.candidate);
    }),
    /** The host starts the webinar: attendees' waiting screens switch to the broadcast by themselves. */
    defineIntent('webinar.goLive', async (context) => {
      const state = hostOnly(context);
      if (state.live) return;
      state.live = true;
      await persist(context.room, state).catch((error: unknown) => {
        state.live = false;
        throw error;
      });
      await sendState(context.room, state);
    }),
    /**
     * The host invites an attendee to speak. Nobody is put on the panel unasked: the attendee is
     * asked (their name becomes visible to everyone) and answers with `webinar.reply`.
     */
    defineIntent('webinar.promote', async (context, message) => {
      const state = hostOnly(context);
      const target = context.room.sessionOf(message.participantId);
      if (!target || isPanel(state, target)) throw new AppError('ERR_NOT_FOUND');
      state.invited.add(message.participantId);
      context.room.sendTo(message.participantId, { type: 'webinar.invited' });
      tellModerators(context.room, message.participantId, 'pending');
    }),
    /** The attendee's answer to the invitation: accepting (after their device check) brings them onto the panel. */
    defineIntent('webinar.reply', async ({ room, session }, message) => {
      const state = stateOf(room);
      if (!state.invited.delete(session.participantId)) throw new AppError('ERR_NOT_FOUND');
      tellModerators(room, session.participantId, message.accept ? 'accepted' : 'declined');
      if (!message.accept) return;
      state.demoted.delete(session.participantId);
      state.panelists.add(session.participantId);
      await persist(room, state);
      await stopWatching(state, session.participantId);
      room.broadcastParticipants();
      room.emit('panel', session.participantId, true);
    }),
    defineIntent('webinar.demote', async (context, message) => {
      const state = hostOnly(context);
      if (state.invited.delete(message.participantId)) {
        // Taking back an invitation that was not answered yet.
        context.room.sendTo(message.participantId, { type: 'webinar.uninvited' });
        tellModerators(context.room, message.participantId, 'withdrawn');
        return;
      }
      if (!state.panelists.delete(message.participantId)) throw new AppError('ERR_NOT_FOUND');
      if (context.room.sessionOf(message.participantId)?.panelist) state.demoted.add(message.participantId);
      await persist(context.room, state);
      await context.room.releaseMedia(message.participantId);
      context.room.emit('panel', message.participantId, false);
    }),
  ];

  return { feature: { intents, open } satisfies RoomFeature };
}
