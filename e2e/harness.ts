import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createTestDatabase, postgresUrl } from '../src/testing/stores.js';

/**
 * Runs the built server (`npm run build` first) as a real process on a free loopback port,
 * on SQLite in a temporary data dir or on a fresh schema of the local PostgreSQL.
 */

const repoRoot = path.resolve(import.meta.dirname, '..');

export interface RunningServer {
  url: string;
  dataDir: string;
  setupLink: string | undefined;
  /** The server process, for CPU accounting (bench/cpu.ts). */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A schema of its own in the test database (dropped by `stop`), named in the URL for the server process. */
async function freshPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createTestDatabase('postgres');
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${database.schema}`);
  return { url: url.toString(), drop: () => database.drop() };
}

export async function startServer(options: {
  database: 'sqlite' | 'postgres';
  env?: Record<string, string>;
  /** Flags for node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-e2e-'));
  const port = await freePort();
  const postgres = options.database === 'postgres' ? await freshPostgresSchema() : undefined;
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JANUS_MODE: 'off',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(repoRoot, 'dist/src/main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  // Tests that need the app on another address or port (e.g. 443 in a test network) set HOST and PORT.
  const url = `http://${env.HOST}:${env.PORT}`;
  const deadline = Date.now() + 20_000;
  while (!output.includes('Plenum is running')) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start in 20 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 50));
  const setupLink = /(http:\/\/\S+\/setup#\S+)/.exec(output)?.[1];

  return {
    url,
    dataDir,
    setupLink,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium with a fake camera and microphone. `answerMediaPrompts: false` leaves out the flag that
 * says yes to every camera/microphone prompt, so access is refused as if the person had said no.
 * `executablePath` and `args` run it elsewhere (a network namespace) with more flags.
 */
export function launchBrowser({
  answerMediaPrompts = true,
  fakeAudioFile = '',
  executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args = [] as string[],
} = {}): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      ...args,
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      ...(answerMediaPrompts ? ['--use-fake-ui-for-media-stream'] : []),
      // What the fake microphone says (a WAV file, looped) instead of Chromium's beep.
      ...(fakeAudioFile ? [`--use-file-for-fake-audio-capture=${fakeAudioFile}`] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Creates the first admin through the server's setup link; returns their session cookie (`name=value`). */
export async function setUpAdmin(server: RunningServer, admin: { email: string; displayName: string; password: string }): Promise<string> {
  const token = server.setupLink!.split('#')[1];
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...admin }),
  });
  return setup.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * JSON requests to the server with a staff session: `session()` gives the server and the cookie at
 * the time of the call (both are set in a `before`). Throws on an error status, with its body.
 */
export function staffApi(session: () => { server: RunningServer; cookie: string }) {
  return async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
    const { server, cookie } = session();
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

/** Fails when `text` holds an internal name: a column, a JSON key, a timestamp, a category id, a hash, a placeholder, a wrong plural. */
export function assertNoIdentifier(shown: string, where: string) {
  // Addresses are what they are (datenschutz@example.org is no category id).
  const text = shown.replace(/\S+@\S+|https?:\/\/\S+/g, '');
  for (const [what, pattern] of [
    ['snake_case', /\b[a-z]+_[a-z0-9_]+\b/],
    ['camelCase', /\b[a-z]+[A-Z][A-Za-z]*\b/],
    ['ISO timestamp', /\d{4}-\d{2}-\d{2}T/],
    ['category id', /\b[a-z]+\.[a-z]+(-[a-z-]+)?\b/],
    ['hash', /\b[0-9a-f]{12,}\b/],
    ['placeholder', /\{\{/],
    ['wrong number', /\b1 (Tage|Jahre|days|years)\b/],
  ] as const)
    assert.doesNotMatch(text, pattern, `${what} on ${where}`);
}
