import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPinGuard } from './limits.js';

describe('phone PIN guard', () => {
  it('counts wrong PINs per meeting across calls, then slows that meeting’s checks but still admits the right PIN', async () => {
    const guard = createPinGuard({ threshold: 10, windowMs: 60_000, slowdownMs: 10 });
    const live = new AbortController().signal;
    const checked: string[] = [];
    const enter = (meeting: string, pin: string) =>
      guard.check(meeting, live, async () => (checked.push(pin), pin === '123456789' ? 'admitted' : undefined));

    // Ten calls with a wrong PIN each, for the same meeting.
    for (let call = 0; call < 9; call++) assert.equal(await enter('11122223333', `00000000${call}`), undefined);
    assert.equal(guard.slowed('11122223333'), false, 'nine wrong PINs: not yet');
    assert.equal(await enter('11122223333', '999999999'), undefined);
    assert.equal(guard.slowed('11122223333'), true);
    assert.equal(guard.slowed('44455556666'), false, 'other meetings are not affected');

    assert.equal(await enter('11122223333', '123456789'), 'admitted', 'the right PIN is slowed, never refused');
    assert.equal(checked.length, 11);
    assert.equal(await enter('44455556666', '123456789'), 'admitted');
  });

  it('stops waiting when the caller hangs up, without checking the PIN', async () => {
    const guard = createPinGuard({ threshold: 1, windowMs: 60_000, slowdownMs: 60_000 });
    const live = new AbortController().signal;
    await guard.check('11122223333', live, async () => undefined);
    const call = new AbortController();
    let checked = false;
    const waiting = guard.check('11122223333', call.signal, async () => (checked = true));
    call.abort();
    assert.equal(await waiting, undefined);
    assert.equal(checked, false);
  });
});
