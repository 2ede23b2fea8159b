import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { selfSignedCertificate } from '../testing/certificate.js';
import { allocate, TurnSession } from '../testing/turn-client.js';
import { turnCredential } from './turn-credentials.js';
import { embeddedTurnRelay, type EmbeddedTurn, type TurnRelay } from './turn-relay.js';

/**
 * The embedded coturn, tried with a real TURN client (below, on werift's STUN messages): it relays with a credential the
 * app issued, only to Janus' media address, and refuses every other peer, expired credentials,
 * made-up ones, and TCP relays.
 */

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the embedded TURN relay (coturn)', () => {
  let dataDir: string;
  let relay: TurnRelay;
  let turn: EmbeddedTurn;
  let secret: string;
  let janus: Socket;
  let janusPort: number;
  const received: { data: string; from: string }[] = [];

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-turn-'));
    const address = loadConfig({}).janus.ice.interfaces;
    const config = loadConfig({
      DATA_DIR: dataDir,
      TURN_MODE: 'embedded',
      TURN_PORT: String(await freePort(address)),
      TURN_RELAY_PORT_RANGE: '45100-45199',
      TURN_SECRET: 'a-test-secret-that-is-long-enough-for-coturn',
    });
    turn = config.turn as EmbeddedTurn;
    secret = turn.secret!;
    // Stands in for Janus: a UDP socket on the media address, the only peer the relay may reach.
    janus = createSocket('udp4');
    janus.on('message', (message, from) => received.push({ data: message.toString(), from: from.address }));
    await new Promise<void>((resolve) => janus.bind(0, address, resolve));
    janusPort = janus.address().port;
    relay = embeddedTurnRelay(turn, dataDir, pino({ level: 'silent' }));
    await relay.start();
  });

  after(async () => {
    await relay?.stop();
    janus?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const server = () => [turn.listenIp, turn.port] as [string, number];

  it('writes a configuration that relays only to Janus, without TCP relays, with quotas and a bandwidth cap', () => {
    const conf = readFileSync(path.join(dataDir, 'coturn', 'turnserver.conf'), 'utf8');
    assert.match(conf, /^use-auth-secret$/m);
    assert.match(conf, /^no-tcp-relay$/m);
    assert.match(conf, /^denied-peer-ip=0\.0\.0\.0-255\.255\.255\.255$/m);
    assert.deepEqual(
      conf.split('\n').filter((line) => line.startsWith('allowed-peer-ip=')),
      turn.peerIps.map((ip) => `allowed-peer-ip=${ip}`),
    );
    assert.match(conf, /^user-quota=12$/m);
    assert.match(conf, /^max-bps=1000000$/m);
    assert.equal(relay.status().status, 'ok');
  });

  it('relays to Janus’ media address with a credential the app issued', async () => {
    const { iceServers } = relay.iceServers();
    const [{ username, credential, urls }] = iceServers as [(typeof iceServers)[0]];
    assert.ok(urls.includes(`turn:${turn.listenIp}:${turn.port}?transport=udp`));
    const session = new TurnSession(server(), username, credential);
    try {
      assert.equal(await session.allocate(), 'ok');
      assert.equal(session.relayed?.[0], turn.listenIp);
      assert.equal(await session.permit(turn.listenIp), 'ok');
      session.send([turn.listenIp, janusPort], Buffer.from('hello janus'));
      for (let i = 0; i < 50 && !received.length; i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(received, [{ data: 'hello janus', from: turn.listenIp }]);
    } finally {
      session.close();
    }
  });

  it('refuses to relay to any other address (no open relay)', async () => {
    const { username, credential } = relay.iceServers().iceServers[0]!;
    const session = new TurnSession(server(), username, credential);
    try {
      assert.equal(await session.allocate(), 'ok');
      // 403 Forbidden IP: loopback, private ranges, a public address, the cloud metadata address.
      for (const peer of ['127.0.0.1', '10.1.2.3', '192.168.1.1', '8.8.8.8', '169.254.169.254']) {
        assert.equal(await session.permit(peer), 403, `relay to ${peer} refused`);
      }
    } finally {
      session.close();
    }
  });

  it('refuses an expired credential, one not made with the secret, and a TCP relay', async () => {
    const valid = turnCredential(secret, 600);
    assert.equal(await allocate(server(), valid.username, valid.credential), 'ok');
    const expired = turnCredential(secret, -60);
    assert.equal(await allocate(server(), expired.username, expired.credential), 401);
    const forged = turnCredential('another secret of sufficient length!!', 600);
    assert.equal(await allocate(server(), forged.username, forged.credential), 401);
    // RFC 6062 TCP relay (to any host) is switched off: 442 Unsupported Transport Protocol.
    const tcp = turnCredential(secret, 600);
    assert.equal(await allocate(server(), tcp.username, tcp.credential, 6), 442);
  });

  it('limits the allocations one credential may hold (user-quota)', async () => {
    const { username, credential } = turnCredential(secret, 600);
    for (let i = 0; i < turn.userQuota; i++) assert.equal(await allocate(server(), username, credential), 'ok');
    // 486 Allocation Quota Reached.
    assert.equal(await allocate(server(), username, credential), 486);
  });

  it('gives each join its own credential, valid for minutes', () => {
    const now = Date.now();
    const first = relay.iceServers();
    const second = relay.iceServers();
    assert.notEqual(first.iceServers[0]!.username, second.iceServers[0]!.username);
    const lifetimeMs = Date.parse(first.expiresAt) - now;
    assert.ok(lifetimeMs > 9 * 60_000 && lifetimeMs <= 10 * 60_000, `valid for ${lifetimeMs} ms`);
  });
});

describe('the embedded TURN relay with TLS on a second address', () => {
  let dataDir: string;
  let relay: TurnRelay;
  let certificate: ReturnType<typeof selfSignedCertificate>;
  let turn: EmbeddedTurn;
  const mainAddress = loadConfig({}).janus.ice.interfaces;
  const secondAddress = '127.0.0.2';

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-turn-'));
    certificate = selfSignedCertificate(secondAddress);
    turn = loadConfig({
      DATA_DIR: dataDir,
      TURN_MODE: 'embedded',
      TURN_PORT: String(await freePort(secondAddress)),
      TURN_RELAY_PORT_RANGE: '45200-45299',
      TURN_TLS_LISTEN_IP: secondAddress,
      // The port the reverse proxy holds on the main address, as 443 does in production.
      TURN_TLS_PORT: String(await freePort(mainAddress)),
      TURN_TLS_CERT: certificate.cert,
      TURN_TLS_KEY: certificate.key,
    }).turn as EmbeddedTurn;
    relay = embeddedTurnRelay(turn, dataDir, pino({ level: 'silent' }));
    await relay.start();
  });

  after(async () => {
    await relay?.stop();
    certificate?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers TLS there and leaves that port on the main address to the reverse proxy', async () => {
    const tlsPort = turn.tls!.port;
    const protocol = await new Promise<string | null>((resolve, reject) => {
      const socket = tlsConnect({ host: secondAddress, port: tlsPort, rejectUnauthorized: false }, () => {
        resolve(socket.getProtocol());
        socket.destroy();
      });
      socket.once('error', reject);
    });
    assert.match(protocol ?? '', /^TLSv1\.[23]$/);
    // coturn opens every port on every address it listens on: had it listened on the main address
    // too, the proxy could not take this port there.
    const proxy = createServer();
    await new Promise<void>((resolve, reject) => {
      proxy.once('error', reject);
      proxy.listen(tlsPort, mainAddress, resolve);
    });
    proxy.close();
    assert.deepEqual(relay.iceServers().iceServers[0]!.urls.slice(0, 2), [
      `turn:${secondAddress}:${turn.port}?transport=udp`,
      `turn:${secondAddress}:${turn.port}?transport=tcp`,
    ]);
  });
});
