import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { can, liveHostOf, ownerOf, ownerScope, permitted, type Actor } from './policy.js';

const staff = (role: Actor['role'], accountId = 'a'): Actor => ({ kind: 'staff', accountId, role, sessionHash: 'h' });
const token = (role: Actor['role'], createdBy = 'a'): Actor => ({ kind: 'api_token', tokenId: 't', role, createdBy });

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

  it('lets a host act on their own events and rooms only; admins on all', () => {
    for (const action of ['events.manage', 'registrations.read', 'rooms.manage', 'calls.read'] as const) {
      assert.equal(can(staff('host', 'h1'), action, { ownerId: 'h1' }), true, action);
      assert.equal(can(staff('host', 'h1'), action, { ownerId: 'h2' }), false, action);
      assert.equal(can(staff('admin', 'a1'), action, { ownerId: 'h2' }), true, action);
      assert.equal(ownerScope(staff('host', 'h1'), action), 'h1', action);
      assert.equal(ownerScope(staff('admin', 'a1'), action), undefined, action);
    }
  });

  it('lets the DPO read every event’s registrations and every call, but manage no event or room', () => {
    assert.equal(can(staff('dpo'), 'registrations.read', { ownerId: 'h2' }), true);
    assert.equal(can(staff('dpo'), 'calls.read', { ownerId: 'h2' }), true);
    assert.equal(can(staff('dpo'), 'events.manage', { ownerId: 'a' }), false);
    assert.equal(can(staff('dpo'), 'rooms.manage', { ownerId: 'a' }), false);
  });

  it('makes an API token the owner of what it creates, never its creator: a host-role token does not reach the admin’s own rooms or events', () => {
    const integration = token('host', 'admin-1');
    assert.equal(ownerOf(integration), 't');
    for (const action of ['events.manage', 'registrations.read', 'rooms.manage', 'calls.read'] as const) {
      assert.equal(can(integration, action, { ownerId: 't' }), true, action);
      assert.equal(can(integration, action, { ownerId: 'admin-1' }), false, action);
      assert.equal(ownerScope(integration, action), 't', action);
    }
    assert.equal(can(token('admin', 'admin-1'), 'rooms.manage', { ownerId: 'admin-1' }), true);
    assert.equal(liveHostOf(integration), 'admin-1', 'its rooms are hosted live by the admin who made the token');
    assert.equal(liveHostOf(staff('host', 'h1')), 'h1');
  });

  it('answers not found alike for a resource that does not exist and one the actor may not act on', () => {
    const room = { id: 'r1', owner_id: 'h1' };
    assert.equal(permitted(staff('host', 'h1'), 'rooms.manage', room), room);
    assert.equal(permitted(staff('admin', 'a1'), 'rooms.manage', room), room);
    const notFound = (error: unknown) => error instanceof AppError && error.code === 'ERR_NOT_FOUND';
    assert.throws(() => permitted(staff('host', 'h2'), 'rooms.manage', room), notFound);
    assert.throws(() => permitted(staff('dpo'), 'rooms.manage', room), notFound);
    assert.throws(() => permitted(staff('admin', 'a1'), 'rooms.manage', undefined), notFound);
  });
});
