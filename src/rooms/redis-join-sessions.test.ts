import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { deleteKeys, testKeyPrefix, testRedisUrl } from '../testing/cluster.js';
import { personalSessionsPerLink, type JoinSessionStore } from './join-sessions.js';
import { hashToken } from '../shared/secrets.js';
import { redisJoinSessions } from './redis-join-sessions.js';

/** Two instances' views of the same Redis: each with a connection of its own, as on two machines. */
describe('join sessions in Redis (cluster mode)', () => {
  const prefix = testKeyPrefix();
  const connections = [new Redis(testRedisUrl), new Redis(testRedisUrl)];
  let a: JoinSessionStore;
  let b: JoinSessionStore;
  const roomId = randomUUID();
  const grant = <R extends string | null = null>(displayName: string, registrationId: R = null as R) => ({
    roomId,
    displayName,
    role: 'participant' as const,
    accountId: null,
    registrationId,
  });

  before(async () => {
    await Promise.all(connections.map((c) => c.ping()));
    [a, b] = connections.map((c) => redisJoinSessions(() => c, prefix, pino({ level: 'silent' }))) as [JoinSessionStore, JoinSessionStore];
  });
  after(async () => {
    await deleteKeys(prefix);
    for (const c of connections) c.disconnect();
  });

  it('finds on one instance what the other granted, and a revocation on either ends it on both', async () => {
    const anna = await a.grant(grant('Anna'));
    const found = await b.find(anna.token);
    assert.equal(found?.displayName, 'Anna');
    assert.equal(found?.participantId, anna.participantId);
    await b.revokeParticipant(anna.participantId);
    assert.equal(await a.find(anna.token), undefined);
    assert.equal(await b.find(anna.token), undefined);
    assert.equal(await a.find('not a token'), undefined);
  });

  it('makes every use of a personal link one participant, on whichever instance, and keeps a role given in the room', async () => {
    const registrationId = randomUUID();
    const [first, second] = await Promise.all([
      a.grantPersonal(grant('Rita', registrationId)),
      b.grantPersonal(grant('Rita', registrationId)),
    ]);
    assert.equal(first.participantId, second.participantId);
    assert.notEqual(first.token, second.token);
    await a.setRole(first.participantId, 'cohost');
    assert.equal((await b.find(second.token))?.role, 'cohost');
    const third = await b.grantPersonal(grant('Rita', registrationId));
    assert.equal((await a.find(third.token))?.role, 'cohost', 'a new use of the link is the same person, role included');

    await b.revokeRegistration(registrationId);
    for (const { token } of [first, second, third]) assert.equal(await a.find(token), undefined);
  });

  it('keeps the newest uses of a personal link valid and ends the oldest, however many instances grant at once', async () => {
    const registrationId = randomUUID();
    const uses = [];
    for (let i = 0; i < personalSessionsPerLink + 2; i++) uses.push(await (i % 2 ? a : b).grantPersonal(grant('Rita', registrationId)));
    const valid = await Promise.all(uses.map(async ({ token }) => (await b.find(token)) !== undefined));
    assert.deepEqual(valid, [false, false, ...Array<boolean>(personalSessionsPerLink).fill(true)]);

    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).grantPersonal(grant('Rita', registrationId))));
    const still = await Promise.all([...uses, ...burst].map(async ({ token }) => (await a.find(token)) !== undefined));
    assert.equal(still.filter(Boolean).length, personalSessionsPerLink);
    const participantId = uses[0]!.participantId;
    const redis = connections[0]!;
    assert.equal(await redis.scard(`${prefix}js:pt:${participantId}`), personalSessionsPerLink, 'the index holds only the live ones');
    const tokenKeys = await redis.keys(`${prefix}js:t:*`);
    const ofRita = await Promise.all(tokenKeys.map((key) => redis.get(key)));
    assert.equal(ofRita.filter((id) => id === participantId).length, personalSessionsPerLink, 'ended tokens are gone from Redis');

    await a.revokeRegistration(registrationId);
    assert.deepEqual(await redis.keys(`${prefix}js:*:${participantId}`), [], 'revoking leaves no key of the person');
  });

  it('ends every session of a room, and leaves no key of it behind', async () => {
    const tokens = await Promise.all([a.grant(grant('Carl')), b.grant(grant('Dora')), a.grantPersonal(grant('Emil', randomUUID()))]);
    await b.revokeRoom(roomId);
    for (const { token } of tokens) assert.equal(await a.find(token), undefined);
    const left = await connections[0]!.keys(`${prefix}js:*`);
    assert.deepEqual(left, []);
  });

  it('refuses what Plenum did not write: garbage, a session under another participant, ids that would reach other keys', async () => {
    const fred = await a.grant(grant('Fred'));
    const key = `${prefix}js:p:${fred.participantId}`;
    for (const garbage of [
      'not json',
      '{}',
      JSON.stringify({
        participantId: fred.participantId,
        roomId,
        displayName: 'Fred',
        role: 'admin',
        accountId: null,
        registrationId: null,
        expiresAt: 9e15,
      }),
      JSON.stringify({
        participantId: 'someone-else',
        roomId,
        displayName: 'Fred',
        role: 'host',
        accountId: null,
        registrationId: null,
        expiresAt: 9e15,
      }),
    ]) {
      await connections[0]!.set(key, garbage);
      assert.equal(await b.find(fred.token), undefined, garbage);
    }
    await connections[0]!.set(`${prefix}js:t:${hashToken('forged')}`, '../../x');
    assert.equal(await b.find('forged'), undefined, 'a stored id that cannot name a key is refused');
    // Ids that are not Plenum's own never become part of a key.
    await assert.rejects(a.revokeParticipant(`x:*`), { code: 'ERR_CLUSTER_UNAVAILABLE' });
    await assert.rejects(a.grant({ ...grant('Gina'), roomId: `${roomId} *` }), { code: 'ERR_CLUSTER_UNAVAILABLE' });
  });
});
