import WebSocket from 'ws';

/** Close codes a peer may not send itself (1005, 1006, 1015): the client is told to reconnect instead. */
const reserved = new Set([1005, 1006, 1015]);

export interface RelayLimits {
  /** How long the owner may take to answer the upgrade (a paused process accepts TCP and never answers). */
  handshakeTimeoutMs: number;
  /** The most either direction may hold unsent (queued before the owner answered, or in a socket's buffer). */
  maxBufferedBytes: number;
}

/** Twice the owner's limits: a browser's largest message (128 KiB) and a webinar's lists fit many times over. */
export const relayLimits: RelayLimits = { handshakeTimeoutMs: 5_000, maxBufferedBytes: 16 * 1024 * 1024 };

const sizeOf = (data: WebSocket.RawData) =>
  Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;

/**
 * Carries one browser's room WebSocket to the instance that owns the room (cluster mode): the
 * `hello` already received goes first, then every message both ways, unchanged; either side
 * closing closes the other. The owner checks everything as for any browser (Origin, the join
 * session in the hello, limits): the relaying instance is trusted with nothing, it only passes
 * frames. `headers` carry the Origin and the client's address (X-Forwarded-For). An owner that
 * does not answer in time, or a side that stops reading while the other keeps sending, closes
 * both (the browser reconnects): the relay holds at most `maxBufferedBytes` each way.
 */
export function relaySocket(
  client: WebSocket,
  hello: Buffer,
  target: string,
  headers: Record<string, string>,
  limits: RelayLimits = relayLimits,
): void {
  // The owner's pushes may be large (a webinar's lists); it is one of ours, so a generous limit.
  const upstream = new WebSocket(target, { headers, maxPayload: 64 * 1024 * 1024, handshakeTimeout: limits.handshakeTimeoutMs });
  const queued: { data: WebSocket.RawData; binary: boolean }[] = [{ data: hello, binary: false }];
  let queuedBytes = hello.length;
  const overflow = () => {
    if (client.readyState === WebSocket.OPEN) client.close(1013, 'the meeting’s server is busy');
    upstream.terminate();
  };
  client.on('message', (data, binary) => {
    if (upstream.readyState === WebSocket.OPEN) {
      if (upstream.bufferedAmount > limits.maxBufferedBytes) return overflow();
      upstream.send(data, { binary });
    } else if (upstream.readyState === WebSocket.CONNECTING) {
      queuedBytes += sizeOf(data);
      if (queuedBytes > limits.maxBufferedBytes) return overflow();
      queued.push({ data, binary });
    }
  });
  upstream.on('open', () => {
    for (const { data, binary } of queued.splice(0)) upstream.send(data, { binary });
  });
  upstream.on('message', (data, binary) => {
    if (client.readyState !== WebSocket.OPEN) return;
    if (client.bufferedAmount > limits.maxBufferedBytes) return overflow();
    client.send(data, { binary });
  });
  upstream.on('close', (code, reason) => {
    if (client.readyState === WebSocket.OPEN) client.close(reserved.has(code) ? 1012 : code, reason.toString());
  });
  upstream.on('error', () => {
    if (client.readyState === WebSocket.OPEN) client.close(1012, 'the meeting’s server is not reachable');
  });
  client.on('close', () => upstream.close());
}
