import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createPlenum } from '../plenum.js';
import { testCaptchaDifficulty } from './plenum.js';

/**
 * One Plenum instance as a process of its own, for tests that kill one (src/testing/cluster-harness.ts):
 * the configuration comes from the environment, the PostgreSQL schema from TEST_SCHEMA, the log
 * level (to stderr) from TEST_LOG_LEVEL (default silent). Prints one JSON line with its address
 * and setup link once it listens.
 */
const plenum = await createPlenum(loadConfig(), {
  logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }, pino.destination(2)),
  store: { schema: process.env.TEST_SCHEMA },
  captchaDifficulty: testCaptchaDifficulty,
});
const address = await plenum.listen();
process.stdout.write(`${JSON.stringify({ address, setupLink: plenum.setupLink ?? null })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void plenum.close().then(() => process.exit(0)));
