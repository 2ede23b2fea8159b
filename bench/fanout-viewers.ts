import { parentPort } from 'node:worker_threads';
import { CountingViewer, type SessionDescription } from '../src/testing/werift-peers.js';

/**
 * A worker thread of bench:fanout and bench:meeting holding a share of the viewers: werift peers
 * that answer an offer (mountpoint or VideoRoom subscription) and count RTP by sequence number,
 * decoding nothing.
 */

export type ToViewers =
  { type: 'offer'; id: number; offer: SessionDescription; label?: string } | { type: 'count'; id: number } | { type: 'close'; id: number };
/** Packets of one viewer, audio and video together and video alone. */
export interface ViewerCounts {
  label: string;
  received: number;
  expected: number;
  videoReceived: number;
  videoExpected: number;
  /** The UDP ports of the pair ICE chose: the viewer's own socket and the Janus socket it talks to (0 before ICE). */
  localPort: number;
  remotePort: number;
}
export type FromViewers =
  | { type: 'answer'; id: number; answer?: SessionDescription; error?: string }
  | { type: 'counts'; id: number; viewers: ViewerCounts[] }
  | { type: 'closed'; id: number };

const viewers: { viewer: CountingViewer; label: string }[] = [];
/**
 * Receive buffer of each viewer's socket, bytes (FANOUT_VIEWER_RCVBUF; the kernel caps it at
 * net.core.rmem_max): a viewer thread that falls behind on a busy machine should not be what
 * loses the packets. 0 keeps the system default (net.core.rmem_default).
 */
const receiveBuffer = Number(process.env.FANOUT_VIEWER_RCVBUF ?? 2 ** 20);
const enlarged = new WeakSet<object>();

/** The socket of the pair ICE chose gets the larger receive buffer, once. */
function enlargeReceiveBuffer(viewer: CountingViewer): void {
  const pair = viewer.pc.iceTransports[0]?.connection.nominated;
  const socket = (pair?.protocol as { transport?: { socket?: { setRecvBufferSize(size: number): void } } } | undefined)?.transport?.socket;
  if (!socket || receiveBuffer <= 0 || enlarged.has(socket)) return;
  socket.setRecvBufferSize(receiveBuffer);
  enlarged.add(socket);
}
/** A labelled viewer answers every later offer for its label on the same connection (renegotiation). */
const byLabel = new Map<string, CountingViewer>();
const port = parentPort!;

port.on('message', (message: ToViewers) => {
  void handle(message).catch((error: unknown) =>
    port.postMessage({ type: 'answer', id: message.id, error: String(error) } satisfies FromViewers),
  );
});

async function handle(message: ToViewers): Promise<void> {
  if (message.type === 'offer') {
    let viewer = message.label ? byLabel.get(message.label) : undefined;
    if (!viewer) {
      viewer = new CountingViewer({ headersOnly: true });
      viewers.push({ viewer, label: message.label ?? '' });
      if (message.label) byLabel.set(message.label, viewer);
    }
    port.postMessage({ type: 'answer', id: message.id, answer: await viewer.answer(message.offer) } satisfies FromViewers);
  } else if (message.type === 'count') {
    for (const { viewer } of viewers) enlargeReceiveBuffer(viewer);
    const counts = viewers.map(({ viewer: v, label }) => ({
      label,
      localPort: v.pc.iceTransports[0]?.connection.nominated?.localCandidate.port ?? 0,
      remotePort: v.pc.iceTransports[0]?.connection.nominated?.remoteCandidate.port ?? 0,
      received: v.video.received + v.audio.received,
      expected: v.video.expected + v.audio.expected,
      videoReceived: v.video.received,
      videoExpected: v.video.expected,
    }));
    port.postMessage({ type: 'counts', id: message.id, viewers: counts } satisfies FromViewers);
  } else {
    await Promise.allSettled(viewers.map(({ viewer }) => viewer.close()));
    port.postMessage({ type: 'closed', id: message.id } satisfies FromViewers);
  }
}
