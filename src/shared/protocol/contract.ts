import { z } from 'zod';

/**
 * The building blocks of the room's WebSocket contract. An intent is a message the browser
 * sends (`{ type, id, ...payload }`); its answer is `{ type: 'result', id, data }` with the
 * intent's reply, or `{ type: 'error', id, code, message }`. A push is a message the server
 * sends on its own, without an id.
 *
 * This folder is compiled by the server and by the browser (web/tsconfig.json): it may import
 * zod and nothing else (no node: modules, no server code).
 */

export const intentId = z.number().int().min(0);

/** One intent: the fields it carries beside `type` and `id`, and what its result carries. */
export interface IntentContract<Payload extends z.ZodRawShape = z.ZodRawShape, Reply extends z.ZodType = z.ZodType> {
  payload: Payload;
  reply: Reply;
}

export const intent = <Payload extends z.ZodRawShape, Reply extends z.ZodType>(payload: Payload, reply: Reply) =>
  ({ payload, reply }) satisfies IntentContract<Payload, Reply>;

/** The result of an intent that answers nothing but success. */
export const noReply = z.void();

/** A push: an object with a literal `type`. Unknown fields are stripped where the browser reads it. */
export const push = <Type extends string, Shape extends z.ZodRawShape>(type: Type, shape: Shape) =>
  z.object({ type: z.literal(type), ...shape });

/** An SDP offer or answer, as the browser sends it. */
export const sdp = <Type extends 'offer' | 'answer'>(type: Type) =>
  z.strictObject({ type: z.literal(type), sdp: z.string().min(1).max(100_000) });

/** An SDP offer or answer as Janus produced it and the server passes it on. */
export const jsep = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string() });

/** One ICE candidate, or null for the end of candidates. */
export const candidate = z
  .strictObject({
    candidate: z.string().max(2_000),
    sdpMid: z.string().max(100).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(100).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .nullable();

/** A participant's id in a live room, as intents name others. */
export const participantId = z.string().min(1).max(64);

/** ISO-8601 time. */
export const isoTime = z.string();
