import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import Janode from 'janode';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { superviseChild } from './child-process.js';
import { renderJanusConfig } from './janus-config.js';

export interface JanusEndpoint {
  url: string;
  adminUrl: string;
  adminSecret: string;
}

const readyTimeoutMs = 15_000;
// janode writes its own log lines to the console, past our scrubbing logger; the supervisor logs what matters.
Janode.Logger.setLevel('none');

async function freeLoopbackPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Asks Janus' admin API for its info; undefined while Janus does not answer. */
async function infoOf(endpoint: JanusEndpoint): Promise<Record<string, unknown> | undefined> {
  try {
    const connection = await Janode.connect({
      is_admin: true,
      address: { url: endpoint.adminUrl, apisecret: endpoint.adminSecret },
      max_retries: 1,
      retry_time_secs: 1,
    });
    try {
      return await connection.getInfo();
    } finally {
      await connection.close().catch(() => undefined);
    }
  } catch {
    return undefined;
  }
}

/**
 * Runs Janus as a child process (see superviseChild): writes its config, with fresh ports and
 * admin secret, into the data dir before every start.
 */
export function createJanusSupervisor(
  janus: Config['janus'],
  dataDir: string,
  log: Logger,
  /** Called each time Janus answers: after the first start and after every restart. */
  onReady: (endpoint: JanusEndpoint) => Promise<void> = async () => undefined,
) {
  const host = '127.0.0.1';
  const configDir = path.join(dataDir, 'janus');
  let starting: JanusEndpoint | undefined;
  let endpoint: JanusEndpoint | undefined;
  /** What the running Janus reported when it first answered. */
  let info: Record<string, unknown> | undefined;

  async function writeConfig(): Promise<JanusEndpoint> {
    const [wsPort, adminWsPort] = [await freeLoopbackPort(host), await freeLoopbackPort(host)];
    const adminSecret = randomBytes(24).toString('base64url');
    const recordingsDir = path.join(dataDir, 'recordings');
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    mkdirSync(recordingsDir, { recursive: true, mode: 0o700 });
    const files = renderJanusConfig(configDir, {
      wsPort,
      adminWsPort,
      adminSecret,
      rtpPorts: janus.rtpPorts,
      eventLoops: janus.eventLoops,
      host,
      ice: janus.ice,
      recordingsDir,
    });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(configDir, name), text, { mode: 0o600 });
    return { url: `ws://${host}:${wsPort}`, adminUrl: `ws://${host}:${adminWsPort}`, adminSecret };
  }

  const child = superviseChild(
    {
      name: 'Janus',
      component: 'janus',
      binary: janus.binary,
      readyTimeoutMs,
      async prepare() {
        starting = await writeConfig();
        return ['-F', configDir, '--disable-colors'];
      },
      answers: async () => starting !== undefined && (info = await infoOf(starting)) !== undefined,
      async onReady() {
        endpoint = starting;
        // The event loops written into janus.jcfg, as Janus holds them (its info says "static-event-loops").
        const loops = info?.['static-event-loops'];
        if (loops !== janus.eventLoops)
          log.error({ configured: janus.eventLoops, held: loops }, 'Janus does not hold the configured event loops');
        if (endpoint) await onReady(endpoint).catch((error: unknown) => log.error({ err: error }, 'connecting to Janus failed'));
      },
      onExit: () => (endpoint = undefined),
    },
    log,
  );

  return { ...child, endpoint: () => endpoint };
}

export type JanusSupervisor = ReturnType<typeof createJanusSupervisor>;
