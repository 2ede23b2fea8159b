import type { CompiledQuery, Insertable } from 'kysely';
import type { Database } from './schema.js';
import type { Executor } from './store.js';

const marker = '\u0000precompiled:';

/**
 * An INSERT of one row that Kysely builds and compiles once per store and set of columns, then
 * runs with each row's values. Kysely builds and compiles every query anew, which cost about as
 * much CPU as SQLite's own work on the registration path (bench:registration profile). The
 * statement is the one `db.insertInto(table).values(row)` (with `on conflict (…) do nothing` when
 * `conflictColumns` are given) would send; columns whose value is undefined are left out, as Kysely
 * does. Resolves to the number of rows inserted (0 when the conflict clause skipped the row).
 */
export function precompiledInsert<T extends keyof Database & string>(table: T, conflictColumns?: readonly (keyof Database[T] & string)[]) {
  // Per dialect adapter (one per store), then per column list.
  const cache = new WeakMap<object, Map<string, { query: CompiledQuery; slots: (string | undefined)[] }>>();

  /** The statement for one row, to run later (e.g. sent with others by `store.commitPlanned`). */
  function statement(db: Executor, row: Insertable<Database[T]>): CompiledQuery {
    const columns = Object.keys(row).filter((column) => (row as Record<string, unknown>)[column] !== undefined);
    const adapter = db.getExecutor().adapter;
    let byColumns = cache.get(adapter);
    if (!byColumns) cache.set(adapter, (byColumns = new Map()));
    const key = columns.join(',');
    let entry = byColumns.get(key);
    if (!entry) {
      const placeholders = Object.fromEntries(columns.map((column) => [column, `${marker}${column}`]));
      let builder = db.insertInto(table).values(placeholders as never);
      if (conflictColumns) builder = builder.onConflict((oc) => oc.columns(conflictColumns as never).doNothing());
      const query = builder.compile();
      const slots = query.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(marker) ? value.slice(marker.length) : undefined,
      );
      if (slots.filter(Boolean).length !== columns.length)
        throw new Error(`precompiledInsert(${table}): a value did not become a parameter`);
      byColumns.set(key, (entry = { query, slots }));
    }
    const { query, slots } = entry;
    const values = row as Record<string, unknown>;
    return { ...query, parameters: query.parameters.map((constant, i) => (slots[i] === undefined ? constant : values[slots[i]])) };
  }

  const run = async (db: Executor, row: Insertable<Database[T]>): Promise<number> =>
    Number((await db.executeQuery(statement(db, row))).numAffectedRows ?? 0);
  return Object.assign(run, { statement });
}
