import WebSocket from 'ws';

/** Close codes a peer may not send itself (1005, 1006, 1015): the client is told to reconnect instead. */
const reserved = new Set([1005, 1006, 1015]);

/**
 * Carries one browser's room WebSocket to the instance that owns the room (cluster mode): the
 * `hello` already received goes first, then every message both ways, unchanged; either side
 * closing closes the other. The owner checks everything as for any browser (Origin, the join
 * session in the hello, limits): the relaying instance is trusted with nothing, it only passes
 * frames. `headers` carry the Origin and the client's address (X-Forwarded-For).
 */
export function relaySocket(client: WebSocket, hello: Buffer, target: string, headers: Record<string, string>): void {
  // The owner's pushes may be large (a webinar's lists); it is one of ours, so a generous limit.
  const upstream = new WebSocket(target, { headers, maxPayload: 64 * 1024 * 1024 });
  const queued: { data: WebSocket.RawData; binary: boolean }[] = [{ data: hello, binary: false }];
  client.on('message', (data, binary) => {
    if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
    else queued.push({ data, binary });
  });
  upstream.on('open', () => {
    for (const { data, binary } of queued.splice(0)) upstream.send(data, { binary });
  });
  upstream.on('message', (data, binary) => {
    if (client.readyState === WebSocket.OPEN) client.send(data, { binary });
  });
  upstream.on('close', (code, reason) => {
    if (client.readyState === WebSocket.OPEN) client.close(reserved.has(code) ? 1012 : code, reason.toString());
  });
  upstream.on('error', () => {
    if (client.readyState === WebSocket.OPEN) client.close(1012, 'the meeting’s server is not reachable');
  });
  client.on('close', () => upstream.close());
}
