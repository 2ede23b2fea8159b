import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { JoinSessions, personalSessionsPerLink } from './join-sessions.js';

/** The single instance's store (cluster mode: redis-join-sessions.test.ts). */
describe('join sessions of a single instance', () => {
  const personal = (registrationId: string, roomId = 'room-1') => ({
    roomId,
    displayName: 'Rita',
    role: 'participant' as const,
    accountId: null,
    registrationId,
  });

  it('keeps the newest uses of a personal link valid and ends the oldest, so a link opened in a loop holds no more', async () => {
    const store = new JoinSessions();
    const registrationId = randomUUID();
    const uses = [];
    for (let i = 0; i < personalSessionsPerLink + 3; i++) uses.push(await store.grantPersonal(personal(registrationId)));
    assert.equal(new Set(uses.map((use) => use.participantId)).size, 1, 'every use is the same person');
    const valid = await Promise.all(uses.map(async ({ token }) => (await store.find(token)) !== undefined));
    assert.deepEqual(valid, [false, false, false, ...Array<boolean>(personalSessionsPerLink).fill(true)]);

    const other = await store.grantPersonal(personal(randomUUID()));
    assert.ok(await store.find(other.token), 'another person’s link is counted on its own');
    const elsewhere = await store.grantPersonal(personal(registrationId, 'room-2'));
    assert.ok(await store.find(elsewhere.token));
    assert.ok(await store.find(uses.at(-1)!.token));

    await store.revokeRegistration(registrationId);
    for (const { token } of [...uses, elsewhere]) assert.equal(await store.find(token), undefined);
    const again = await store.grantPersonal(personal(registrationId));
    assert.ok(await store.find(again.token), 'a link issued anew admits its person again');
  });
});
