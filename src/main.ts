import { ConfigError, loadConfig } from './config.js';
import { ClusterStartError } from './cluster/cluster.js';
import { createPlenum } from './plenum.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Plenum cannot start: invalid configuration. ${error.message}`);
  process.exit(1);
}

const plenum = await createPlenum(config).catch((error: unknown) => {
  if (!(error instanceof ClusterStartError)) throw error;
  console.error(`Plenum cannot start: ${error.message}`);
  process.exit(1);
});
await plenum.listen();
// Printed, not logged: the operator needs the address and the setup link verbatim.
const mode = config.cluster.redisUrl ? `cluster instance ${plenum.instanceId}` : `single instance ${plenum.instanceId}`;
console.log(`Plenum is running at ${config.http.publicUrl.origin} (${mode}, store: ${config.database.kind}, mail: ${config.mail.kind})`);
if (plenum.setupLink) {
  const validity = config.cluster.redisUrl ? 'for 24 hours' : 'until the next restart';
  console.log(`\nNo staff account exists yet. Create the first admin here (the link works once, ${validity}):\n  ${plenum.setupLink}\n`);
}

let closing = false;
function shutDown(code: number): void {
  if (closing) return;
  closing = true;
  plenum.close().then(
    () => process.exit(code),
    (error: unknown) => {
      plenum.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    plenum.logger.info({ signal }, 'shutting down');
    shutDown(0);
  });
}

// Each entry point (HTTP, WebSocket, SIP, timers) contains its own errors; these are the last line.
// A rejected promise nobody awaited is a bug to log, not a reason to drop every meeting.
process.on('unhandledRejection', (reason) => plenum.logger.error({ err: reason }, 'unhandled promise rejection'));
// After an exception escaped to the event loop the process state is unknown: stop in order (Janus with it).
process.on('uncaughtException', (error) => {
  plenum.logger.fatal({ err: error }, 'uncaught exception; shutting down');
  shutDown(1);
});
