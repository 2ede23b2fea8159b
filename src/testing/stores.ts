import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { openStore, type Store } from '../store/store.js';

export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const allDialects = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof allDialects)[number];

/**
 * The stores every store test runs on: both, unless TEST_DIALECTS names fewer (the fast tier,
 * `npm run test:unit`, runs on SQLite only; `npm test` always on both).
 */
export const dialects: readonly Dialect[] = (() => {
  const wanted = process.env.TEST_DIALECTS?.split(',').map((name) => name.trim());
  if (!wanted) return allDialects;
  const unknown = wanted.filter((name) => !(allDialects as readonly string[]).includes(name));
  if (unknown.length > 0 || wanted.length === 0)
    throw new Error(`TEST_DIALECTS: unknown store ${unknown.join(', ')}; use sqlite, postgres or both`);
  return allDialects.filter((dialect) => wanted.includes(dialect));
})();

export interface TestDatabase {
  config: Config['database'];
  /** PostgreSQL only: the schema this test run owns. */
  schema?: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file: a temporary SQLite file, or a fresh PostgreSQL schema. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'plenum-test-'));
    return {
      config: { kind: 'sqlite', file: path.join(dir, 'test.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    config: { kind: 'postgres', url: postgresUrl },
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** A migrated store on a fresh database; `close` also drops the database. */
export async function openTestStore(dialect: Dialect): Promise<Store & { schema?: string; dispose(): Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const store = openStore(database.config, { schema: database.schema });
  await store.migrate();
  return Object.assign(store, {
    schema: database.schema,
    async dispose() {
      await store.close();
      await database.drop();
    },
  });
}
