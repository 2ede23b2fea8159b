import type { z } from 'zod';
import { intentSchema, type FeatureIntentType, type IntentMessage, type IntentReply } from '../shared/protocol/index.js';
import type { RoomTable } from '../store/schema.js';
import type { JoinSession } from './join-sessions.js';
import type { LiveRoom, Peer } from './live-room.js';

/**
 * Room features (chat, Q&A, recording consent, …) live in their own domains and plug into the
 * room's WebSocket here: each declares the intents it handles, validated by the schema the shared contract declares, and
 * may watch every live room through `open`. Who sends an intent comes from the join session on
 * the server (`IntentContext`), never from the message.
 *
 * A push that names participants passes them through the room's lens first: `room.seenBy` for
 * people in the room (as the participant list shows them), `nameFor` (src/rooms/pseudonyms.ts)
 * for authors of what was written. A webinar attendee never learns another attendee's name.
 */

/** The sender of an intent, as the server knows them. */
export interface IntentContext {
  room: LiveRoom;
  session: JoinSession;
  participantId: string;
  peer: Peer;
}

export interface FeatureIntent {
  type: string;
  schema: z.ZodType<{ type: string; id: number }>;
  /** The result is sent back as the intent's `result` data; an AppError as its `error`. */
  handle(context: IntentContext, message: { type: string; id: number }): Promise<unknown>;
}

export interface RoomFeature {
  /** Intents by message type, named `<feature>.<verb>` (e.g. `chat.send`). */
  readonly intents: readonly FeatureIntent[];
  /**
   * Called once for each live room as it opens (`row`: the room as stored then); subscribe to its
   * events here. State a feature keeps per room is keyed by the LiveRoom, so it goes with the room.
   */
  open?(room: LiveRoom, row: RoomTable): void;
}

/**
 * One intent of a feature: its fields and its reply come from the shared contract
 * (src/shared/protocol/), so the handler receives exactly the validated message and must
 * return what the browser is told it gets.
 */
export function defineIntent<K extends FeatureIntentType>(
  type: K,
  handle: (context: IntentContext, message: IntentMessage<K>) => Promise<IntentReply<K>>,
): FeatureIntent {
  // The schema parses into IntentMessage<K>; the table of all intents holds them by their common shape.
  return { type, schema: intentSchema(type), handle: handle as FeatureIntent['handle'] };
}

/** All features' intents by type; two features claiming one type is a programming error. */
export function intentsByType(features: readonly RoomFeature[], reserved: ReadonlySet<string>): ReadonlyMap<string, FeatureIntent> {
  const byType = new Map<string, FeatureIntent>();
  for (const feature of features) {
    for (const intent of feature.intents) {
      if (reserved.has(intent.type) || byType.has(intent.type)) throw new Error(`room intent ${intent.type} is declared twice`);
      byType.set(intent.type, intent);
    }
  }
  return byType;
}
