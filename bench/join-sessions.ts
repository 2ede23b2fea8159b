/**
 * What cluster mode costs a join: granting a join session (the HTTP join) and finding it (the
 * WebSocket hello), in this process's memory (single mode, the baseline, same run) and in Redis
 * (cluster mode, REDIS_URL or the local Redis), one after the other, sequentially, N times each.
 * Prints per-operation p50/p99 and ends with a RESULT line.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { JoinSessions, type JoinSessionStore } from '../src/rooms/join-sessions.js';
import { redisJoinSessions } from '../src/rooms/redis-join-sessions.js';
import { deleteKeys, testKeyPrefix } from '../src/testing/cluster.js';

const n = Number(process.env.N ?? 2000);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(store: JoinSessionStore) {
  const grant: number[] = [];
  const find: number[] = [];
  const roomId = randomUUID();
  for (let i = 0; i < n; i++) {
    let start = performance.now();
    const { token } = await store.grant({ roomId, displayName: `Person ${i}`, role: 'participant', accountId: null, registrationId: null });
    grant.push(performance.now() - start);
    start = performance.now();
    if (!(await store.find(token))) throw new Error('a granted session was not found');
    find.push(performance.now() - start);
  }
  await store.revokeRoom(roomId);
  const stats = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  return { grant: stats(grant), find: stats(find) };
}

const prefix = testKeyPrefix();
const redis = new Redis(redisUrl);
try {
  const memory = await measure(new JoinSessions());
  const shared = await measure(redisJoinSessions(() => redis, prefix, pino({ level: 'silent' })));
  const ms = (v: number) => v.toFixed(3);
  console.log(`join sessions, ${n} grants and finds each, sequential`);
  console.log(
    `  memory (single mode, baseline): grant p50 ${ms(memory.grant.p50)} ms p99 ${ms(memory.grant.p99)} ms; find p50 ${ms(memory.find.p50)} ms p99 ${ms(memory.find.p99)} ms`,
  );
  console.log(
    `  Redis (cluster mode):           grant p50 ${ms(shared.grant.p50)} ms p99 ${ms(shared.grant.p99)} ms; find p50 ${ms(shared.find.p50)} ms p99 ${ms(shared.find.p99)} ms`,
  );
  console.log(
    `RESULT sessions=${n} memory_grant_p50_ms=${ms(memory.grant.p50)} memory_find_p50_ms=${ms(memory.find.p50)} redis_grant_p50_ms=${ms(shared.grant.p50)} redis_grant_p99_ms=${ms(shared.grant.p99)} redis_find_p50_ms=${ms(shared.find.p50)} redis_find_p99_ms=${ms(shared.find.p99)}`,
  );
} finally {
  redis.disconnect();
  await deleteKeys(prefix);
}
