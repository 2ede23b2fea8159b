import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.js';

/** All migrations, in order. Imported statically so the built server needs no file lookup. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
};
