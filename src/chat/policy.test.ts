import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canAnswer, knowsAsker, voterKey } from '../qa/policy.js';
import { isChatHost, seesThread } from './policy.js';

const session = (role: string, participantId = 'p1', extra: { registrationId?: string; accountId?: string } = {}) =>
  ({ role, participantId, registrationId: extra.registrationId ?? null, accountId: extra.accountId ?? null }) as never;

describe('chat and Q&A policies', () => {
  it('lets only hosts switch minutes and read every private thread; a participant reads their own', () => {
    assert.equal(isChatHost(session('host')), true);
    for (const role of ['participant', 'panelist', 'attendee']) assert.equal(isChatHost(session(role)), false, role);
    assert.equal(seesThread(session('host', 'h'), 'p1'), true);
    assert.equal(seesThread(session('participant', 'p1'), 'p1'), true);
    assert.equal(seesThread(session('participant', 'p2'), 'p1'), false);
  });

  it('lets the panel answer, only the host see anonymous askers, and counts one vote per person', () => {
    assert.equal(canAnswer(session('host'), false), true);
    assert.equal(canAnswer(session('participant'), true), true, 'a promoted panelist');
    assert.equal(canAnswer(session('participant'), false), false);
    assert.equal(knowsAsker(session('host')), true);
    assert.equal(knowsAsker(session('participant')), false);
    assert.equal(voterKey(session('participant', 'p1', { registrationId: 'r1' })), 'r:r1', 'a registrant votes once even from two tabs');
    assert.equal(voterKey(session('host', 'p1', { accountId: 'a1' })), 'a:a1');
    assert.equal(voterKey(session('participant', 'p9')), 'p:p9');
  });
});
