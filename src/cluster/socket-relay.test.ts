import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { relaySocket, type RelayLimits } from './socket-relay.js';

/**
 * The relay between a browser's socket and the room's owner instance: a stalled owner (a paused
 * process accepts TCP connections in its kernel backlog and never answers) or a peer that stops
 * reading must not hold the browser's socket or the relaying instance's memory without bound.
 */
describe('socket relay to the owner instance', () => {
  const servers: { close(): unknown }[] = [];
  after(() => {
    for (const server of servers) server.close();
  });

  /** A "stalled owner": it accepts TCP connections and never answers the WebSocket upgrade. */
  async function stalledOwner(): Promise<string> {
    const held: Socket[] = [];
    const server: Server = createServer((socket) => void held.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push({ close: () => (held.forEach((s) => s.destroy()), server.close()) });
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/rooms/socket`;
  }

  /** An owner that answers the upgrade and then never reads what arrives (its socket is paused). */
  async function deafOwner(): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    server.on('connection', (_socket, request) => request.socket.pause());
    servers.push({ close: () => (server.clients.forEach((c) => c.terminate()), server.close()) });
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/rooms/socket`;
  }

  /** The relaying instance: every browser socket is relayed to `target` with `limits`. */
  async function relayingInstance(target: string, limits: RelayLimits): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    server.on('connection', (socket) => relaySocket(socket, Buffer.from('{"type":"hello","id":1,"token":"t"}'), target, {}, limits));
    servers.push({ close: () => (server.clients.forEach((c) => c.terminate()), server.close()) });
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  const browser = async (url: string) => {
    const socket = new WebSocket(url);
    await once(socket, 'open');
    // Not closed within a generous while: undefined (the relay holds the socket).
    const closed = Promise.race([
      once(socket, 'close').then(([code]) => code as number),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 15_000).unref()),
    ]);
    return { socket, closed };
  };

  it('closes the browser’s socket (reconnect) when the owner never answers the upgrade', async () => {
    const url = await relayingInstance(await stalledOwner(), { handshakeTimeoutMs: 200, maxBufferedBytes: 1 << 20 });
    const { closed } = await browser(url);
    assert.equal(await closed, 1012, 'told to reconnect instead of waiting forever');
  });

  it('closes the browser’s socket when what it sends piles up unsent (owner not yet reached)', async () => {
    const url = await relayingInstance(await stalledOwner(), { handshakeTimeoutMs: 60_000, maxBufferedBytes: 64 * 1024 });
    const { socket, closed } = await browser(url);
    const chunk = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 16 && socket.readyState === WebSocket.OPEN; i++) socket.send(chunk);
    assert.equal(await closed, 1013, 'closed, not queued without bound');
  });

  it('closes the browser’s socket when the owner stops reading and frames pile up in the relay', async () => {
    const url = await relayingInstance(await deafOwner(), { handshakeTimeoutMs: 5_000, maxBufferedBytes: 256 * 1024 });
    const { socket, closed } = await browser(url);
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    // Enough to fill the kernel's socket buffers on both ends and then the relay's own.
    const sender = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN || sent >= 2000) return clearInterval(sender);
      for (let i = 0; i < 20; i++, sent++) socket.send(chunk);
    }, 5);
    const code = await closed;
    clearInterval(sender);
    assert.equal(code, 1013, `closed after ${sent} frames`);
  });
});
