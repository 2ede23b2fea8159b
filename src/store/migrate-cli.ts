import { loadConfig } from '../config.js';
import { openStore } from './store.js';

// `npm run migrate`: bring the configured store to the latest schema and say what ran.
const store = openStore(loadConfig().database);
try {
  const applied = await store.migrate();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The store is up to date.');
} finally {
  await store.close();
}
