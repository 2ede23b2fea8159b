import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { createAttendance } from './attendance.js';
import type { JoinSession } from './join-sessions.js';

describe('attendance on SQLite', () => {
  let plenum: TestPlenum;
  let roomId: string;
  before(async () => {
    plenum = await startTestPlenum('sqlite');
    const admin = await setUpAdmin(plenum);
    roomId = (
      await plenum.app.inject({ method: 'POST', url: '/api/meetings', payload: { title: 'Attendance' }, headers: { cookie: admin } })
    ).json().id;
  });
  after(() => plenum.dispose());

  const session = (i: number): JoinSession => ({
    participantId: randomUUID(),
    roomId,
    displayName: `Person ${i}`,
    role: 'participant',
    accountId: null,
    registrationId: null,
    expiresAt: Date.now() + 60_000,
  });

  it('writes the rows of a crowd that comes and goes within a window under shared COMMITs', async () => {
    const attendance = createAttendance(plenum.store);
    const before = plenum.store.commitStats!();
    // One arrival every 2 ms, as in a join storm: the first writes at once; the others wait for the
    // end of the window and share the store's group commit (at most 64 a COMMIT).
    const arrivals: Promise<string>[] = [];
    for (let i = 0; i < 50; i++) {
      arrivals.push(attendance.joined(session(i)));
      await setTimeout(2);
    }
    const ids = await Promise.all(arrivals);
    const joined = plenum.store.commitStats!();
    assert.equal(joined.units - before.units, 50);
    assert.ok(joined.commits - before.commits <= 3, `${joined.commits - before.commits} COMMITs for 50 arrivals`);

    const departures: Promise<void>[] = [];
    for (const id of ids) {
      departures.push(attendance.left(id));
      await setTimeout(2);
    }
    await Promise.all(departures);
    const left = plenum.store.commitStats!();
    assert.ok(left.commits - joined.commits <= 3, `${left.commits - joined.commits} COMMITs for 50 departures`);

    const rows = await plenum.store.db.selectFrom('room_attendance').selectAll().where('id', 'in', ids).execute();
    assert.equal(rows.length, 50);
    assert.ok(rows.every((row) => row.room_id === roomId && row.left_at !== null && row.left_at >= row.joined_at));
    assert.deepEqual(new Set(rows.map((row) => row.display_name)), new Set(Array.from({ length: 50 }, (_, i) => `Person ${i}`)));
  });
});
