import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ComponentStatus } from '../http/health.js';
import { superviseChild } from './child-process.js';
import { iceServersFor, type IceServers } from './turn-credentials.js';

/**
 * Plenum's TURN relay: coturn (Debian package `coturn`), for browsers that cannot reach Janus
 * directly (home and carrier NAT, corporate networks that let only TCP 443 out).
 * It is no open relay: it sends only to Janus' media addresses, takes only short-lived
 * credentials the app computed from a shared secret, relays no TCP, and caps allocations per
 * credential and bandwidth per session.
 */

export type TurnConfig = NonNullable<Config['turn']>;
export type EmbeddedTurn = Extract<TurnConfig, { mode: 'embedded' }>;

/** Everything outside Janus' addresses is refused as a peer: coturn lets allowed-peer-ip through a denied range. */
const everyAddress = ['0.0.0.0-255.255.255.255', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'];

/**
 * The one address coturn listens on: the TLS listener's when it has its own. coturn opens every
 * port (plain and TLS) on every address it listens on, so listening on the main address too would
 * take the reverse proxy's 443 there (or loop on "Address already in use" while the proxy holds it).
 */
export function coturnAddress(turn: EmbeddedTurn): string {
  return turn.tls?.listenIp ?? turn.listenIp;
}

/** The turn:/turns: URLs browsers get for an embedded coturn: UDP and TCP on the plain port, TLS on its own. */
export function embeddedTurnUrls(turn: EmbeddedTurn): string[] {
  const address = coturnAddress(turn);
  const urls = [`turn:${address}:${turn.port}?transport=udp`, `turn:${address}:${turn.port}?transport=tcp`];
  if (turn.tls) urls.push(`turns:${turn.tls.host}:${turn.tls.port}?transport=tcp`);
  return urls;
}

/**
 * coturn's configuration (turnserver.conf syntax). Also printed for a coturn on its own machine
 * (`npm run -s turn:config`, `standalone`), so both follow the same rules.
 */
export function renderCoturnConfig(turn: EmbeddedTurn, secret: string, runDir: string, standalone = false): string {
  const lines = [
    standalone
      ? '# Written by `npm run turn:config` (Plenum, src/media/turn-relay.ts): change the variables and write it again.'
      : '# Written by Plenum (src/media/turn-relay.ts); changes are overwritten at the next start.',
    `listening-ip=${coturnAddress(turn)}`,
    `relay-ip=${turn.listenIp}`,
    `listening-port=${turn.port}`,
    ...(turn.tls
      ? [`tls-listening-port=${turn.tls.port}`, `cert=${turn.tls.cert}`, `pkey=${turn.tls.key}`, 'no-tlsv1', 'no-tlsv1_1', 'no-dtls']
      : ['no-tls', 'no-dtls']),
    // No NAT behaviour discovery: it needs a second address and would open the alternative ports.
    'no-rfc5780',
    `min-port=${turn.relayPorts.min}`,
    `max-port=${turn.relayPorts.max}`,
    'realm=plenum',
    'fingerprint',
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    // No open relay: UDP to Janus only, nothing else, no TCP relay to anywhere.
    'no-tcp-relay',
    'no-multicast-peers',
    ...everyAddress.map((range) => `denied-peer-ip=${range}`),
    ...turn.peerIps.map((ip) => `allowed-peer-ip=${ip}`),
    `user-quota=${turn.userQuota}`,
    `total-quota=${turn.totalQuota}`,
    `max-bps=${turn.maxBytesPerSecond}`,
    'stale-nonce=600',
    'no-cli',
    'no-software-attribute',
    // Logs go to the app (stdout, IP addresses scrubbed, debug level only); coturn keeps no file of its own.
    'log-file=stdout',
    'simple-log',
    `pidfile=${path.join(runDir, 'turnserver.pid')}`,
    `userdb=${path.join(runDir, 'turndb')}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const readyTimeoutMs = 10_000;

/** The relay as the media plane sees it: credentials for browsers, and its state for /healthz. */
export interface TurnRelay {
  iceServers(): IceServers;
  status(): ComponentStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A coturn on its own machine: the app only computes credentials for it. */
export function externalTurnRelay(turn: Extract<TurnConfig, { mode: 'external' }>): TurnRelay {
  return {
    iceServers: () => iceServersFor({ urls: turn.urls, secret: turn.secret, credentialSeconds: turn.credentialSeconds }),
    status: () => ({ status: 'ok' }),
    start: async () => undefined,
    stop: async () => undefined,
  };
}

/** coturn as a child process of the app (dies with it), restarted with growing delays when it exits. */
export function embeddedTurnRelay(turn: EmbeddedTurn, dataDir: string, log: Logger): TurnRelay {
  const runDir = path.join(dataDir, 'coturn');
  const secret = turn.secret ?? randomBytes(32).toString('base64url');
  const urls = embeddedTurnUrls(turn);
  const child = superviseChild(
    {
      name: 'TURN relay',
      component: 'coturn',
      binary: turn.binary,
      readyTimeoutMs,
      async prepare() {
        mkdirSync(runDir, { recursive: true, mode: 0o700 });
        const file = path.join(runDir, 'turnserver.conf');
        writeFileSync(file, renderCoturnConfig(turn, secret, runDir), { mode: 0o600 });
        return ['-c', file];
      },
      answers: () => answers(coturnAddress(turn), turn.port),
    },
    log,
  );
  return {
    iceServers: () => iceServersFor({ urls, secret, credentialSeconds: turn.credentialSeconds }),
    status: child.status,
    start: child.start,
    stop: child.stop,
  };
}

export function createTurnRelay(config: Config, log: Logger): TurnRelay | undefined {
  if (!config.turn) return undefined;
  return config.turn.mode === 'external' ? externalTurnRelay(config.turn) : embeddedTurnRelay(config.turn, config.dataDir, log);
}
