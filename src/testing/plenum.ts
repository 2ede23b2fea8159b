import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../config.js';
import { createPlenum, type Plenum } from '../plenum.js';
import type { CaptchaDifficulty } from '../shared/captcha.js';
import { createTestDatabase, type Dialect } from './stores.js';

/**
 * A captcha a test solves in a millisecond instead of half a second. Verifying is the same work
 * at any difficulty (two HMACs), so what a test asserts about the captcha holds as in production.
 */
export const testCaptchaDifficulty: CaptchaDifficulty = { cost: 1, minCounter: 1, maxCounter: 2 };

export interface TestPlenum extends Plenum {
  dispose(): Promise<void>;
}

/** A whole Plenum (store, services, HTTP) on a fresh database, for `app.inject` tests. */
export async function startTestPlenum(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestPlenum> {
  const database = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    JANUS_MODE: 'off',
    LOG_LEVEL: 'silent',
    DEFAULT_LANGUAGE: 'en',
    ...(database.config.kind === 'postgres' ? { DATABASE_URL: database.config.url } : { DATABASE_URL: `sqlite:${database.config.file}` }),
    ...env,
  });
  const plenum = await createPlenum(config, {
    logger: options.logger ?? pino({ level: 'silent' }),
    store: { schema: database.schema },
    captchaDifficulty: testCaptchaDifficulty,
  });
  return Object.assign(plenum, {
    async dispose() {
      await plenum.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export const adminCredentials = { email: 'admin@example.org', displayName: 'Ada Admin', password: 'correct horse battery' };

/** Completes the one-time setup and returns the admin's session cookie header. */
export async function setUpAdmin(plenum: Plenum): Promise<string> {
  const token = plenum.setupLink?.split('#')[1];
  if (!token) throw new Error('this Plenum has no setup link');
  const response = await plenum.app.inject({ method: 'POST', url: '/api/setup', payload: { token, ...adminCredentials, language: 'en' } });
  if (response.statusCode !== 204) throw new Error(`setup failed: ${response.body}`);
  return sessionCookieOf(response);
}

export function sessionCookieOf(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'plenum_session');
  if (!cookie) throw new Error('no session cookie in the response');
  return `plenum_session=${cookie.value}`;
}
