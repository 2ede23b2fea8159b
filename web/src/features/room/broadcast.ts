import type { IntentReply, IntentType, PayloadArgs } from '@shared/protocol/index.js';
import { candidateOf } from './signaling';

/** Sends one intent to the room and resolves with its result. */
type RoomRequest = <K extends IntentType>(type: K, ...payload: PayloadArgs<K>) => Promise<IntentReply<K>>;

/**
 * A webinar attendee watches the broadcast: one receive-only connection to Janus' Streaming
 * plugin, negotiated through the app (webinar.watch → Janus' offer → our answer → webinar.start).
 * `onStream` gets the sound and the video as they arrive; the caller closes the connection.
 */
export async function watchBroadcast(
  request: RoomRequest,
  onStream: (stream: MediaStream) => void,
  configuration: RTCConfiguration,
  /** Called with the connection before it connects (the join's watch). */
  onCreated: (pc: RTCPeerConnection) => void = () => undefined,
): Promise<RTCPeerConnection> {
  const { offer } = await request('webinar.watch');
  const pc = new RTCPeerConnection(configuration);
  onCreated(pc);
  try {
    pc.addEventListener('icecandidate', (event) => {
      void request('webinar.trickle', { candidate: candidateOf(event.candidate) }).catch(() => undefined);
    });
    const tracks: MediaStreamTrack[] = [];
    pc.addEventListener('track', (event) => {
      tracks.push(event.track);
      onStream(new MediaStream(tracks));
    });
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await request('webinar.start', { answer: { type: 'answer', sdp: answer.sdp ?? '' } });
    return pc;
  } catch (error) {
    pc.close();
    throw error;
  }
}
