import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { groupCommit } from './group-commit.js';
import { migrations } from './migrations/index.js';
import { CurrentSchemaPostgresDialect } from './postgres-dialect.js';
import { privateFile } from './private-files.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
/** What repositories take: the store itself or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Db;
  transaction<T>(work: (tx: Transaction<Database>) => Promise<T>): Promise<T>;
  migrate(): Promise<string[]>;
  ping(): Promise<void>;
  /**
   * After personal data was deleted (an erasure, a retention run): nothing deleted stays readable
   * in the database files. SQLite runs with secure_delete (freed pages are zeroed), and here the
   * WAL, which still holds the rows as they were written, is checkpointed and truncated.
   * PostgreSQL: the tables personal data is deleted from are vacuumed (docs/operations.md).
   */
  scrub(): Promise<void>;
  close(): Promise<void>;
  /** SQLite: transactions committed so far and the COMMITs they shared (group commit). */
  commitStats?(): { units: number; commits: number };
}

export interface StoreOptions {
  /** PostgreSQL only: every query runs in this schema (used to isolate test runs). */
  schema?: string;
  /**
   * PostgreSQL only: a vacuum after a deletion failed. The deletion itself has committed and
   * autovacuum reclaims the rows later, so the erasure or retention run does not fail for it.
   */
  onVacuumFailure?: (err: unknown) => void;
}

export function openStore(database: Config['database'], options: StoreOptions = {}): Store {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
    // Dead tuples of the tables an erasure or retention run deletes from are reclaimed now, not whenever autovacuum comes.
    return wrap('postgres', db, async () => {
      await sql`vacuum ${sql.raw(personalTables.join(', '))}`.execute(db).catch((err: unknown) => options.onVacuumFailure?.(err));
    });
  }
  if (database.file !== ':memory:') {
    // A directory made here is private; an existing one is the operator's (DATA_DIR is tightened in plenum.ts).
    mkdirSync(path.dirname(database.file), { recursive: true, mode: 0o700 });
    privateFile(database.file);
  }
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  // Every COMMIT waits for the WAL's fsync: an acknowledged change survives a crash of the process
  // and of the machine. Said explicitly: this better-sqlite3 build defaults to NORMAL (no fsync per
  // commit) when it opens a database that is already in WAL mode, i.e. after every restart.
  sqlite.pragma('synchronous = FULL');
  if (sqlite.pragma('synchronous', { simple: true }) !== 2) throw new Error('SQLite refused synchronous=FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros instead of lingering in free pages (and every backup).
  sqlite.pragma('secure_delete = ON');
  if (sqlite.pragma('secure_delete', { simple: true }) !== 1) throw new Error('SQLite refused secure_delete');
  const scrub = async () => {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // Transactions waiting for the one connection share a COMMIT (and its fsync): see group-commit.ts.
  const group = groupCommit(db);
  return { ...wrap('sqlite', db, scrub), transaction: group.transaction, commitStats: group.stats };
}

/**
 * Kysely prepares every query anew; preparing cost as much as running in a profile of the
 * registration benchmark. Statements are reused by SQL text (the queries are parameterised),
 * in a bounded most-recently-used cache. Kysely only streams with `iterate`, which Plenum does not use.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= limit) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/** Tables that erasure and retention delete personal data from (vacuumed after them on PostgreSQL). */
const personalTables = [
  'registrations',
  'registration_answers',
  'mail_messages',
  'room_attendance',
  'privacy_access_tokens',
  'callback_requests',
  'call_records',
  'chat_minutes',
  'qa_questions',
  'recording_consents',
  'recording_tracks',
  'staff_sessions',
];

function wrap(dialect: Store['dialect'], db: Db, scrub: () => Promise<void>): Store {
  return {
    dialect,
    db,
    scrub,
    transaction: (work) => db.transaction().execute(work),
    async migrate() {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
