import { broadcastMids, type IntentReply, type IntentType, type PayloadArgs } from '@shared/protocol/index.js';
import { candidateOf } from './signaling';

/** Sends one intent to the room and resolves with its result. */
type RoomRequest = <K extends IntentType>(type: K, ...payload: PayloadArgs<K>) => Promise<IntentReply<K>>;

/** What the broadcast brings: the sound with the main picture, and the inset picture (a camera beside a screen share). */
export interface BroadcastStreams {
  main: MediaStream;
  inset: MediaStream;
}

/**
 * A webinar attendee watches the broadcast: one receive-only connection to Janus' Streaming
 * plugin, negotiated through the app (webinar.watch → Janus' offer → our answer → webinar.start).
 * `onStreams` gets the sound and the pictures as they arrive, told apart by their mids; the
 * caller closes the connection.
 */
export async function watchBroadcast(
  request: RoomRequest,
  onStreams: (streams: BroadcastStreams) => void,
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
    const main: MediaStreamTrack[] = [];
    const inset: MediaStreamTrack[] = [];
    pc.addEventListener('track', (event) => {
      (event.transceiver.mid === broadcastMids.inset ? inset : main).push(event.track);
      onStreams({ main: new MediaStream(main), inset: new MediaStream(inset) });
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
