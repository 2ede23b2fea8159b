import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestStore } from '../testing/stores.js';
import type { Store } from '../store/store.js';
import { privacyDeclarations } from '../plenum.js';
import { classifiedColumns, unclassifiedColumns } from './registry-check.js';

/** Kysely's own bookkeeping, not data about anyone. */
const storeInternals = new Set(['kysely_migration', 'kysely_migration_lock']);

for (const dialect of dialects) {
  describe(`privacy registry on ${dialect}`, () => {
    let store: Store & { schema?: string; dispose(): Promise<void> };
    let tables: { name: string; columns: string[] }[];
    const readTables = async () =>
      (await store.db.introspection.getTables())
        .filter((t) => !storeInternals.has(t.name))
        .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
    before(async () => {
      store = await openTestStore(dialect);
      tables = await readTables();
    });
    after(() => store.dispose());

    it('classifies every column of every table as personal (declared) or not', () => {
      assert.deepEqual(
        unclassifiedColumns(tables, privacyDeclarations),
        [],
        'declare these columns in a privacy.ts (as a data category, or as notPersonal)',
      );
    });

    it('catches an undeclared column (fixture: a column added to a declared table and a new table)', async () => {
      // The fixture changes this test's own schema only; the checks above ran on the untouched one.
      const before = new Set(unclassifiedColumns(await readTables(), privacyDeclarations));
      await store.db.schema.alterTable('registrations').addColumn('birthday', 'text').execute();
      await store.db.schema
        .createTable('fixture_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('note', 'text')
        .execute();
      const caught = unclassifiedColumns(await readTables(), privacyDeclarations).filter((c) => !before.has(c));
      assert.deepEqual(caught.sort(), ['fixture_notes.id', 'fixture_notes.note', 'registrations.birthday']);
    });

    it('names only columns that exist, and none as both personal and not', () => {
      const { personal, notPersonal } = classifiedColumns(privacyDeclarations);
      const existing = new Map(tables.map((t) => [t.name, new Set(t.columns)]));
      for (const [table, columns] of [...personal, ...notPersonal]) {
        for (const column of columns) assert.ok(existing.get(table)?.has(column), `${table}.${column} is declared but does not exist`);
      }
      for (const [table, columns] of personal) {
        for (const column of columns)
          assert.ok(!notPersonal.get(table)?.has(column), `${table}.${column} is declared personal and not personal`);
      }
    });
  });
}

describe('privacy declarations', () => {
  it('give every category a unique id, a purpose and retention in both languages, and a named basis', () => {
    const ids = privacyDeclarations.flatMap((d) => d.categories.map((c) => c.id));
    assert.equal(new Set(ids).size, ids.length);
    for (const category of privacyDeclarations.flatMap((d) => d.categories)) {
      assert.ok(category.purpose.en && category.purpose.de, `${category.id}: purpose in both languages`);
      assert.ok(category.columns.length > 0, `${category.id}: at least one column`);
      if (category.legalBasis.article === '6(1)(f)') assert.ok(category.legalBasis.interest.en, `${category.id}: interest named`);
      if (category.retention.kind === 'after') assert.ok(category.retention.days >= 0);
    }
  });
});
