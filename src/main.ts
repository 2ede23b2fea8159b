import { ConfigError, loadConfig } from './config.js';
import { createPlenum } from './plenum.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Plenum cannot start: invalid configuration. ${error.message}`);
  process.exit(1);
}

const plenum = await createPlenum(config);
await plenum.listen();
// Printed, not logged: the operator needs the address and the setup link verbatim.
console.log(`Plenum is running at ${config.http.publicUrl.origin} (store: ${config.database.kind}, mail: ${config.mail.kind})`);
if (plenum.setupLink) {
  console.log(`\nNo staff account exists yet. Create the first admin here (the link works once, until the next restart):\n  ${plenum.setupLink}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    plenum.logger.info({ signal }, 'shutting down');
    plenum.close().then(
      () => process.exit(0),
      (error: unknown) => {
        plenum.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
