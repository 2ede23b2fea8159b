import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestStore } from '../testing/stores.js';
import { precompiledInsert } from './precompiled.js';
import type { Store } from './store.js';

for (const dialect of dialects) {
  describe(`precompiled insert on ${dialect}`, () => {
    let store: Store & { dispose(): Promise<void> };
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(() => store.dispose());

    const insertSpent = precompiledInsert('captcha_spent', ['signature']);
    const insertAudit = precompiledInsert('audit_entries');
    const audit = (id: string, detail: string | null) => ({
      id,
      at: new Date().toISOString(),
      actor_kind: 'system' as const,
      actor_id: null,
      action: 'precompiled.test',
      subject_type: null,
      subject_id: null,
      detail,
    });

    it('stores each row with its own values, reusing the statement, and counts what the conflict clause skipped as 0', async () => {
      const signatures = [randomUUID(), randomUUID(), randomUUID()];
      const counts = [];
      for (const signature of [...signatures, signatures[1]!])
        counts.push(await store.transaction((tx) => insertSpent(tx, { signature, expires_at: `2030-01-0${counts.length + 1}` })));
      assert.deepEqual(counts, [1, 1, 1, 0]);
      const rows = await store.db
        .selectFrom('captcha_spent')
        .selectAll()
        .where('signature', 'in', signatures)
        .orderBy('expires_at')
        .execute();
      assert.deepEqual(
        rows,
        signatures.map((signature, i) => ({ signature, expires_at: `2030-01-0${i + 1}` })),
      );
    });

    it('keeps nulls and strings apart and runs outside a transaction too', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      assert.equal(await insertAudit(store.db, audit(a, null)), 1);
      assert.equal(await insertAudit(store.db, audit(b, '{"rows":2}')), 1);
      const rows = await store.db.selectFrom('audit_entries').select(['id', 'detail', 'action']).where('id', 'in', [a, b]).execute();
      assert.deepEqual(
        new Map(rows.map((r) => [r.id, r.detail])),
        new Map([
          [a, null],
          [b, '{"rows":2}'],
        ]),
      );
      assert.ok(rows.every((r) => r.action === 'precompiled.test'));
    });
  });
}
