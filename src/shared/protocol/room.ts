import { z } from 'zod';
import { candidate, intent, jsep, noReply, participantId, push, sdp } from './contract.js';

/** The room itself: entering, the meeting media, leaving and ending (src/rooms/signaling.ts). */

export const publishKind = z.enum(['camera', 'screen']);
export type PublishKind = z.infer<typeof publishKind>;

/** The browser's peer connections, as `trickle` names them. */
export const peerConnection = z.enum(['audio', 'camera', 'screen', 'videos']);
export type PeerConnectionLabel = z.infer<typeof peerConnection>;

/** More than a stage ever shows at once (a page of 9, the speaker, screen shares), so Janus is never asked for all of a large room. */
export const maxShownVideos = 16;

/** The roles a join session holds; in a webinar the list also names panelists and attendees. */
export const roomRole = z.enum(['host', 'cohost', 'participant']);
export const participantRole = z.enum(['host', 'cohost', 'participant', 'panelist', 'attendee']);
export type ParticipantRole = z.infer<typeof participantRole>;

/** A participant as the list shows them (src/rooms/live-room.ts). */
export const participantView = z.object({
  id: z.string(),
  displayName: z.string(),
  role: participantRole,
  muted: z.boolean(),
  /** An opaque id of the current camera publication (a new one after each re-publish), or null. */
  camera: z.string().nullable(),
  screen: z.string().nullable(),
  talking: z.boolean(),
  connected: z.boolean(),
  /** Present for phone callers (their displayName is the masked number). */
  phone: z.literal(true).optional(),
});
export type ParticipantView = z.infer<typeof participantView>;

/** One video the server sends on the videos connection: its m-line and whose it is. */
export const shownVideo = z.object({ mid: z.string(), participantId: z.string(), kind: publishKind });

/**
 * The TURN relay for this connection's peer connections (src/media/turn-credentials.ts): a
 * credential of its own, valid for minutes; empty `iceServers` when no relay is configured.
 */
export const iceConfig = z.object({
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string(), credential: z.string() })),
  expiresAt: z.string(),
});
export type IceConfig = z.infer<typeof iceConfig>;

export const roomIntents = {
  /** The first message on a socket: the join session. Into the room, or `{ waiting: true }` into its lobby. */
  hello: intent({ token: z.string().min(1).max(200) }, z.object({ waiting: z.literal(true) }).optional()),
  'audio.join': intent({ offer: sdp('offer'), muted: z.boolean() }, z.object({ answer: jsep })),
  'audio.mute': intent({ muted: z.boolean() }, noReply),
  publish: intent({ kind: publishKind, offer: sdp('offer') }, z.object({ answer: jsep })),
  unpublish: intent({ kind: publishKind }, noReply),
  /** The others' videos the browser's stage shows now; it receives these and no others. */
  'video.show': intent(
    { videos: z.array(z.strictObject({ participantId, kind: publishKind })).max(maxShownVideos) },
    z.object({ offer: jsep.optional(), videos: z.array(shownVideo) }),
  ),
  'video.answer': intent({ answer: sdp('answer') }, noReply),
  trickle: intent({ pc: peerConnection, candidate }, noReply),
  /** A fresh TURN credential, before the welcome's expires (peer connections made later need one). */
  'ice.servers': intent({}, iceConfig),
  leave: intent({}, noReply),
  end: intent({}, noReply),
};

const participantList = { participants: z.array(participantView), attendees: z.number().int().optional() };

/**
 * What changed in the list since the last push (src/rooms/live-room.ts): after one
 * snapshot (`welcome`, or `participants` when what the recipient may see changed) the server sends
 * only these. `joined` and `changed` replace a participant by id, `left` removes one; `attendees`
 * is a webinar's new count. Applying one twice changes nothing.
 */
const participantsDelta = push('participants.delta', {
  joined: z.array(participantView).optional(),
  changed: z.array(participantView).optional(),
  left: z.array(z.string()).optional(),
  attendees: z.number().int().optional(),
});
export type ParticipantsDelta = z.infer<typeof participantsDelta>;

/** The list after a delta: what a fresh snapshot would show (the browser and the tests read the list through this). */
export function applyParticipants(list: readonly ParticipantView[], delta: ParticipantsDelta): ParticipantView[] {
  const left = new Set(delta.left);
  const replaced = new Map([...(delta.joined ?? []), ...(delta.changed ?? [])].map((p) => [p.id, p]));
  // In place, so the list keeps its order; newcomers at the end, as the server lists them.
  const kept = list.filter((p) => !left.has(p.id)).map((p) => replaced.get(p.id) ?? p);
  const present = new Set(kept.map((p) => p.id));
  return [...kept, ...[...replaced.values()].filter((p) => !present.has(p.id))];
}

export const roomPushes = [
  push('welcome', { self: participantView, title: z.string(), ...participantList, ice: iceConfig }),
  /** A fresh snapshot of the list: replaces it (see `participants.delta` for the updates between). */
  push('participants', participantList),
  participantsDelta,
  push('talking', { participantId: z.string(), talking: z.boolean() }),
  /** Janus came back after dying: set the media up again. */
  push('media.reset', {}),
  push('ended', {}),
] as const;

/** Answers to intents. */
export const resultMessage = z.object({ type: z.literal('result'), id: z.number(), data: z.unknown().optional() });
export const errorMessage = z.object({ type: z.literal('error'), id: z.number().optional(), code: z.string(), message: z.string() });
