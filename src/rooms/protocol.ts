import { z } from 'zod';
import type { ParticipantView } from './live-room.js';

/**
 * The room's WebSocket protocol. The browser sends intents, each with an `id` that the
 * answer (`result` or `error`) repeats; the server pushes room state without an id.
 * Every message is validated; unknown fields or types close nothing but are answered with an error.
 */

/** An SDP offer or answer, as the browser sends it (also used by room features). */
export const sdp = (type: 'offer' | 'answer') => z.strictObject({ type: z.literal(type), sdp: z.string().min(1).max(100_000) });
const publishKind = z.enum(['camera', 'screen']);
const peerConnection = z.union([z.literal('audio'), publishKind, z.literal('videos')]);
/** More than a stage ever shows at once (a page of 9, the speaker, screen shares), so Janus is never asked for all of a large room. */
export const maxShownVideos = 16;
/** One ICE candidate, or null for the end of candidates. */
export const candidate = z
  .strictObject({
    candidate: z.string().max(2_000),
    sdpMid: z.string().max(100).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(100).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .nullable();
const id = z.number().int().min(0);

export const clientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), id, token: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('audio.join'), id, offer: sdp('offer'), muted: z.boolean() }),
  z.strictObject({ type: z.literal('audio.mute'), id, muted: z.boolean() }),
  z.strictObject({ type: z.literal('publish'), id, kind: publishKind, offer: sdp('offer') }),
  z.strictObject({ type: z.literal('unpublish'), id, kind: publishKind }),
  /** The others' videos the browser's stage shows now; it receives these and no others. */
  z.strictObject({
    type: z.literal('video.show'),
    id,
    videos: z.array(z.strictObject({ participantId: z.string().min(1).max(64), kind: publishKind })).max(maxShownVideos),
  }),
  z.strictObject({ type: z.literal('video.answer'), id, answer: sdp('answer') }),
  z.strictObject({ type: z.literal('trickle'), id, pc: peerConnection, candidate }),
  z.strictObject({ type: z.literal('leave'), id }),
  z.strictObject({ type: z.literal('end'), id }),
]);

export type ClientMessage = z.infer<typeof clientMessage>;

/** The intent types of the room itself; features (src/rooms/room-features.ts) add their own. */
export const coreIntentTypes: ReadonlySet<string> = new Set(clientMessage.options.map((option) => option.shape.type.value));

/** A push of a room feature, named `<feature>.<event>` (e.g. `chat.message`). */
export type RoomPush = { type: `${string}.${string}` } & Record<string, unknown>;

export type ServerMessage =
  | { type: 'result'; id: number; data?: unknown }
  | { type: 'error'; id?: number; code: string; message: string }
  | { type: 'welcome'; self: ParticipantView; title: string; participants: ParticipantView[]; attendees?: number }
  | { type: 'participants'; participants: ParticipantView[]; attendees?: number }
  | { type: 'talking'; participantId: string; talking: boolean }
  | { type: 'media.reset' }
  | { type: 'ended' };
