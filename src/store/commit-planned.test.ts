import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, dialects, type TestDatabase } from '../testing/stores.js';
import { precompiledInsert } from './precompiled.js';
import { openStore, type Store } from './store.js';

const insertAudit = precompiledInsert('audit_entries');
const insertSpentOnce = precompiledInsert('captcha_spent');
const auditRow = (id: string) => ({
  id,
  at: new Date().toISOString(),
  actor_kind: 'system' as const,
  actor_id: null,
  action: 'commit-planned.test',
  subject_type: null,
  subject_id: null,
  detail: null,
});

/** Counts the writes (system calls) sockets to PostgreSQL's port make while `work` runs. */
async function writesToPostgres(work: () => Promise<unknown>): Promise<number> {
  const prototype = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
  const original = { _write: prototype._write, _writev: prototype._writev };
  let writes = 0;
  for (const name of ['_write', '_writev'] as const)
    prototype[name] = function (this: Socket, ...args: unknown[]) {
      if (this.remotePort === 5432) writes++;
      return original[name].apply(this, args);
    };
  try {
    await work();
  } finally {
    Object.assign(prototype, original);
  }
  return writes;
}

for (const dialect of dialects) {
  describe(`planned transactions (store.commitPlanned) on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await createTestDatabase(dialect);
      store = openStore(database.config, { schema: database.schema });
      await store.migrate();
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    const stored = async (ids: string[]) =>
      (await store.db.selectFrom('audit_entries').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();

    it('stores every statement once the promise resolves, visible to another connection', async () => {
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      await store.commitPlanned(async (db) => ids.map((id) => insertAudit.statement(db, auditRow(id))));
      const other = openStore(database.config, { schema: database.schema });
      try {
        const seen = await other.db.selectFrom('audit_entries').select('id').where('id', 'in', ids).execute();
        assert.deepEqual(seen.map((r) => r.id).sort(), [...ids].sort());
      } finally {
        await other.close();
      }
    });

    it('stores nothing when one statement fails, and rejects with that statement’s unique violation', async () => {
      const signature = randomUUID();
      await store.commitPlanned(async (db) => [insertSpentOnce.statement(db, { signature, expires_at: '2030-01-01' })]);
      const [before, after] = [randomUUID(), randomUUID()];
      const error = await store
        .commitPlanned(async (db) => [
          insertAudit.statement(db, auditRow(before)),
          insertSpentOnce.statement(db, { signature, expires_at: '2030-01-01' }),
          insertAudit.statement(db, auditRow(after)),
        ])
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(error, 'the transaction failed');
      assert.ok(store.isUniqueViolation(error), `a unique violation: ${String(error)}`);
      assert.deepEqual(await stored([before, after]), []);
      // The store goes on working (the connection was left outside any transaction).
      const later = randomUUID();
      await store.commitPlanned(async (db) => [insertAudit.statement(db, auditRow(later))]);
      assert.deepEqual(await stored([later]), [later]);
    });

    it('tells a unique violation from other errors', async () => {
      const error = await store.db
        .insertInto('audit_entries')
        .values({ ...auditRow(randomUUID()), actor_kind: null as never })
        .execute()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      assert.ok(error, 'a not-null violation');
      assert.equal(store.isUniqueViolation(error), false);
      assert.equal(store.isUniqueViolation(new Error('x')), false);
    });

    if (dialect === 'postgres')
      it('sends BEGIN, the statements and COMMIT to PostgreSQL in one write (pipeline mode)', async () => {
        const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
        // The reads of the plan go first; the transaction itself is the last write.
        let planned = 0;
        const writes = await writesToPostgres(() =>
          store.commitPlanned(async (db) => {
            planned = 1;
            return ids.map((id) => insertAudit.statement(db, auditRow(id)));
          }),
        );
        assert.equal(planned, 1);
        assert.equal(writes, 1, 'one write for BEGIN, 4 INSERTs and COMMIT');
        assert.deepEqual(await stored(ids), [...ids].sort());
      });
  });
}
