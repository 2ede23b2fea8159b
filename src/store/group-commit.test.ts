import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createTestDatabase, openTestStore } from '../testing/stores.js';
import { openStore, type Executor, type Store } from './store.js';

const auditRow = (id: string, action: string) => ({
  id,
  at: new Date().toISOString(),
  actor_kind: 'system' as const,
  actor_id: null,
  action,
  subject_type: null,
  subject_id: null,
  detail: null,
});

const insertAudit = (tx: Executor, id: string, action: string) => tx.insertInto('audit_entries').values(auditRow(id, action)).execute();

describe('group commit on SQLite', () => {
  let store: Store & { dispose(): Promise<void> };
  before(async () => {
    store = await openTestStore('sqlite');
  });
  after(() => store.dispose());

  const stored = async (ids: string[]) =>
    new Set((await store.db.selectFrom('audit_entries').select('id').where('id', 'in', ids).execute()).map((r) => r.id));

  it('runs the file with synchronous=FULL, also when it opens a file that is in WAL mode already', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      for (const opening of ['new file', 'reopened']) {
        const reopened = openStore(database.config);
        const { rows } = await sql<{
          synchronous: number;
          journal_mode: string;
        }>`select * from pragma_synchronous, pragma_journal_mode`.execute(reopened.db);
        assert.deepEqual(rows[0], { synchronous: 2, journal_mode: 'wal' }, opening);
        await reopened.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('shares COMMITs between concurrent transactions, and a failing one takes only its own writes with it', async () => {
    const before = store.commitStats!();
    const ids = Array.from({ length: 40 }, () => randomUUID());
    const failing = new Set([ids[3], ids[17], ids[39]]);
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        store.transaction(async (tx) => {
          await insertAudit(tx, id, 'group-commit.test');
          // Two statements, so a failure rolls back a write that did happen.
          await insertAudit(tx, randomUUID(), 'group-commit.test.second');
          if (failing.has(id)) throw new Error(`unit ${i} fails`);
          return i;
        }),
      ),
    );
    outcomes.forEach((outcome, i) => {
      if (failing.has(ids[i])) assert.deepEqual(outcome, { status: 'rejected', reason: new Error(`unit ${i} fails`) });
      else assert.deepEqual(outcome, { status: 'fulfilled', value: i });
    });
    const present = await stored(ids);
    assert.deepEqual(
      ids.filter((id) => present.has(id)),
      ids.filter((id) => !failing.has(id)),
    );
    const second = await store.db.selectFrom('audit_entries').where('action', '=', 'group-commit.test.second').select('id').execute();
    assert.equal(second.length, ids.length - failing.size);
    const after = store.commitStats!();
    assert.equal(after.units - before.units, ids.length - failing.size);
    assert.ok(after.commits - before.commits < ids.length - failing.size, `${after.commits - before.commits} commits`);
  });

  it('acknowledges a transaction only when its writes are committed (visible to another connection)', async () => {
    const database = await createTestDatabase('sqlite');
    const writer = openStore(database.config);
    await writer.migrate();
    const reader = new SQLite(database.config.kind === 'sqlite' ? database.config.file : '', { readonly: true });
    const committed = reader.prepare('select count(*) as n from audit_entries where id = ?').pluck();
    try {
      const ids = Array.from({ length: 12 }, () => randomUUID());
      const visibleWhenAcknowledged = await Promise.all(
        ids.map((id, i) =>
          writer
            .transaction(async (tx) => {
              await insertAudit(tx, id, 'group-commit.ack');
              // Later units of the batch take real time, so an early acknowledgement would be seen.
              await setTimeout(i % 3 === 0 ? 30 : 1);
            })
            .then(() => committed.get(id)),
        ),
      );
      assert.deepEqual(
        visibleWhenAcknowledged,
        ids.map(() => 1),
      );
      assert.ok(writer.commitStats!().commits < ids.length);
    } finally {
      reader.close();
      await writer.close();
      await database.drop();
    }
  });

  it('lets a transaction see the writes of the ones before it in its batch, in order', async () => {
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.transaction(async (tx) => {
          const seen = await tx.selectFrom('audit_entries').where('subject_id', '=', key).select('id').execute();
          await tx
            .insertInto('audit_entries')
            .values({ ...auditRow(randomUUID(), 'group-commit.order'), subject_type: 'test', subject_id: key })
            .execute();
          return seen.length;
        }),
      ),
    );
    assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects a unit whose constraint failed and keeps the transaction usable for the next', async () => {
    const id = randomUUID();
    const other = randomUUID();
    const [first, duplicate, next] = await Promise.allSettled([
      store.transaction((tx) => insertAudit(tx, id, 'group-commit.unique')),
      store.transaction((tx) => insertAudit(tx, id, 'group-commit.unique')),
      store.transaction((tx) => insertAudit(tx, other, 'group-commit.unique')),
    ]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(duplicate.status, 'rejected');
    assert.match(String((duplicate as PromiseRejectedResult).reason), /UNIQUE constraint failed/);
    assert.equal(next.status, 'fulfilled');
    assert.deepEqual(await stored([id, other]), new Set([id, other]));
  });
});
