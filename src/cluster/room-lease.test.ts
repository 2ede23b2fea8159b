import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { deleteKeys, testKeyPrefix, testRedisUrl } from '../testing/cluster.js';
import { until } from '../testing/until.js';
import { RoomLeases } from './room-lease.js';

/** Two instances, each with a Redis connection of its own, competing for one room. */
describe('room leases with fencing (cluster mode)', () => {
  const prefix = testKeyPrefix();
  const connections = [new Redis(testRedisUrl), new Redis(testRedisUrl)];
  const options = { ttlMs: 300, stateTtlMs: 60_000 };
  const [a, b] = [
    new RoomLeases(() => connections[0]!, prefix, 'instance-a', options),
    new RoomLeases(() => connections[1]!, prefix, 'instance-b', options),
  ];

  before(async () => Promise.all(connections.map((c) => c.ping())));
  after(async () => {
    await deleteKeys(prefix);
    for (const c of connections) c.disconnect();
  });

  it('gives a room to one instance; the other is told who holds it', async () => {
    const roomId = randomUUID();
    const first = await a.acquire(roomId);
    assert.deepEqual(first.holder, { instanceId: 'instance-a', epoch: 1 });
    assert.ok(first.lease?.valid());
    const second = await b.acquire(roomId);
    assert.equal(second.lease, undefined);
    assert.deepEqual(second.holder, { instanceId: 'instance-a', epoch: 1 });
    assert.deepEqual(await b.holder(roomId), { instanceId: 'instance-a', epoch: 1 });
    // Renewed while the room lives: still A's after three times the ttl.
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, options.ttlMs / 2));
      assert.equal(await first.lease!.renew(), true);
    }
    assert.equal((await b.acquire(roomId)).lease, undefined, 'a renewed lease is never taken');
    await first.lease!.release(false);
    const after = await b.acquire(roomId);
    assert.deepEqual(after.holder, { instanceId: 'instance-b', epoch: 2 }, 'released: the next owner takes it at once, a new epoch');
  });

  it('refuses every write and renewal of a stalled former owner once another took over', async () => {
    const roomId = randomUUID();
    const stalled = (await a.acquire(roomId)).lease!;
    assert.equal(await stalled.write([{ field: 'locked', value: '1' }]), true);
    assert.deepEqual(await b.state(roomId), { locked: '1', epoch: '1' });
    // A stops renewing (a long pause, a lost network): the lease lapses, B takes the room.
    const taken = await until(async () => (await b.acquire(roomId)).lease, { timeoutMs: 5_000 });
    assert.equal(taken.epoch, 2);
    assert.equal(stalled.valid(), false, 'by its own clock A knows it may no longer act');
    assert.equal(await stalled.write([{ field: 'locked', value: '0' }]), false, 'the stale epoch is refused inside Redis');
    assert.equal(await stalled.renew(), false);
    assert.equal(await taken.write([{ field: 'hands', value: '[]' }]), true);
    assert.deepEqual(await a.state(roomId), { locked: '1', hands: '[]', epoch: '2' }, 'the stale write changed nothing');
    await stalled.release(true);
    assert.deepEqual(await a.holder(roomId), { instanceId: 'instance-b', epoch: 2 }, 'a stale release leaves the new lease alone');
  });

  it('refuses a write after the lease lapsed, even when nobody took the room; a renewal takes it back then', async () => {
    const roomId = randomUUID();
    const lease = (await a.acquire(roomId)).lease!;
    await until(async () => (await a.holder(roomId)) === undefined, { timeoutMs: 5_000 });
    assert.equal(lease.valid(), false);
    assert.equal(await lease.write([{ field: 'locked', value: '1' }]), false);
    assert.deepEqual(await a.state(roomId), {});
    const again = (await a.acquire(roomId)).lease!;
    await until(async () => (await a.holder(roomId)) === undefined, { timeoutMs: 5_000 });
    // Redis was out of reach for a moment, nobody else took the room: the owner goes on with its epoch.
    assert.equal(await again.renew(), true);
    assert.ok(again.valid());
    assert.deepEqual(await b.holder(roomId), { instanceId: 'instance-a', epoch: again.epoch });
  });

  it('tells an abandoned room from an owned one, and fences its stalled last owner off without losing the shared state', async () => {
    const roomId = randomUUID();
    assert.equal(await b.fenceIfVacant(roomId), true, 'a room nobody ever owned is abandoned');
    assert.equal(await b.holder(roomId), undefined);
    const stalled = (await a.acquire(roomId)).lease!;
    assert.equal(await stalled.write([{ field: 'locked', value: '1' }]), true);
    assert.equal(await b.fenceIfVacant(roomId), false, 'owned while its lease is held');
    assert.equal(await stalled.renew(), true);
    // A stalls: its lease lapses and nobody opens the room. B finds it abandoned (and may finish what A left).
    await until(async () => (await b.holder(roomId)) === undefined, { timeoutMs: 5_000 });
    assert.equal(await b.fenceIfVacant(roomId), true);
    assert.equal(await stalled.renew(), false, 'A wakes up: it can no longer take the lapsed lease back');
    assert.equal(await stalled.write([{ field: 'locked', value: '0' }]), false);
    const next = await b.acquire(roomId);
    assert.deepEqual(next.holder, { instanceId: 'instance-b', epoch: 3 }, 'the next owner comes after the fenced epoch');
    assert.deepEqual(await b.state(roomId), { locked: '1', epoch: '1' }, 'and takes the state over');
  });

  it('clears the shared state when the room closes in order, keeps it for the next owner after a restart', async () => {
    const roomId = randomUUID();
    const first = (await a.acquire(roomId)).lease!;
    await first.write([{ field: 'locked', value: '1' }]);
    await first.release(false);
    const next = (await b.acquire(roomId)).lease!;
    assert.deepEqual(await b.state(roomId), { locked: '1', epoch: '1' });
    await next.release(true);
    assert.deepEqual(await b.state(roomId), {});
  });
});
