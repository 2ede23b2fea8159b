import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { can, type Actor } from './policy.js';

const staff = (role: Actor['role']): Actor => ({ kind: 'staff', accountId: 'a', role, sessionHash: 'h' });
const token = (role: Actor['role']): Actor => ({ kind: 'api_token', tokenId: 't', role, createdBy: 'a' });

describe('policy', () => {
  it('lets only admins manage staff, API tokens and read the outbox', () => {
    for (const action of ['staff.manage', 'apiTokens.manage', 'outbox.read'] as const) {
      assert.equal(can(staff('admin'), action), true, action);
      assert.equal(can(staff('host'), action), false, action);
      assert.equal(can(staff('dpo'), action), false, action);
      assert.equal(can(token('admin'), action), true, action);
      assert.equal(can(token('host'), action), false, action);
    }
  });

  it('lets signed-in people, not integrations, manage their own credentials', () => {
    assert.equal(can(staff('host'), 'account.self'), true);
    assert.equal(can(token('admin'), 'account.self'), false);
  });
});
