import { z } from 'zod';
import { chatIntents, chatPushes } from './chat.js';
import { intentId } from './contract.js';
import { inviteIntents } from './invite.js';
import { moderationIntents, moderationPushes } from './moderation.js';
import { pollIntents, pollPushes } from './polls.js';
import { qaIntents, qaPushes } from './qa.js';
import { recordingIntents, recordingPushes } from './recording.js';
import { errorMessage, resultMessage, roomIntents, roomPushes } from './room.js';
import { webinarIntents, webinarPushes } from './webinar.js';

/**
 * The room's WebSocket contract, one place for the server (src/rooms/signaling.ts, the room
 * features' `defineIntent`) and the browser (web/src/features/room/signaling.ts, `RoomClient`):
 * every intent with its payload and its reply, every push the server sends.
 *
 * A new intent or push is added to its feature's file here; the server's handler must then
 * return the declared reply, and the browser's `request`/`listen` are typed from it.
 */

/** Every intent by type; a type declared by two features fails the protocol test. */
export const intents = {
  ...roomIntents,
  ...moderationIntents,
  ...webinarIntents,
  ...inviteIntents,
  ...chatIntents,
  ...qaIntents,
  ...pollIntents,
  ...recordingIntents,
};

/** The features' intent tables, as declared (for the test that no type is declared twice). */
export const intentTables = [
  roomIntents,
  moderationIntents,
  webinarIntents,
  inviteIntents,
  chatIntents,
  qaIntents,
  pollIntents,
  recordingIntents,
] as const;

export type Intents = typeof intents;
export type IntentType = keyof Intents;
/** The intents of the room itself (src/rooms/signaling.ts); every other one belongs to a room feature. */
export type CoreIntentType = keyof typeof roomIntents;
export type FeatureIntentType = Exclude<IntentType, CoreIntentType>;

type PayloadObject<K extends IntentType> = z.ZodObject<Intents[K]['payload'], z.core.$strict>;
/** What the browser sends with an intent, beside its type and id. */
export type IntentPayload<K extends IntentType> = z.input<PayloadObject<K>>;
/** An intent as the server receives it, validated. */
export type IntentMessage<K extends IntentType> = z.output<PayloadObject<K>> & { type: K; id: number };
/** What an intent's result carries. */
export type IntentReply<K extends IntentType> = z.output<Intents[K]['reply']>;

/**
 * The schema of one intent's message: a strict object, so unknown fields are refused. Built from
 * the table at run time; TypeScript cannot follow a spread of `intents[K]` for a generic K, so the
 * one cast of the contract is here.
 */
export function intentSchema<K extends IntentType>(type: K): z.ZodType<IntentMessage<K>> {
  return z.strictObject({ type: z.literal(type), id: intentId, ...intents[type].payload }) as unknown as z.ZodType<IntentMessage<K>>;
}

/** The schema of an intent's reply, for who reads a result (the browser, the tests). Cast for the same reason as above. */
export function replySchema<K extends IntentType>(type: K): z.ZodType<IntentReply<K>> {
  return intents[type].reply as unknown as z.ZodType<IntentReply<K>>;
}

/** Whether a push is one of those whose type starts with `prefix` (as `RoomClient.listen` hands them on). */
export const hasPrefix = <Prefix extends string>(push: ServerPush, prefix: Prefix): push is PushesOf<Prefix> =>
  push.type.startsWith(prefix);

/** Whether a string names an intent of the contract. */
export const isIntentType = (type: unknown): type is IntentType => typeof type === 'string' && Object.hasOwn(intents, type);

/** The arguments after an intent's type: its payload, which may be left out when every field is optional. */
export type PayloadArgs<K extends IntentType> =
  Record<never, never> extends IntentPayload<K> ? [payload?: IntentPayload<K>] : [payload: IntentPayload<K>];

const room = roomIntents;
const coreIntent = { id: intentId };
/** The room's own intents, one schema (src/rooms/signaling.ts validates every message that is not a feature's with it). */
export const clientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), ...coreIntent, ...room.hello.payload }),
  z.strictObject({ type: z.literal('audio.join'), ...coreIntent, ...room['audio.join'].payload }),
  z.strictObject({ type: z.literal('audio.mute'), ...coreIntent, ...room['audio.mute'].payload }),
  z.strictObject({ type: z.literal('publish'), ...coreIntent, ...room.publish.payload }),
  z.strictObject({ type: z.literal('unpublish'), ...coreIntent, ...room.unpublish.payload }),
  z.strictObject({ type: z.literal('video.show'), ...coreIntent, ...room['video.show'].payload }),
  z.strictObject({ type: z.literal('video.answer'), ...coreIntent, ...room['video.answer'].payload }),
  z.strictObject({ type: z.literal('trickle'), ...coreIntent, ...room.trickle.payload }),
  z.strictObject({ type: z.literal('ice.servers'), ...coreIntent, ...room['ice.servers'].payload }),
  z.strictObject({ type: z.literal('leave'), ...coreIntent, ...room.leave.payload }),
  z.strictObject({ type: z.literal('end'), ...coreIntent, ...room.end.payload }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** The intent types of the room itself. */
export const coreIntentTypes: ReadonlySet<string> = new Set(Object.keys(roomIntents));

/** Everything the server pushes on its own (no id); zod refuses a type named twice. */
export const serverPush = z.discriminatedUnion('type', [
  ...roomPushes,
  ...moderationPushes,
  ...webinarPushes,
  ...chatPushes,
  ...qaPushes,
  ...pollPushes,
  ...recordingPushes,
]);
export type ServerPush = z.infer<typeof serverPush>;
export type PushType = ServerPush['type'];
/** The pushes whose type starts with `prefix` (e.g. `chat.`). */
export type PushesOf<Prefix extends string> = Extract<ServerPush, { type: `${Prefix}${string}` }>;

/** Every message the server sends: answers to intents and pushes. */
export const serverMessage = z.discriminatedUnion('type', [resultMessage, errorMessage, serverPush]);
export type ServerMessage = z.infer<typeof serverMessage>;
export type Answer = z.infer<typeof resultMessage> | z.infer<typeof errorMessage>;

export * from './chat.js';
export * from './contract.js';
export * from './invite.js';
export * from './moderation.js';
export * from './polls.js';
export * from './qa.js';
export * from './recording.js';
export * from './room.js';
export * from './webinar.js';
