import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * Group commit for SQLite. SQLite writes one transaction at a time, and with `synchronous=FULL`
 * every COMMIT waits for an fsync of the WAL (milliseconds on a virtual disk, while better-sqlite3
 * holds the event loop). Here the transactions that are waiting when one starts run one after the
 * other inside one database transaction, each in a savepoint of its own, and share its COMMIT:
 *
 * - a unit that throws is rolled back to its savepoint alone and rejected at once; the others go on;
 * - a unit's promise resolves only after the shared COMMIT returned, i.e. after the fsync, so
 *   nothing is acknowledged before it is durable — the same promise as one transaction per unit;
 * - a failed COMMIT (or a rollback SQLite forced, e.g. disk full) rejects every unit of the batch.
 *
 * Units see each other's writes in order, as they would if committed one by one: SQLite
 * serialises writers anyway (one connection, Kysely's connection lock). Before committing, the
 * batch gives the event loop one turn, so requests whose earlier steps finished meanwhile join it;
 * at low load a batch is one unit and waits for nothing else.
 */
export interface GroupCommit<DB> {
  transaction<T>(work: (tx: Transaction<DB>) => Promise<T>): Promise<T>;
  /** Transactions and the COMMITs they shared so far (units ÷ commits = mean batch size). */
  stats(): { units: number; commits: number };
}

interface Unit<DB> {
  work: (tx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function groupCommit<DB>(db: Kysely<DB>, maxUnits = 64): GroupCommit<DB> {
  const queue: Unit<DB>[] = [];
  let draining = false;
  let units = 0;
  let commits = 0;

  /** Runs the queued units (at least one, at most maxUnits, including those that queue meanwhile) under one COMMIT. */
  async function runBatch(): Promise<void> {
    const done: { unit: Unit<DB>; value: unknown }[] = [];
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (error) {
      queue.shift()!.reject(error);
      return;
    }
    for (let taken = 0; taken < maxUnits; taken++) {
      // Before committing, one turn of the event loop: requests whose earlier steps finished
      // meanwhile (parsing, captcha check) queue their transactions and join this COMMIT.
      if (queue.length === 0) await new Promise(setImmediate);
      const unit = queue.shift();
      if (!unit) break;
      try {
        await sql`savepoint unit`.execute(trx);
        const value = await unit.work(trx);
        await sql`release savepoint unit`.execute(trx);
        done.push({ unit, value });
      } catch (error) {
        unit.reject(error);
        try {
          await sql`rollback to savepoint unit`.execute(trx);
          await sql`release savepoint unit`.execute(trx);
        } catch {
          // SQLite rolled the whole transaction back (I/O error, disk full): nothing of the batch is stored.
          for (const { unit } of done) unit.reject(error);
          await trx
            .rollback()
            .execute()
            .catch(() => undefined);
          return;
        }
      }
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      for (const { unit } of done) unit.reject(error);
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      return;
    }
    commits++;
    units += done.length;
    for (const { unit, value } of done) unit.resolve(value);
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await runBatch();
    } finally {
      draining = false;
    }
  }

  return {
    transaction<T>(work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
    stats: () => ({ units, commits }),
  };
}
