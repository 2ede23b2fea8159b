import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { messageText, RateLimit } from '../shared/text.js';
import { AppError } from '../errors.js';
import type { JoinSession } from '../rooms/join-sessions.js';
import type { LiveRoom } from '../rooms/live-room.js';
import { authorOf, nameFor, type Author } from '../rooms/pseudonyms.js';
import { defineIntent, type IntentContext, type RoomFeature } from '../rooms/room-features.js';
import type { QaQuestionTable, QaStatus } from '../store/schema.js';
import { canAnswer, knowsAsker, voterKey } from './policy.js';
import type { QaService } from './service.js';

export const maxQuestionLength = 1_000;
export const maxAnswerLength = 2_000;
const perParticipant = { questions: 5, windowMs: 30_000 };

interface Question {
  row: QaQuestionTable;
  /** Who asked, in this live room (for "your question"); unknown for questions from before a restart (kept over a takeover in cluster mode). */
  askerParticipantId: string | null;
  /** Who asked, for naming them (src/rooms/pseudonyms.ts). */
  asker: Author;
  voters: Set<string>;
}

/**
 * Cluster mode: who asked each question of this live room, in the room's shared state (one field
 * per question), so that after a takeover the asker still sees "your question" (and a private
 * answer to it) and the others the pseudonym they saw before.
 */
const sharedPrefix = 'qa:';
const sharedAsker = z.object({ participantId: z.string(), key: z.string(), onPanel: z.boolean() });

function inheritedAsker(room: LiveRoom, questionId: string): z.infer<typeof sharedAsker> | undefined {
  const value = room.shared?.inherited[sharedPrefix + questionId];
  if (value === undefined) return undefined;
  try {
    return sharedAsker.parse(JSON.parse(value));
  } catch {
    return undefined;
  }
}

interface RoomQa {
  questions: Promise<Map<string, Question>>;
  limit: RateLimit;
}

/**
 * Q&A in webinars. In meetings everyone may speak up and the chat is there; a moderated
 * question queue (and storing questions for follow-up) serves audiences without a voice.
 * Questions are stored when asked; votes are counted per person in the live room's memory.
 */
export function createQaFeature(qa: QaService, log: Logger): RoomFeature {
  const rooms = new WeakMap<LiveRoom, RoomQa>();

  function stateOf(room: LiveRoom): RoomQa {
    if (room.kind !== 'webinar') throw new AppError('ERR_QA_UNAVAILABLE');
    let state = rooms.get(room);
    if (!state) {
      const questions = qa.list(room.roomId).then(
        (rows) =>
          new Map(
            rows.map((row) => {
              const kept = inheritedAsker(room, row.id);
              const asker = kept ? { key: kept.key, name: row.asker_name, onPanel: kept.onPanel } : storedAsker(row);
              return [row.id, { row, askerParticipantId: kept?.participantId ?? null, asker, voters: new Set<string>() }];
            }),
          ),
      );
      state = { questions, limit: new RateLimit(perParticipant.questions, perParticipant.windowMs) };
      // A failed load is tried again on the next intent.
      questions.catch((err: unknown) => {
        log.error({ err }, 'questions not loaded');
        if (rooms.get(room) === state) rooms.delete(room);
      });
      rooms.set(room, state);
    }
    return state;
  }

  /**
   * The asker of a question from before a restart: the same person again where a registration
   * tells, else a pseudonym of the question's own; an attendee, as the panel does not ask.
   */
  const storedAsker = (row: QaQuestionTable): Author => ({
    key: row.asker_registration_id ? `r:${row.asker_registration_id}` : `q:${row.id}`,
    name: row.asker_name,
    onPanel: false,
  });

  const mine = (q: Question, viewer: JoinSession) => q.askerParticipantId === viewer.participantId;
  const answers = (room: LiveRoom, viewer: JoinSession) => canAnswer(viewer, room.presents(viewer));
  const visible = (room: LiveRoom, q: Question, viewer: JoinSession) =>
    q.row.status !== 'dismissed' || answers(room, viewer) || mine(q, viewer);

  /**
   * A question as one viewer may see it: anonymous askers stay anonymous to all but the host (no
   * pseudonym either: it would tie the question to their chat), named attendees show to other
   * attendees under their pseudonym, private answers reach the asker only.
   */
  function view(room: LiveRoom, q: Question, viewer: JoinSession) {
    const own = mine(q, viewer);
    const { row } = q;
    const shown = row.anonymous === 0 || knowsAsker(viewer) || own ? nameFor(room, viewer, q.asker) : null;
    const answerText = row.answer;
    const answerVisible = answerText !== null && (row.answer_private === 0 || answers(room, viewer) || own);
    return {
      id: row.id,
      text: row.text,
      askedAt: row.asked_at,
      asker: shown && 'name' in shown ? shown.name : null,
      askerPseudonym: shown?.pseudonym ?? null,
      anonymous: row.anonymous === 1,
      mine: own,
      upvotes: row.upvotes,
      voted: q.voters.has(voterKey(viewer)),
      status: row.status,
      answer: answerVisible ? { text: answerText, private: row.answer_private === 1, by: row.answered_by_name, at: row.answered_at } : null,
      answeredPrivately: row.answer_private === 1,
    };
  }

  const list = (room: LiveRoom, questions: Map<string, Question>, viewer: JoinSession) =>
    [...questions.values()].filter((q) => visible(room, q, viewer)).map((q) => view(room, q, viewer));

  /** Each person gets the question as they may see it, or its removal when they may no longer. */
  function publish(room: LiveRoom, q: Question): void {
    for (const { id } of room.views()) {
      const viewer = room.sessionOf(id);
      if (!viewer) continue;
      room.sendTo(
        id,
        visible(room, q, viewer) ? { type: 'qa.question', question: view(room, q, viewer) } : { type: 'qa.removed', questionId: q.row.id },
      );
    }
  }

  async function question(context: IntentContext, id: string): Promise<Question> {
    const q = (await stateOf(context.room).questions).get(id);
    if (!q || !visible(context.room, q, context.session)) throw new AppError('ERR_NOT_FOUND');
    return q;
  }

  function answererOnly(context: IntentContext): void {
    if (!answers(context.room, context.session)) throw new AppError('ERR_FORBIDDEN');
  }

  return {
    intents: [
      defineIntent('qa.list', async ({ room, session }) => {
        if (room.kind !== 'webinar') return { enabled: false, questions: [] };
        return { enabled: true, questions: list(room, await stateOf(room).questions, session) };
      }),

      defineIntent('qa.ask', async ({ room, session }, message) => {
        const state = stateOf(room);
        state.limit.take(session.participantId);
        const text = messageText(message.text, maxQuestionLength);
        const questions = await state.questions;
        const row: QaQuestionTable = {
          id: randomUUID(),
          room_id: room.roomId,
          asked_at: new Date().toISOString(),
          asker_name: session.displayName,
          asker_registration_id: session.registrationId,
          anonymous: message.anonymous ? 1 : 0,
          text,
          upvotes: 0,
          status: 'open',
          answer: null,
          answer_private: 0,
          answered_by_name: null,
          answered_at: null,
        };
        await qa.insert(row);
        const q: Question = { row, askerParticipantId: session.participantId, asker: authorOf(room, session), voters: new Set() };
        const kept: z.input<typeof sharedAsker> = { participantId: session.participantId, key: q.asker.key, onPanel: q.asker.onPanel };
        // Refused only once another instance owns the room; the question stands either way.
        await room.shared?.save([{ field: sharedPrefix + row.id, value: JSON.stringify(kept) }]).catch(() => undefined);
        questions.set(row.id, q);
        publish(room, q);
        return { id: row.id };
      }),

      defineIntent('qa.upvote', async (context, message) => {
        const q = await question(context, message.questionId);
        const key = voterKey(context.session);
        if (q.voters.has(key)) throw new AppError('ERR_ALREADY_VOTED');
        q.voters.add(key);
        q.row.upvotes += 1;
        await qa.setUpvotes(q.row.id, q.row.upvotes);
        publish(context.room, q);
        return { upvotes: q.row.upvotes };
      }),

      defineIntent('qa.answer', async (context, message) => {
        answererOnly(context);
        const q = await question(context, message.questionId);
        const answer = {
          text: messageText(message.text, maxAnswerLength),
          private: message.private,
          by: context.session.displayName,
          at: new Date().toISOString(),
        };
        await qa.setAnswer(q.row.id, answer);
        Object.assign(q.row, {
          status: 'answered',
          answer: answer.text,
          answer_private: answer.private ? 1 : 0,
          answered_by_name: answer.by,
          answered_at: answer.at,
        });
        publish(context.room, q);
      }),

      defineIntent('qa.mark', async (context, message) => {
        answererOnly(context);
        const q = await question(context, message.questionId);
        const status: QaStatus = message.status;
        await qa.setStatus(q.row.id, status);
        q.row.status = status;
        publish(context.room, q);
      }),
    ],

    open(room) {
      if (room.kind !== 'webinar') return;
      room.on('connected', (participantId) => {
        void stateOf(room)
          .questions.then((questions) => {
            const session = room.sessionOf(participantId);
            if (session) room.sendTo(participantId, { type: 'qa.list', enabled: true, questions: list(room, questions, session) });
          })
          .catch(() => undefined);
      });
    },
  };
}
