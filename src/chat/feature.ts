import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { JoinSession } from '../rooms/join-sessions.js';
import type { LiveRoom } from '../rooms/live-room.js';
import { authorOf, choosePseudonym, nameFor, ownPseudonym, seesNameOf, type Author, type ShownName } from '../rooms/pseudonyms.js';
import { defineIntent, type RoomFeature } from '../rooms/room-features.js';
import { isChatHost, seesThread } from './policy.js';
import type { ChatService } from './service.js';
import { messageText, RateLimit } from '../shared/text.js';

export const maxMessageLength = 2_000;
/** Messages a room remembers for late joiners and reconnects. */
export const historyLimit = 500;
const perParticipant = { messages: 10, windowMs: 10_000 };

interface ChatMessage {
  id: string;
  at: string;
  author: { id: string; role: string; person: Author };
  text: string;
  /** A private thread between one participant and the hosts: that participant, else null (public). */
  thread: { participantId: string; name: string } | null;
}

interface Minutes {
  since: string;
  by: string;
}

interface RoomChat {
  messages: ChatMessage[];
  minutes: Minutes | null;
  /** Switching minutes on or off, one after another (two hosts may click at once). */
  switching: Promise<unknown>;
  limit: RateLimit;
}

/**
 * Chat in every live room. Messages live only here, in the memory of the room (a WeakMap
 * keyed by the LiveRoom), and are dropped when the room ends or empties; while the host has
 * minutes logging on, each message is also written to the minutes before anyone sees it.
 * Message text is never logged. In webinars attendees' messages show to other attendees under
 * their pseudonym (src/rooms/pseudonyms.ts); the minutes keep the real name.
 */
export function createChatFeature(chat: ChatService, log: Logger): RoomFeature {
  const rooms = new WeakMap<LiveRoom, RoomChat>();

  function stateOf(room: LiveRoom): RoomChat {
    let state = rooms.get(room);
    if (!state) {
      state = {
        messages: [],
        minutes: null,
        switching: Promise.resolve(),
        limit: new RateLimit(perParticipant.messages, perParticipant.windowMs),
      };
      rooms.set(room, state);
    }
    return state;
  }

  const visible = (session: JoinSession, message: ChatMessage) =>
    message.thread === null || seesThread(session, message.thread.participantId);

  const present = (m: ChatMessage, shown: ShownName) => ({
    id: m.id,
    at: m.at,
    author: { id: m.author.id, role: m.author.role, ...shown },
    text: m.text,
    private: m.thread,
  });

  /** Each message as the viewer may see its author; `pseudonym`: how other attendees see the viewer (null: by name). */
  function history(room: LiveRoom, session: JoinSession) {
    const state = stateOf(room);
    const messages = state.messages.filter((m) => visible(session, m)).map((m) => present(m, nameFor(room, session, m.author.person)));
    return { messages, minutes: state.minutes, pseudonym: ownPseudonym(room, session) };
  }

  /** The room ended or emptied: its chat is gone; logging that was on is closed in the minutes. */
  async function close(room: LiveRoom): Promise<void> {
    const state = rooms.get(room);
    if (!state) return;
    rooms.delete(room);
    state.messages.length = 0;
    if (state.minutes) {
      state.minutes = null;
      await state.switching
        .then(() => chat.recordSwitch(room.roomId, false, null))
        .catch((err: unknown) => log.error({ err }, 'minutes logging not closed'));
    }
  }

  function threadFor(room: LiveRoom, session: JoinSession, to: string | undefined): ChatMessage['thread'] {
    if (to === undefined) return null;
    if (to === 'hosts') {
      if (isChatHost(session)) throw new AppError('ERR_VALIDATION');
      return { participantId: session.participantId, name: session.displayName };
    }
    // Only hosts write privately to one person (their reply to a private message).
    if (!isChatHost(session)) throw new AppError('ERR_FORBIDDEN');
    const target = room.sessionOf(to);
    if (!target || isChatHost(target)) throw new AppError('ERR_NOT_FOUND');
    return { participantId: target.participantId, name: target.displayName };
  }

  return {
    intents: [
      defineIntent('chat.send', async ({ room, session }, message) => {
        const state = stateOf(room);
        state.limit.take(session.participantId);
        const text = messageText(message.text, maxMessageLength);
        const thread = threadFor(room, session, message.to);
        const entry: ChatMessage = {
          id: randomUUID(),
          at: new Date().toISOString(),
          author: { id: session.participantId, role: session.role, person: authorOf(room, session) },
          text,
          thread,
        };
        if (state.minutes) {
          await chat.recordMessage(room.roomId, {
            at: entry.at,
            author: session,
            text,
            private: thread !== null,
            recipientName: thread && thread.participantId !== session.participantId ? thread.name : null,
          });
        }
        if (rooms.get(room) !== state) throw new AppError('ERR_MEETING_ENDED');
        state.messages.push(entry);
        if (state.messages.length > historyLimit) state.messages.splice(0, state.messages.length - historyLimit);
        // One push for those who see the author's name, one for the attendees who see the pseudonym
        // (each encoded once), handed out in one pass over the room.
        const { person } = entry.author;
        const shown = nameFor(room, session, person);
        const byName = { type: 'chat.message' as const, message: present(entry, shown) };
        const byPseudonym =
          'pseudonym' in shown && shown.pseudonym
            ? { type: 'chat.message' as const, message: present(entry, { pseudonym: shown.pseudonym }) }
            : undefined;
        const seesName = seesNameOf(room, person);
        room.broadcastEach((s) => {
          if (thread && !seesThread(s, thread.participantId)) return undefined;
          return seesName(s) ? byName : byPseudonym;
        });
        return { id: entry.id };
      }),

      defineIntent('chat.history', async ({ room, session }) => history(room, session)),

      /** A webinar attendee chooses how other attendees see them from now on. */
      defineIntent('chat.pseudonym', async ({ room, session }, message) => {
        stateOf(room).limit.take(session.participantId);
        const pseudonym = await choosePseudonym(room, session, message.name);
        room.sendTo(session.participantId, { type: 'chat.pseudonym', pseudonym });
        return { pseudonym };
      }),

      defineIntent('chat.minutes', async ({ room, session }, message) => {
        if (!isChatHost(session)) throw new AppError('ERR_FORBIDDEN');
        const state = stateOf(room);
        const result = state.switching.then(async () => {
          if (rooms.get(room) !== state) throw new AppError('ERR_MEETING_ENDED');
          if ((state.minutes !== null) === message.on) return { minutes: state.minutes };
          const at = await chat.recordSwitch(room.roomId, message.on, session);
          // From this moment on (and not before) messages go into the minutes, and everyone sees it at once.
          state.minutes = message.on ? { since: at, by: session.displayName } : null;
          room.broadcast({ type: 'chat.minutes', minutes: state.minutes });
          return { minutes: state.minutes };
        });
        state.switching = result.catch(() => undefined);
        return result;
      }),
    ],

    open(room) {
      room.on('connected', (participantId) => {
        const session = room.sessionOf(participantId);
        if (session) room.sendTo(participantId, { type: 'chat.history', ...history(room, session) });
      });
      room.on('left', () => {
        if (room.participantCount === 0) void close(room);
      });
      room.on('ended', () => void close(room));
    },
  };
}
