import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import Janode from 'janode';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ComponentStatus } from '../http/health.js';
import { renderJanusConfig } from './janus-config.js';

export interface JanusEndpoint {
  url: string;
  adminUrl: string;
  adminSecret: string;
}

const readyTimeoutMs = 15_000;
// janode writes its own log lines to the console, past our scrubbing logger; the supervisor logs what matters.
Janode.Logger.setLevel('none');
const maxRestartDelayMs = 30_000;

/**
 * util-linux's `setpriv --pdeathsig KILL` asks the kernel to kill Janus when the app dies, by
 * any path, SIGKILL and OOM included: no orphaned Janus keeps the ports and the rooms.
 */
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => existsSync(candidate));

/** The command that runs Janus so that it dies with the app. */
export function janusCommand(binary: string, args: string[]): { command: string; args: string[] } {
  return setpriv ? { command: setpriv, args: ['--pdeathsig', 'KILL', '--', binary, ...args] } : { command: binary, args };
}

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

/** Asks Janus' admin API for its info; resolves when Janus answers. */
async function probe(endpoint: JanusEndpoint): Promise<void> {
  const connection = await Janode.connect({
    is_admin: true,
    address: { url: endpoint.adminUrl, apisecret: endpoint.adminSecret },
    max_retries: 1,
    retry_time_secs: 1,
  });
  try {
    await connection.getInfo();
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/**
 * Runs Janus as a child process: writes its config into the data dir, starts it, waits until
 * it answers, restarts it with growing delays when it dies, and stops it on shutdown.
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
  let child: ChildProcess | undefined;
  let endpoint: JanusEndpoint | undefined;
  let status: ComponentStatus = { status: 'starting', detail: 'Janus is starting' };
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;

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

  async function waitUntilReady(target: JanusEndpoint, process: ChildProcess, spawnFailed: () => boolean): Promise<void> {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (spawnFailed()) throw new Error(`cannot run ${janus.binary}`);
      if (process.exitCode !== null) throw new Error(`Janus exited with code ${process.exitCode} while starting`);
      try {
        await probe(target);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async function launch(): Promise<void> {
    const target = await writeConfig();
    const run = janusCommand(janus.binary, ['-F', configDir, '--disable-colors']);
    if (!setpriv) log.warn('setpriv (util-linux) not found: Janus would outlive the app if the app were killed');
    const process = spawn(run.command, run.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = process;
    const janusLog = log.child({ component: 'janus' });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) janusLog.debug(line);
    };
    process.stdout?.on('data', forward);
    process.stderr?.on('data', forward);
    let spawnError: Error | undefined;
    const cannotRun = (error: Error) => {
      spawnError = error;
      status = { status: 'down', detail: `cannot run ${janus.binary}: ${error.message}` };
      log.error({ err: error }, 'Janus could not be started');
    };
    process.once('error', cannotRun);
    process.once('exit', (code, signal) => {
      child = undefined;
      endpoint = undefined;
      // 127: setpriv found no program to run in its place.
      if (code === 127 && run.command === setpriv) cannotRun(new Error('no such program'));
      if (stopping || spawnError) return;
      status = { status: 'down', detail: `Janus exited (${signal ?? code}); restarting` };
      const delay = Math.min(1000 * 2 ** restarts++, maxRestartDelayMs);
      log.warn({ code, signal, delayMs: delay }, 'Janus exited; restarting');
      restartTimer = setTimeout(() => void launch().catch(() => undefined), delay);
    });
    try {
      await waitUntilReady(target, process, () => spawnError !== undefined);
    } catch (error) {
      if (!spawnError) status = { status: 'down', detail: 'Janus did not answer after starting' };
      process.kill('SIGKILL');
      throw error;
    }
    endpoint = target;
    restarts = 0;
    status = { status: 'ok' };
    log.info({ pid: process.pid }, 'Janus is up');
    await onReady(target).catch((error: unknown) => log.error({ err: error }, 'connecting to Janus failed'));
  }

  return {
    start: launch,
    status: (): ComponentStatus => status,
    endpoint: () => endpoint,
    /** The running child's pid (tests kill it to check the restart). */
    pid: () => child?.pid,

    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      const killer = setTimeout(() => running.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export type JanusSupervisor = ReturnType<typeof createJanusSupervisor>;
