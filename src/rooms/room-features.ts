import { z } from 'zod';
import type { JoinSession } from './join-sessions.js';
import type { LiveRoom, Peer } from './live-room.js';

/**
 * Room features (chat, Q&A, recording consent, …) live in their own domains and plug into the
 * room's WebSocket here: each declares the intents it handles, validated by its own schema, and
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

export interface FeatureIntent<M extends { type: string; id: number } = { type: string; id: number }> {
  type: string;
  schema: z.ZodType<M>;
  /** The result is sent back as the intent's `result` data; an AppError as its `error`. */
  handle(context: IntentContext, message: M): Promise<unknown>;
}

export interface RoomFeature {
  /** Intents by message type, named `<feature>.<verb>` (e.g. `chat.send`). */
  readonly intents: readonly FeatureIntent[];
  /** Called once for each live room as it opens; subscribe to its events here. */
  open?(room: LiveRoom): void;
}

const intentId = z.number().int().min(0);

/**
 * One intent: its type, its fields (a strict object: unknown fields are refused) and its handler.
 * Typed so the handler receives exactly the validated message.
 */
export function defineIntent<T extends string, Shape extends z.ZodRawShape>(
  type: T,
  shape: Shape,
  handle: (context: IntentContext, message: z.infer<z.ZodObject<Shape>> & { type: T; id: number }) => Promise<unknown>,
): FeatureIntent {
  const schema = z.strictObject({ type: z.literal(type), id: intentId, ...shape }) as unknown as z.ZodType<{ type: T; id: number }>;
  return { type, schema, handle: handle as FeatureIntent['handle'] };
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
