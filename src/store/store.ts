import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Socket } from 'node:net';
import { Kysely, Migrator, SqliteDialect, sql, type CompiledQuery, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { groupCommit } from './group-commit.js';
import { migrations } from './migrations/index.js';
import { CurrentSchemaPostgresDialect } from './postgres-dialect.js';
import { privateFile } from './private-files.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
/** A statement compiled by a repo, to run later (store.commitPlanned). */
export type Statement = CompiledQuery;
/** What repositories take: the store itself or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Db;
  transaction<T>(work: (tx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * A transaction whose statements are known once a few reads are done: `plan` reads what it needs
   * (taking no locks) and returns the statements, which then commit together or not at all.
   * Resolves after the COMMIT (durable); rejects with the first failing statement's error after
   * everything was rolled back. PostgreSQL: `plan` reads before the transaction (under READ
   * COMMITTED each statement sees the latest commits anyway), then BEGIN, the statements and COMMIT
   * go to the server in one write and come back in one answer (pipeline mode) instead of one round
   * trip each. SQLite: `plan` and the statements are one unit of the group commit.
   */
  commitPlanned(plan: (db: Executor) => Promise<Statement[]>): Promise<void>;
  /** Whether an error is a unique or primary key constraint refusing a row. */
  isUniqueViolation(error: unknown): boolean;
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
      // Queries given to a client before the previous answered are sent at once (commitPlanned);
      // Kysely itself runs one query at a time per client, which pipeline mode leaves as it was.
      pipeline: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
    // Dead tuples of the tables an erasure or retention run deletes from are reclaimed now, not whenever autovacuum comes.
    const store = wrap('postgres', db, async () => {
      await sql`vacuum ${sql.raw(personalTables.join(', '))}`.execute(db).catch((err: unknown) => options.onVacuumFailure?.(err));
    });
    return {
      ...store,
      commitPlanned: async (plan) => pipelinedTransaction(pool, await plan(db)),
      isUniqueViolation: (error) => (error as { code?: unknown } | undefined)?.code === '23505',
    };
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
  return {
    ...wrap('sqlite', db, scrub),
    transaction: group.transaction,
    commitPlanned: (plan) =>
      group.transaction(async (tx) => {
        for (const statement of await plan(tx)) await tx.executeQuery(statement);
      }),
    isUniqueViolation: (error) => /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(String((error as { code?: unknown } | undefined)?.code)),
    commitStats: group.stats,
  };
}

/**
 * BEGIN, the statements and COMMIT on one client of a pool in pipeline mode, written to the socket
 * at once (corked: one write instead of one per statement). Each statement carries its own Sync,
 * so after a failing one the server answers the rest with "transaction is aborted" and the COMMIT
 * with a ROLLBACK: nothing of it is stored, and the first error is the one reported.
 */
async function pipelinedTransaction(pool: pg.Pool, statements: CompiledQuery[]): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // pg corks each query's messages; corked once more here, all of them leave in one write.
    const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    socket.cork();
    let answers: Promise<pg.QueryResult>[];
    try {
      answers = [
        client.query('begin'),
        ...statements.map((statement) => client.query(statement.sql, [...statement.parameters])),
        client.query('commit'),
      ];
    } finally {
      socket.uncork();
    }
    const settled = await Promise.allSettled(answers);
    const failed = settled.find((answer) => answer.status === 'rejected');
    const commit = settled.at(-1)!;
    if (commit.status === 'rejected') {
      // The transaction's end is unknown (lost connection): this client is not given out again.
      broken = commit.reason as Error;
      throw failed!.reason;
    }
    if (failed) throw failed.reason;
    if (commit.value.command !== 'COMMIT') throw new Error(`PostgreSQL ended the transaction with ${commit.value.command}`);
  } finally {
    client.release(broken);
  }
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

function wrap(dialect: Store['dialect'], db: Db, scrub: () => Promise<void>): Omit<Store, 'commitPlanned' | 'isUniqueViolation'> {
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
