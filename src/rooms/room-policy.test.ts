import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canInRoom, canRemove, type RoomAction } from './room-policy.js';

describe('room policy', () => {
  const actions: RoomAction[] = ['moderate', 'invite', 'end', 'assignRoles'];
  const expected: Record<string, RoomAction[]> = {
    host: ['moderate', 'invite', 'end', 'assignRoles'],
    cohost: ['moderate', 'invite'],
    participant: [],
    panelist: [],
    attendee: [],
  };

  it('lets hosts do everything, co-hosts moderate and invite, everyone else nothing', () => {
    for (const [role, allowed] of Object.entries(expected)) {
      assert.deepEqual(
        actions.filter((action) => canInRoom({ role }, action)),
        allowed,
        role,
      );
    }
  });

  it('lets nobody remove a host, only hosts remove co-hosts, moderators remove participants', () => {
    const removable = (actor: string) => ['host', 'cohost', 'participant'].filter((target) => canRemove({ role: actor }, { role: target }));
    assert.deepEqual(removable('host'), ['cohost', 'participant']);
    assert.deepEqual(removable('cohost'), ['participant']);
    assert.deepEqual(removable('participant'), []);
  });
});
