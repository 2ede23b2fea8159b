import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canActOn, canChangeRoleOf, canInRoom, canRemove, type RoomAction } from './room-policy.js';

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

  it('lets only a host act on a host; moderators act on everyone else', () => {
    const mutable = (actor: string) => ['host', 'cohost', 'participant'].filter((target) => canActOn({ role: actor }, { role: target }));
    assert.deepEqual(mutable('host'), ['host', 'cohost', 'participant']);
    assert.deepEqual(mutable('cohost'), ['cohost', 'participant']);
    assert.deepEqual(mutable('participant'), []);
  });

  it('lets only a host change roles, and never the host role by naming one', () => {
    const changeable = (actor: string) =>
      ['host', 'cohost', 'participant'].filter((target) => canChangeRoleOf({ role: actor }, { role: target }));
    assert.deepEqual(changeable('host'), ['cohost', 'participant']);
    assert.deepEqual(changeable('cohost'), []);
  });
});
