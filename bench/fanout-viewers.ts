import { parentPort } from 'node:worker_threads';
import { CountingViewer, type SessionDescription } from '../src/testing/werift-peers.js';

/**
 * A worker thread of bench:fanout holding a share of the viewers: werift peers that answer
 * the mountpoint's offer and count RTP by sequence number, decoding nothing.
 */

export type ToViewers = { type: 'offer'; id: number; offer: SessionDescription } | { type: 'count'; id: number } | { type: 'close'; id: number };
export type FromViewers =
  | { type: 'answer'; id: number; answer?: SessionDescription; error?: string }
  | { type: 'counts'; id: number; viewers: { received: number; expected: number }[] }
  | { type: 'closed'; id: number };

const viewers: CountingViewer[] = [];
const port = parentPort!;

port.on('message', (message: ToViewers) => {
  void handle(message).catch((error: unknown) => port.postMessage({ type: 'answer', id: message.id, error: String(error) } satisfies FromViewers));
});

async function handle(message: ToViewers): Promise<void> {
  if (message.type === 'offer') {
    const viewer = new CountingViewer({ headersOnly: true });
    viewers.push(viewer);
    port.postMessage({ type: 'answer', id: message.id, answer: await viewer.answer(message.offer) } satisfies FromViewers);
  } else if (message.type === 'count') {
    const counts = viewers.map((v) => ({ received: v.video.received + v.audio.received, expected: v.video.expected + v.audio.expected }));
    port.postMessage({ type: 'counts', id: message.id, viewers: counts } satisfies FromViewers);
  } else {
    await Promise.allSettled(viewers.map((v) => v.close()));
    port.postMessage({ type: 'closed', id: message.id } satisfies FromViewers);
  }
}
