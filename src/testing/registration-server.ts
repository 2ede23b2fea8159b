import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createPlenum } from '../plenum.js';
import { setUpAdmin, testCaptchaDifficulty } from './plenum.js';

/**
 * A Plenum on a SQLite file in DATA_DIR (argv[2]) with one open webinar, for tests that kill the
 * process (registration-durability.test.ts). Prints one JSON line {address, slug} when it listens.
 * Loopback only; the client address comes from X-Forwarded-For so each submission has its own.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: registration-server.ts <data dir>');
// Dies with the test that started it.
process.on('disconnect', () => process.exit(1));

const config = loadConfig({
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  PORT: '0',
  JANUS_MODE: 'off',
  LOG_LEVEL: 'silent',
  TRUST_PROXY: '1',
  RATE_LIMIT_PER_MINUTE: '100000000',
  DATABASE_URL: `sqlite:${path.join(dataDir, 'plenum.sqlite')}`,
});
const plenum = await createPlenum(config, {
  logger: pino({ level: 'silent' }),
  captchaDifficulty: testCaptchaDifficulty,
});
const cookie = await setUpAdmin(plenum);
const start = new Date(Date.now() + 86_400_000);
const created = await plenum.app.inject({
  method: 'POST',
  url: '/api/events',
  headers: { cookie },
  payload: {
    kind: 'webinar',
    title: 'Durability',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    timeZone: 'Europe/Berlin',
    language: 'en',
  },
});
if (created.statusCode !== 201) throw new Error(`event not created: ${created.body}`);
const address = await plenum.listen();
process.stdout.write(`${JSON.stringify({ address, slug: created.json<{ slug: string }>().slug })}\n`);
