import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { recordAudit } from '../../privacy/audit.js';
import { deleteKeys, testKeyPrefix, testRedisUrl } from '../../testing/cluster.js';
import { dialects, openTestStore } from '../../testing/stores.js';
import { until } from '../../testing/until.js';
import { redisLoad } from './load.js';
import { nodeRegistry, type AuditChange } from './registry.js';

const audit: AuditChange = (db, action, id, detail) =>
  recordAudit(db, { kind: 'system' }, { action, subject: { type: 'media_node', id }, detail });
const edge = { id: 'janus-2', apiUrl: 'ws://10.0.0.12:8188', adminUrl: 'ws://10.0.0.12:7188', mediaAddress: '10.0.0.12', role: 'edge' };

for (const dialect of dialects) {
  describe(`media node registry (${dialect})`, () => {
    let store: Awaited<ReturnType<typeof openTestStore>>;
    before(async () => (store = await openTestStore(dialect)));
    after(async () => store?.dispose());

    const auditActions = async () =>
      (await store.db.selectFrom('audit_entries').select(['action', 'subject_id', 'detail']).orderBy('at').execute()).map(
        (e) => `${e.action} ${e.subject_id} ${e.detail}`,
      );

    it('registers a node as active and audits it in the same transaction', async () => {
      const node = await store.transaction((tx) => nodeRegistry.register(tx, edge, audit));
      assert.equal(node.state, 'active');
      assert.deepEqual(await nodeRegistry.list(store.db), [{ ...edge, state: 'active' }]);
      assert.deepEqual(await auditActions(), ['media_node.register janus-2 {"role":"edge","mediaAddress":"10.0.0.12"}']);
    });

    it('refuses unknown fields, other URLs and an unspecified address, and writes nothing then', async () => {
      for (const wrong of [
        { ...edge, secret: 'x' },
        { ...edge, apiUrl: 'http://10.0.0.12:8088' },
        { ...edge, mediaAddress: '0.0.0.0' },
      ]) {
        await assert.rejects(store.transaction((tx) => nodeRegistry.register(tx, { ...wrong, id: 'janus-9' }, audit)));
      }
      assert.deepEqual(
        (await nodeRegistry.list(store.db)).map((n) => n.id),
        ['janus-2'],
      );
    });

    it('drains a node, keeps the state when the node is registered again, and refuses unknown nodes and states', async () => {
      await store.transaction((tx) => nodeRegistry.setState(tx, 'janus-2', 'draining', audit));
      await store.transaction((tx) => nodeRegistry.register(tx, { ...edge, mediaAddress: '10.0.0.13' }, audit));
      const [node] = await nodeRegistry.list(store.db);
      assert.equal(node?.state, 'draining');
      assert.equal(node?.mediaAddress, '10.0.0.13');
      await assert.rejects(
        store.transaction((tx) => nodeRegistry.setState(tx, 'nope', 'down', audit)),
        /no media node nope/,
      );
      await assert.rejects(store.transaction((tx) => nodeRegistry.setState(tx, 'janus-2', 'asleep', audit)));
      await store.transaction((tx) => nodeRegistry.remove(tx, 'janus-2', audit));
      assert.deepEqual(await nodeRegistry.list(store.db), []);
      assert.deepEqual((await auditActions()).slice(1), [
        'media_node.state janus-2 {"state":"draining"}',
        'media_node.register janus-2 {"role":"edge","mediaAddress":"10.0.0.13"}',
        'media_node.remove janus-2 {}',
      ]);
    });
  });
}

describe('media node load shared in Redis (cluster mode)', () => {
  const prefix = testKeyPrefix();
  const redis = new Redis(testRedisUrl);
  after(async () => {
    redis.disconnect();
    await deleteKeys(prefix);
  });

  it('adds up every instance’s counts, and forgets an instance that stopped', async () => {
    const log = pino({ level: 'silent' });
    const a = redisLoad(() => redis, prefix, 'a', log);
    const b = redisLoad(() => redis, prefix, 'b', log);
    a.add('janus-1', 2);
    b.add('janus-1', 1);
    b.add('janus-2', 1);
    // Each count goes to Redis in the background.
    await until(async () => (await a.totals()).get('janus-2') === 1, { timeoutMs: 5_000, intervalMs: 20, what: 'b’s count published' });
    assert.deepEqual(Object.fromEntries(await a.totals()), { 'janus-1': 3, 'janus-2': 1 });
    await b.close();
    assert.deepEqual(Object.fromEntries(await a.totals()), { 'janus-1': 2 });
    await a.close();
  });
});
