import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestPlenum } from '../testing/plenum.js';
import { contractProblem } from '../testing/room-socket.js';
import { intents, intentTables, serverMessage, type IntentType } from '../shared/protocol/index.js';

/** The room's WebSocket contract (src/shared/protocol/) against itself and against the server that serves it. */
describe('room protocol contract', () => {
  it('names each intent type once across the features', () => {
    const seen = new Map<string, number>();
    for (const table of intentTables) for (const type of Object.keys(table)) seen.set(type, (seen.get(type) ?? 0) + 1);
    assert.deepEqual(
      [...seen].filter(([, count]) => count > 1),
      [],
    );
  });

  it('is served exactly: every intent of the contract has a handler on the server, and no handler is outside it', async () => {
    const plenum = await startTestPlenum('sqlite');
    try {
      const served = new Set(['hello', ...plenum.roomIntentTypes]);
      assert.deepEqual(
        Object.keys(intents).filter((type) => !served.has(type)),
        [],
        'declared but not handled',
      );
      assert.deepEqual(
        [...served].filter((type) => !Object.hasOwn(intents, type)),
        [],
        'handled but not declared',
      );
    } finally {
      await plenum.dispose();
    }
  });

  it('finds a push or a result outside the contract (the check every room socket test runs)', () => {
    const sent = new Map<number, IntentType>([[7, 'qa.upvote']]);
    assert.equal(contractProblem({ type: 'chat.minutes', minutes: null }, sent), undefined);
    assert.equal(contractProblem({ type: 'result', id: 7, data: { upvotes: 2 } }, sent), undefined);
    assert.match(contractProblem({ type: 'chat.minutes', minutes: 'on' }, sent) ?? '', /not in the contract/);
    assert.match(contractProblem({ type: 'chat.unknown' }, sent) ?? '', /not in the contract/);
    assert.match(contractProblem({ type: 'result', id: 7, data: { upvotes: 'two' } }, sent) ?? '', /not its declared reply/);
    assert.equal(serverMessage.safeParse({ type: 'error', code: 'ERR_VALIDATION', message: 'Invalid input' }).success, true);
  });
});
