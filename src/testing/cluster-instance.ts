import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createPlenum } from '../plenum.js';

/**
 * One Plenum instance as a process of its own, for tests that kill one (cluster/failover.test.ts):
 * the configuration comes from the environment, the PostgreSQL schema from TEST_SCHEMA. Prints
 * one JSON line with its address and setup link once it listens.
 */
const plenum = await createPlenum(loadConfig(), {
  logger: pino({ level: 'silent' }),
  store: { schema: process.env.TEST_SCHEMA },
});
const address = await plenum.listen();
process.stdout.write(`${JSON.stringify({ address, setupLink: plenum.setupLink ?? null })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void plenum.close().then(() => process.exit(0)));
