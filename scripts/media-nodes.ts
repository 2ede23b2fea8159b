import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from '../src/config.js';
import { nodeRegistry, type AuditChange } from '../src/media/nodes/registry.js';
import { recordAudit } from '../src/privacy/audit.js';
import { openStore } from '../src/store/store.js';

// `npm run media-nodes -- <command>`: the Janus node registry of JANUS_MODE=registry (docs/operations.md).
//   list
//   add --id janus-2 --api-url ws://10.0.0.12:8188 --admin-url ws://10.0.0.12:7188 --media-address 10.0.0.12 --role edge
//   drain <id> | activate <id> | down <id> | remove <id>
// Every change writes an audit entry in its transaction; running instances see it within 5 seconds.
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: 'string' },
    'api-url': { type: 'string' },
    'admin-url': { type: 'string' },
    'media-address': { type: 'string' },
    role: { type: 'string' },
  },
});
const [command, id] = positionals;
const states = { drain: 'draining', activate: 'active', down: 'down' } as const;
const usage =
  'usage: media-nodes list | add --id … --api-url … --admin-url … --media-address … --role meeting|edge | drain|activate|down|remove <id>';

const audit: AuditChange = (db, action, nodeId, detail) =>
  recordAudit(db, { kind: 'system' }, { action, subject: { type: 'media_node', id: nodeId }, detail: { ...detail, via: 'cli' } });

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const store = openStore(config.database);
try {
  await store.migrate();
  if (command === 'list') {
    for (const n of await nodeRegistry.list(store.db))
      console.log(`${n.id}\t${n.role}\t${n.state}\t${n.apiUrl}\t${n.adminUrl}\t${n.mediaAddress}`);
  } else if (command === 'add') {
    const input = {
      id: values.id,
      apiUrl: values['api-url'],
      adminUrl: values['admin-url'],
      mediaAddress: values['media-address'],
      role: values.role,
    };
    const node = await store.transaction((tx) => nodeRegistry.register(tx, input, audit));
    console.log(`registered ${node.id} (${node.role}, ${node.state})`);
  } else if (command === 'remove' && id) {
    await store.transaction((tx) => nodeRegistry.remove(tx, id, audit));
    console.log(`removed ${id}`);
  } else if (command && command in states && id) {
    await store.transaction((tx) => nodeRegistry.setState(tx, id, states[command as keyof typeof states], audit));
    console.log(`${id} is ${states[command as keyof typeof states]}`);
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (err) {
  if (err instanceof ZodError) console.error(err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  else console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await store.close();
}
