import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { privacyDeclarations, retentionTasks } from '../src/plenum.js';
import { createRetention } from '../src/privacy/retention.js';
import { openStore } from '../src/store/store.js';

// `npm run purge [-- --dry-run]`: run the retention engine once, as the scheduled job does,
// and print per category how much it deleted (or would delete). Writes one audit entry.
const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
const dryRun = values['dry-run'];

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const store = openStore(config.database);
try {
  await store.migrate();
  const report = await createRetention(store, privacyDeclarations, retentionTasks(config), config.retention).run({ dryRun });
  console.log(dryRun ? 'Dry run: nothing was deleted.' : 'Retention run done.');
  for (const r of report.results) {
    console.log(`${String(r.count).padStart(7)}  ${r.categories.join(', ')}  (${r.rule})${r.error ? `  FAILED: ${r.error}` : ''}`);
  }
  if (report.results.some((r) => r.error)) process.exitCode = 1;
} finally {
  await store.close();
}
