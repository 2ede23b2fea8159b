import { randomUUID } from 'node:crypto';
import { messageText } from '../shared/text.js';
import { AppError } from '../errors.js';
import type { JoinSession } from '../rooms/join-sessions.js';
import type { LiveRoom } from '../rooms/live-room.js';
import { defineIntent, type IntentContext, type RoomFeature } from '../rooms/room-features.js';
import { voterKey } from '../qa/policy.js';

interface Poll {
  id: string;
  question: string;
  options: string[];
  /** One vote per person (by voterKey); who voted for what is never shown. */
  votes: Map<string, number>;
  open: boolean;
}

/** Polls run the host (meetings and webinars) and the webinar's panelists. */
const runsPolls = (room: LiveRoom, session: JoinSession) => session.role === 'host' || (room.kind === 'webinar' && room.presents(session));

/**
 * Quick polls in any room, kept in the room's memory only (gone when it ends or empties) and
 * anonymous: counts are shown, never who voted for what. Voters see the counts once they voted
 * or the poll is closed, so early results do not steer them; the host always sees them.
 */
export function createPollsFeature(): RoomFeature {
  const rooms = new WeakMap<LiveRoom, Poll[]>();
  const pollsOf = (room: LiveRoom) => {
    let polls = rooms.get(room);
    if (!polls) rooms.set(room, (polls = []));
    return polls;
  };

  function view(room: LiveRoom, poll: Poll, viewer: JoinSession) {
    const voted = poll.votes.get(voterKey(viewer)) ?? null;
    const showCounts = !poll.open || voted !== null || runsPolls(room, viewer);
    const counts = poll.options.map((_, index) => [...poll.votes.values()].filter((v) => v === index).length);
    return {
      id: poll.id,
      question: poll.question,
      options: poll.options,
      open: poll.open,
      voted,
      counts: showCounts ? counts : null,
      total: poll.votes.size,
    };
  }

  function publish(room: LiveRoom, poll: Poll): void {
    for (const { id } of room.views()) {
      const viewer = room.sessionOf(id);
      if (viewer) room.sendTo(id, { type: 'poll.update', poll: view(room, poll, viewer) });
    }
  }

  function pollOf(context: IntentContext, id: string): Poll {
    const poll = pollsOf(context.room).find((p) => p.id === id);
    if (!poll) throw new AppError('ERR_NOT_FOUND');
    return poll;
  }

  return {
    intents: [
      defineIntent('poll.list', async ({ room, session }) => ({
        polls: pollsOf(room).map((p) => view(room, p, session)),
        mayRun: runsPolls(room, session),
      })),

      defineIntent('poll.create', async ({ room, session }, message) => {
        if (!runsPolls(room, session)) throw new AppError('ERR_FORBIDDEN');
        const poll: Poll = {
          id: randomUUID(),
          question: messageText(message.question, 300),
          options: message.options.map((o) => messageText(o, 100)),
          votes: new Map(),
          open: true,
        };
        const polls = pollsOf(room);
        polls.push(poll);
        if (polls.length > 50) polls.shift();
        publish(room, poll);
        return { id: poll.id };
      }),

      defineIntent('poll.vote', async (context, message) => {
        const poll = pollOf(context, message.pollId);
        if (!poll.open || message.option >= poll.options.length) throw new AppError('ERR_VALIDATION');
        const key = voterKey(context.session);
        if (poll.votes.has(key)) throw new AppError('ERR_ALREADY_VOTED');
        poll.votes.set(key, message.option);
        publish(context.room, poll);
      }),

      defineIntent('poll.close', async (context, message) => {
        if (!runsPolls(context.room, context.session)) throw new AppError('ERR_FORBIDDEN');
        const poll = pollOf(context, message.pollId);
        poll.open = false;
        publish(context.room, poll);
      }),
    ],

    open(room) {
      room.on('connected', (participantId) => {
        const session = room.sessionOf(participantId);
        const polls = rooms.get(room);
        if (session && polls?.length)
          room.sendTo(participantId, {
            type: 'poll.list',
            polls: polls.map((p) => view(room, p, session)),
            mayRun: runsPolls(room, session),
          });
      });
      const forget = () => rooms.delete(room);
      room.on('ended', forget);
      room.on('left', () => room.participantCount === 0 && forget());
    },
  };
}
