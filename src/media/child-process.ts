import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ComponentStatus } from '../http/health.js';

/**
 * util-linux's `setpriv --pdeathsig KILL` asks the kernel to kill the child when the app dies, by
 * any path, SIGKILL and OOM included: no orphaned Janus or coturn keeps the ports and the rooms.
 */
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => existsSync(candidate));

/** The command that runs `binary` so that it dies with the app. */
export function dyingWithApp(binary: string, args: string[]): { command: string; args: string[] } {
  return setpriv ? { command: setpriv, args: ['--pdeathsig', 'KILL', '--', binary, ...args] } : { command: binary, args };
}

export interface ChildSpec {
  /** How logs and /healthz name it ("Janus", "TURN relay"). */
  name: string;
  /** The log component its own output is forwarded under (at debug level). */
  component: string;
  binary: string;
  /** Writes what one launch needs (its configuration) and returns the arguments; runs before every launch. */
  prepare(): Promise<string[]>;
  /** Whether the started child answers yet. */
  answers(): Promise<boolean>;
  readyTimeoutMs: number;
  /** After each launch that answered: the first and every restart. */
  onReady?(): Promise<void>;
  /** After each exit, expected or not. */
  onExit?(): void;
}

export interface SupervisedChild {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ComponentStatus;
  /** The running child's pid (tests kill it to check the restart). */
  pid(): number | undefined;
}

const maxRestartDelayMs = 30_000;
const answerPollMs = 150;

/**
 * Runs a helper program as a child process of the app: starts it, waits until it answers,
 * restarts it with growing delays when it dies, and stops it on shutdown.
 */
export function superviseChild(spec: ChildSpec, log: Logger): SupervisedChild {
  let child: ChildProcess | undefined;
  let status: ComponentStatus = { status: 'starting', detail: `${spec.name} is starting` };
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  async function waitUntilAnswering(process: ChildProcess, spawnFailed: () => Error | undefined): Promise<void> {
    const deadline = Date.now() + spec.readyTimeoutMs;
    while (!(await spec.answers())) {
      const failure = spawnFailed();
      if (failure) throw failure;
      if (process.exitCode !== null) throw new Error(`${spec.name} exited with code ${process.exitCode} while starting`);
      if (Date.now() > deadline) throw new Error(`${spec.name} did not answer within ${spec.readyTimeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, answerPollMs));
    }
  }

  async function launch(): Promise<void> {
    const run = dyingWithApp(spec.binary, await spec.prepare());
    if (!setpriv) log.warn(`setpriv (util-linux) not found: ${spec.name} would outlive the app if the app were killed`);
    const process = spawn(run.command, run.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = process;
    const childLog = log.child({ component: spec.component });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) childLog.debug(line);
    };
    process.stdout?.on('data', forward);
    process.stderr?.on('data', forward);
    let spawnError: Error | undefined;
    const cannotRun = (error: Error) => {
      spawnError = new Error(`cannot run ${spec.binary}: ${error.message}`);
      status = { status: 'down', detail: spawnError.message };
      log.error({ err: error }, `${spec.name} could not be started`);
    };
    process.once('error', cannotRun);
    process.once('exit', (code, signal) => {
      if (child === process) child = undefined;
      spec.onExit?.();
      // 127: setpriv found no program to run in its place.
      if (code === 127 && run.command === setpriv) cannotRun(new Error('no such program'));
      if (stopping || spawnError) return;
      status = { status: 'down', detail: `${spec.name} exited (${signal ?? code}); restarting` };
      const delay = Math.min(1000 * 2 ** restarts++, maxRestartDelayMs);
      log.warn({ code, signal, delayMs: delay }, `${spec.name} exited; restarting`);
      restartTimer = setTimeout(() => void launch().catch(() => undefined), delay);
    });
    try {
      await waitUntilAnswering(process, () => spawnError);
    } catch (error) {
      if (!spawnError) status = { status: 'down', detail: `${spec.name} did not answer after starting` };
      process.kill('SIGKILL');
      throw error;
    }
    restarts = 0;
    status = { status: 'ok' };
    log.info({ pid: process.pid }, `${spec.name} is up`);
    await spec.onReady?.();
  }

  return {
    start: launch,
    status: () => status,
    pid: () => child?.pid,
    async stop() {
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
