import { AppError } from '../errors.js';
import { clientMessage, type ClientMessage, type ServerMessage } from '../shared/protocol/index.js';
import type { JoinSession } from './join-sessions.js';
import type { LiveRoom, Peer } from './live-room.js';
import type { RoomsService } from './service.js';

/** Someone in a live room, as the server knows them: the room and their join session. */
export interface Joined {
  room: LiveRoom;
  session: JoinSession;
}

/** An intent that passed its schema (the room's own, or its feature's). */
export type ValidIntent = { type: string; id: number };

/**
 * Checks one message of a browser against the shared contract: the intent, validated by its
 * schema, or the error to answer (with the message's id when it had one). The same check runs
 * where the browser's socket is and, for an intent another instance relays, on the room's owner.
 */
export function validateIntent(rooms: RoomsService, parsed: unknown): { intent: ValidIntent } | { error: AppError; id?: number } {
  const type = (parsed as { type?: unknown } | null)?.type;
  const feature = typeof type === 'string' ? rooms.featureIntents.get(type) : undefined;
  const result = (feature?.schema ?? clientMessage).safeParse(parsed);
  if (result.success) return { intent: result.data };
  const id = (parsed as { id?: unknown } | null)?.id;
  return { error: new AppError('ERR_VALIDATION'), ...(typeof id === 'number' && { id }) };
}

/**
 * Carries out one validated intent of someone in a room, whatever carried it (their socket on
 * this instance, or another instance's relay): the owner check, moderation, then the room or
 * the feature. `left` runs when the intent was `leave` and the person is out of the room.
 */
export async function carryOut(rooms: RoomsService, joined: Joined, peer: Peer, intent: ValidIntent, left: () => void): Promise<unknown> {
  if (intent.type === 'hello') throw new AppError('ERR_VALIDATION');
  const { room, session } = joined;
  room.shared?.assertOwner();
  rooms.moderation.check(room, session, intent);
  const feature = rooms.featureIntents.get(intent.type);
  if (feature) return feature.handle({ room, session, participantId: session.participantId, peer }, intent);
  const message = intent as Exclude<ClientMessage, { type: 'hello' }>;
  const me = session.participantId;
  switch (message.type) {
    case 'audio.join':
      return { answer: await room.joinAudio(me, message.offer, message.muted) };
    case 'audio.mute':
      return room.setMuted(me, message.muted);
    case 'publish':
      return { answer: await room.publish(me, message.kind, message.offer) };
    case 'unpublish':
      return room.unpublish(me, message.kind);
    case 'video.show':
      return room.showVideos(me, message.videos);
    case 'video.answer':
      return room.answerVideos(me, message.answer);
    case 'trickle':
      return room.trickle(me, message.pc, message.candidate);
    case 'ice.servers':
      return room.iceServers();
    case 'leave':
      left();
      await rooms.depart(room, session, peer, 'left');
      peer.close(1000, 'left');
      return undefined;
    case 'end':
      return rooms.endFromRoom(session);
  }
}

/**
 * A room broadcast hands the same message object to every peer: encode it once, not once per
 * socket (with 1,000 attendees the per-socket JSON and UTF-8 encoding dominated the chat's cost).
 */
const encoded = new WeakMap<object, Buffer>();
export function encodeMessage(message: ServerMessage): Buffer {
  let frame = encoded.get(message);
  if (!frame) {
    frame = Buffer.from(JSON.stringify(message));
    encoded.set(message, frame);
  }
  return frame;
}
