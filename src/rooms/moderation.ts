import { AppError } from '../errors.js';
import { RateLimit } from '../shared/text.js';
import type { AssignableRole, ModerationStateView, PushesOf, RemovalReason } from '../shared/protocol/index.js';
import type { LobbyMode, RoomTable } from '../store/schema.js';
import type { JoinSession } from './join-sessions.js';
import type { LiveRoom, Peer } from './live-room.js';
import { Lobby, mustWait } from './lobby.js';
import { MediaSwitchLimits } from './media-switches.js';
import { defineIntent, type IntentContext, type RoomFeature } from './room-features.js';
import { canActOn, canChangeRoleOf, canInRoom, canRemove, isModerator, type RoomAction } from './room-policy.js';
import { presence, restoreModeration, sharedJoinRules, sharedModeration, type SharedModeration } from './moderation-shared.js';

/**
 * The host's say over a live room: the lobby, the lock, muting, removing, raised hands, and who
 * hosts (co-hosts, handing the host role on). Every action is authorised by the room policy
 * (room-policy.ts) from the sender's join session on the server (`IntentContext`), never from the message. The lobby mode is kept in `rooms.lobby`; the rest lives in memory with
 * the live room (keyed by the LiveRoom object): it goes when the room ends or nobody is in it or
 * waiting any more (live-rooms.ts), and a restart of a single instance forgets locks, removals
 * and hands. In cluster mode the owner also writes them to the room's shared state
 * (moderation-shared.ts), so an instance that takes the room over keeps them, and an HTTP join on
 * any instance is refused while the room is locked or the person was removed.
 */

/** What this module pushes over the room's WebSocket (declared in src/shared/protocol/moderation.ts). */
type ModerationPush = PushesOf<'moderation.' | 'lobby.'>;

/** How many of those waiting the host's list names; the rest are counted (and admitted with Admit all). */
const listedWaiting = 50;

/** The close code for people the host removed or turned away: the browser does not reconnect. */
export const removedCloseCode = 4003;

/** Raising and lowering one's hand, at most this often: each change goes to everyone in the room. */
const handChanges = { max: 10, windowMs: 10_000 };

interface RoomModeration extends SharedModeration {
  lobby: Lobby;
  /** Let in from the lobby once: they do not wait again when their connection comes back. */
  admitted: Set<string>;
  /** Registrations the host removed: their personal join link no longer opens this room. */
  removedRegistrations: Set<string>;
  /** The current connection of everyone who said hello, in the room or in the lobby. */
  peers: Map<string, Peer>;
  handLimit: RateLimit;
  /** Switching microphone, camera and screen on, per person (media-switches.ts). */
  mediaSwitches: MediaSwitchLimits;
}

export interface ModerationDeps {
  /** Ends the join session of a person rejected or removed (everywhere: Redis in cluster mode); resolves once it is ended. */
  revokeSession(participantId: string): Promise<void>;
  /** Keeps the room's lobby mode (with an audit entry of the host's change). */
  saveLobbyMode(roomId: string, mode: LobbyMode, hostAccountId: string | null): Promise<void>;
  /** The room while it is live (live-rooms.ts), for checks of joins that come in over HTTP or by phone. */
  liveRoom(roomId: string): LiveRoom | undefined;
  /** Cluster mode: the room's shared state, for those checks on an instance that does not own the room. */
  sharedState?(roomId: string): Promise<Readonly<Record<string, string>>>;
}

export function createModeration(deps: ModerationDeps) {
  /** Per live room, and only as long as the room object lives. */
  const rooms = new WeakMap<LiveRoom, RoomModeration>();

  function stateOf(room: LiveRoom, lobbyMode: LobbyMode = 'guests'): RoomModeration {
    let state = rooms.get(room);
    if (!state) {
      state = {
        lobbyMode,
        locked: false,
        unmuteBlocked: false,
        lobby: new Lobby(),
        admitted: new Set(),
        removedRegistrations: new Set(),
        removedParticipants: new Set(),
        hands: new Map(),
        peers: new Map(),
        returning: new Set(),
        handLimit: new RateLimit(handChanges.max, handChanges.windowMs),
        mediaSwitches: new MediaSwitchLimits(),
      };
      rooms.set(room, state);
    }
    return state;
  }

  /** Cluster mode: the owner keeps the room's moderation in the shared state (refused when it no longer owns the room). */
  const persist = async (room: LiveRoom, state: RoomModeration) => room.shared?.save([sharedModeration(state)]);
  const present = async (room: LiveRoom, id: string, where: 'room' | 'lobby' | null) => room.shared?.save([presence(id, where)]);
  /** A departure's write that failed: refused, the room closes here already (live-rooms.ts); while Redis is lost, the next owner thinks them still present. */
  const unsaved = () => undefined;

  const view = (state: RoomModeration): ModerationStateView => ({
    locked: state.locked,
    lobby: state.lobbyMode,
    unmuteBlocked: state.unmuteBlocked,
    hands: [...state.hands].map(([id, since]) => ({ participantId: id, since })),
  });

  const lobbyList = (state: RoomModeration): ModerationPush => ({
    type: 'lobby.list',
    waiting: state.lobby.views(listedWaiting),
    count: state.lobby.size,
  });
  const pushState = (room: LiveRoom, state: RoomModeration) =>
    room.broadcast({ type: 'moderation.state', ...view(state) } satisfies ModerationPush);
  const pushLobby = (room: LiveRoom, state: RoomModeration) => room.broadcast(lobbyList(state), isModerator);

  function allowed(context: IntentContext, action: RoomAction = 'moderate'): RoomModeration {
    if (!canInRoom(context.session, action)) throw new AppError('ERR_FORBIDDEN');
    return stateOf(context.room);
  }

  /** Someone who can hold a role: in the room, connected, with a browser (not a phone caller), not the sender. */
  function roleCandidate(context: IntentContext, id: string): JoinSession {
    const session = target(context, id);
    const view = context.room.views().find((p) => p.id === id);
    if (id === context.participantId || !view?.connected || view.phone) throw new AppError('ERR_FORBIDDEN');
    return session;
  }

  function giveRole(room: LiveRoom, id: string, role: AssignableRole | 'host', reason: 'promoted' | 'handedOver' | 'automatic'): void {
    room.setRole(id, role);
    room.sendTo(id, { type: 'moderation.role', role, reason } satisfies ModerationPush);
    const state = stateOf(room);
    if (role !== 'participant') room.sendTo(id, lobbyList(state));
  }

  /** The last host went without handing the role on: the co-host who came first takes it; without one the room runs on until a host returns. */
  function keepHosted(room: LiveRoom): void {
    if (room.isEnded) return;
    const present = room.views();
    if (present.some((p) => p.role === 'host')) return;
    const next = present.find((p) => p.role === 'cohost' && p.connected);
    if (next) giveRole(room, next.id, 'host', 'automatic');
  }

  /** Someone else in the room, whom the host may act on. */
  function target(context: IntentContext, id: string): JoinSession {
    const session = context.room.sessionOf(id);
    if (!session) throw new AppError('ERR_NOT_FOUND');
    return session;
  }

  async function admit(room: LiveRoom, state: RoomModeration, id: string): Promise<void> {
    const waiting = state.lobby.take(id);
    if (!waiting) throw new AppError('ERR_NOT_FOUND');
    state.admitted.add(id);
    await persist(room, state);
    await present(room, id, 'room');
    pushLobby(room, state);
    waiting.peer.send({ type: 'lobby.admitted' } satisfies ModerationPush);
    await room.connect(waiting.session, waiting.peer);
  }

  /**
   * The host removed someone or turned them away: barred from this room (kept in the shared state
   * first, so a hello racing in on any instance is refused by checkEntry), their join session
   * ended, then told and let go.
   */
  async function bar(room: LiveRoom, state: RoomModeration, id: string, push: ModerationPush, reason: string): Promise<void> {
    state.removedParticipants.add(id);
    await persist(room, state);
    await turnAway(state, id, push, reason);
  }

  async function turnAway(state: RoomModeration, id: string, push: ModerationPush, reason: string): Promise<void> {
    await deps.revokeSession(id);
    state.admitted.delete(id);
    state.hands.delete(id);
    const peer = state.peers.get(id);
    state.peers.delete(id);
    peer?.send(push);
    peer?.close(removedCloseCode, reason);
  }

  async function mute(room: LiveRoom, id: string, all: boolean): Promise<void> {
    await room.setMuted(id, true);
    room.sendTo(id, { type: 'moderation.muted', all } satisfies ModerationPush);
  }

  const feature: RoomFeature = {
    intents: [
      defineIntent('moderation.state', async (context) => {
        const state = stateOf(context.room);
        return {
          ...view(state),
          ...(isModerator(context.session) ? { waiting: state.lobby.views(listedWaiting), waitingCount: state.lobby.size } : {}),
        };
      }),

      defineIntent('moderation.settings', async (context, message) => {
        const state = allowed(context);
        const { room, session } = context;
        if (message.lobby !== undefined && message.lobby !== state.lobbyMode) {
          const previous = state.lobbyMode;
          state.lobbyMode = message.lobby;
          try {
            // Cluster mode: the fenced write first; a former owner is refused there and never reaches the database.
            await persist(room, state);
            room.shared?.assertOwner();
            await deps.saveLobbyMode(room.roomId, message.lobby, session.accountId);
          } catch (error) {
            state.lobbyMode = previous;
            await persist(room, state).catch(unsaved);
            throw error;
          }
          // Whoever would no longer have to wait comes in now.
          const free = state.lobby.participantIds().filter((id) => !mustWait(state.lobbyMode, state.lobby.sessionOf(id)!));
          for (const id of free) await admit(room, state, id);
        }
        if (message.locked !== undefined) state.locked = message.locked;
        if (message.allowUnmute !== undefined) state.unmuteBlocked = !message.allowUnmute;
        await persist(room, state);
        pushState(room, state);
        return view(state);
      }),

      defineIntent('lobby.admit', async (context, message) => admit(context.room, allowed(context), message.participantId)),

      defineIntent('lobby.admitAll', async (context) => {
        const state = allowed(context);
        for (const id of state.lobby.participantIds()) await admit(context.room, state, id);
      }),

      defineIntent('lobby.reject', async (context, message) => {
        const state = allowed(context);
        if (!state.lobby.take(message.participantId)) throw new AppError('ERR_NOT_FOUND');
        await bar(context.room, state, message.participantId, { type: 'lobby.rejected' }, 'rejected');
        await present(context.room, message.participantId, null);
        pushLobby(context.room, state);
      }),

      defineIntent('moderation.mute', async (context, message) => {
        allowed(context);
        if (!canActOn(context.session, target(context, message.participantId))) throw new AppError('ERR_FORBIDDEN');
        await mute(context.room, message.participantId, false);
      }),

      defineIntent('moderation.muteAll', async (context, message) => {
        const state = allowed(context);
        state.unmuteBlocked = !message.allowUnmute;
        await persist(context.room, state);
        // Only those who are heard (not hosts or co-hosts; attendees of a webinar have no microphone in the room).
        const others = context.room.views().filter((p) => !isModerator(p) && !p.muted);
        await Promise.all(others.map((p) => mute(context.room, p.id, true)));
        pushState(context.room, state);
      }),

      defineIntent('moderation.remove', async (context, message) => {
        const state = allowed(context);
        const removed = target(context, message.participantId);
        if (!canRemove(context.session, removed)) throw new AppError('ERR_FORBIDDEN');
        if (removed.registrationId) state.removedRegistrations.add(removed.registrationId);
        await bar(context.room, state, removed.participantId, { type: 'moderation.removed' }, 'removed by the host');
        await context.room.leave(removed.participantId);
        pushState(context.room, state);
      }),

      defineIntent('moderation.hand', async (context, message) => {
        const state = stateOf(context.room);
        target(context, context.participantId);
        if (message.raised === state.hands.has(context.participantId)) return;
        state.handLimit.take(context.participantId);
        if (message.raised) state.hands.set(context.participantId, new Date().toISOString());
        else state.hands.delete(context.participantId);
        await persist(context.room, state);
        pushState(context.room, state);
      }),

      defineIntent('moderation.lowerHand', async (context, message) => {
        const state = allowed(context);
        if (!state.hands.delete(message.participantId)) return;
        await persist(context.room, state);
        pushState(context.room, state);
      }),

      defineIntent('moderation.role', async (context, message) => {
        allowed(context, 'assignRoles');
        const session = roleCandidate(context, message.participantId);
        if (!canChangeRoleOf(context.session, session)) throw new AppError('ERR_FORBIDDEN');
        if (session.role !== message.role) giveRole(context.room, message.participantId, message.role, 'promoted');
      }),

      /** The host leaves and names who hosts after them; they stay (as a participant) until their own leave. */
      defineIntent('moderation.handOver', async (context, message) => {
        allowed(context, 'assignRoles');
        roleCandidate(context, message.participantId);
        giveRole(context.room, message.participantId, 'host', 'handedOver');
        context.room.setRole(context.participantId, 'participant');
      }),
    ],

    open(room: LiveRoom, row: RoomTable): void {
      const opened = stateOf(room, row.lobby);
      // Taken over from another instance: its lobby mode, lock, removals and hands hold on here.
      if (room.shared) restoreModeration(opened, room.shared.inherited);
      room.on('connected', (id) => {
        const state = stateOf(room);
        room.sendTo(id, { type: 'moderation.state', ...view(state) } satisfies ModerationPush);
        const session = room.sessionOf(id);
        if (session && isModerator(session)) room.sendTo(id, lobbyList(state));
      });
      room.on('left', (id) => {
        const state = rooms.get(room);
        void present(room, id, null).catch(unsaved);
        state?.mediaSwitches.left(id);
        if (state?.hands.delete(id)) {
          void persist(room, state).catch(unsaved);
          pushState(room, state);
        }
        keepHosted(room);
      });
      // A forged or racing audio.join with the microphone on, while the host does not allow it.
      room.on('audio.joined', (id) => {
        const state = rooms.get(room);
        const self = room.views().find((p) => p.id === id);
        if (state?.unmuteBlocked && self && !self.muted && !isModerator(self)) void mute(room, id, true).catch(() => undefined);
      });
      room.on('ended', () => {
        const state = rooms.get(room);
        for (const id of state?.lobby.participantIds() ?? []) {
          const waiting = state!.lobby.take(id);
          waiting?.peer.send({ type: 'ended' });
          waiting?.peer.close(4001, 'meeting ended');
        }
      });
    },
  };

  return {
    feature,

    /**
     * Joining over HTTP (passcode or personal link): refused while locked or after a removal. Hosts
     * always get in. In cluster mode the room may live on another instance: its shared state says.
     */
    async checkJoin(row: RoomTable, who: { role: JoinSession['role']; registrationId: string | null }): Promise<void> {
      if (isModerator(who)) return;
      const room = deps.liveRoom(row.id);
      const state = (room && rooms.get(room)) ?? (deps.sharedState && sharedJoinRules(await deps.sharedState(row.id)));
      if (!state) return;
      if (who.registrationId && state.removedRegistrations.has(who.registrationId)) throw new AppError('ERR_REMOVED_FROM_ROOM');
      if (state.locked) throw new AppError('ERR_ROOM_LOCKED');
    },

    /**
     * A personal link stopped admitting its person (revoked, the registration or invitation
     * erased or withdrawn, the event cancelled): whoever came in through it leaves this live room,
     * told as on a removal, with `reason` when it was not the host in the room. A link issued anew
     * for the same registration admits them again, so the registration is not barred.
     */
    async expelRegistration(room: LiveRoom, registrationId: string, reason?: RemovalReason): Promise<void> {
      const state = rooms.get(room);
      const through = (session: JoinSession | undefined) => session?.registrationId === registrationId;
      const inRoom = room.views().filter((view) => through(room.sessionOf(view.id)));
      const waiting = state ? state.lobby.participantIds().filter((id) => through(state.lobby.sessionOf(id))) : [];
      if (!state || inRoom.length + waiting.length === 0) return;
      const removed: ModerationPush = { type: 'moderation.removed', ...(reason && { reason }) };
      for (const id of waiting) if (state.lobby.take(id)) await turnAway(state, id, removed, 'personal link revoked');
      for (const view of inRoom) {
        await turnAway(state, view.id, removed, 'personal link revoked');
        await room.leave(view.id);
      }
      pushState(room, state);
      if (waiting.length > 0) pushLobby(room, state);
    },

    /** A WebSocket's hello: while locked only those already in the room or its lobby come (back) in. */
    checkEntry(session: JoinSession, room: LiveRoom | undefined): void {
      const state = room && rooms.get(room);
      const id = session.participantId;
      // Before their join session is ended everywhere, a removed person's hello may still find it.
      if (state?.removedParticipants.has(id)) throw new AppError('ERR_REMOVED_FROM_ROOM');
      if (!state || isModerator(session)) return;
      if (session.registrationId && state.removedRegistrations.has(session.registrationId)) throw new AppError('ERR_REMOVED_FROM_ROOM');
      const returning = room.sessionOf(id) !== undefined || state.lobby.has(id) || state.returning.has(id);
      if (state.locked && !returning) throw new AppError('ERR_ROOM_LOCKED');
    },

    /** After a valid hello: into the room, or into its lobby (`{ waiting: true }`) until the host decides. */
    async arrive(room: LiveRoom, session: JoinSession, peer: Peer): Promise<{ waiting: true } | undefined> {
      const state = stateOf(room);
      const id = session.participantId;
      state.peers.set(id, peer);
      const inRoom = room.sessionOf(id) !== undefined;
      if (!inRoom && !state.admitted.has(id) && mustWait(state.lobbyMode, session)) {
        await present(room, id, 'lobby');
        state.lobby.add(session, peer);
        peer.send({ type: 'lobby.waiting', title: room.title } satisfies ModerationPush);
        pushLobby(room, state);
        return { waiting: true };
      }
      if (!inRoom) await present(room, id, 'room');
      await room.connect(session, peer);
      return undefined;
    },

    /**
     * Intents the sender may not send now: anything but leaving while waiting; unmuting when the
     * host forbids it; switching microphone, camera or screen on far more often than a person does.
     * Runs on the room's owner for every intent, relayed sockets included (signaling.ts).
     */
    check(room: LiveRoom, session: JoinSession, message: { type: string }): void {
      const state = rooms.get(room);
      if (!state) return;
      if (state.lobby.has(session.participantId) && message.type !== 'leave') throw new AppError('ERR_LOBBY_WAITING');
      const unmuting = message.type === 'audio.mute' && 'muted' in message && message.muted === false;
      if (unmuting && state.unmuteBlocked && !isModerator(session)) throw new AppError('ERR_UNMUTE_NOT_ALLOWED');
      state.mediaSwitches.check(session.participantId, message);
    },

    /** Whether anyone waits in the room's lobby: they keep it live. */
    isWaiting(room: LiveRoom): boolean {
      return (rooms.get(room)?.lobby.size ?? 0) > 0;
    },

    /** Someone's connection is gone (live-rooms.ts runs this for every departure): someone waiting leaves the queue. */
    departed(room: LiveRoom, session: JoinSession, peer: Peer): void {
      const state = rooms.get(room);
      if (!state) return;
      if (state.peers.get(session.participantId) === peer) state.peers.delete(session.participantId);
      if (!state.lobby.drop(session.participantId, peer)) return;
      pushLobby(room, state);
      void present(room, session.participantId, null).catch(unsaved);
    },

    /** The room closes here without ending (restart, or another instance owns it now): those waiting reconnect there. */
    release(room: LiveRoom): void {
      const state = rooms.get(room);
      for (const id of state?.lobby.participantIds() ?? []) state!.lobby.take(id)?.peer.close(1012, 'the meeting moved to another server');
    },
  };
}

export type Moderation = ReturnType<typeof createModeration>;
