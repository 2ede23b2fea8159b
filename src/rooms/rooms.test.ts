import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { dialects } from '../testing/stores.js';

for (const dialect of dialects) {
  describe(`meetings on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    let meeting: { id: string; meetingNumber: string; passcode: string; joinUrl: string };

    before(async () => {
      plenum = await startTestPlenum(dialect);
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      plenum.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });

    it('creates a meeting with a random meeting ID and passcode', async () => {
      const response = await post('/api/meetings', { title: 'Quarterly review' }, { cookie: admin });
      assert.equal(response.statusCode, 201);
      meeting = response.json();
      assert.match(meeting.meetingNumber, /^\d{3} \d{4} \d{4}$/);
      assert.match(meeting.passcode, /[a-z]/);
      assert.ok(meeting.joinUrl.endsWith(`/join?meeting=${meeting.meetingNumber.replaceAll(' ', '')}`));
      const list = (await plenum.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie: admin } })).json();
      assert.deepEqual(list.meetings.map((m: { id: string }) => m.id), [meeting.id]);
    });

    it('refuses an unknown meeting and a wrong passcode alike', async () => {
      const unknown = await post('/api/join', { meetingNumber: '999 9999 9999', passcode: meeting.passcode, displayName: 'Eve' });
      const wrong = await post('/api/join', { meetingNumber: meeting.meetingNumber, passcode: 'wrong123', displayName: 'Eve' });
      assert.equal(unknown.statusCode, 403);
      assert.deepEqual(unknown.json(), wrong.json());
      assert.equal(wrong.json().error.code, 'ERR_JOIN_REFUSED');
    });

    it('lets a participant in with the passcode, typed with spaces or dashes', async () => {
      const response = await post('/api/join', { meetingNumber: meeting.meetingNumber.replaceAll(' ', '-'), passcode: ` ${meeting.passcode.toUpperCase()} `, displayName: 'Paula' });
      assert.equal(response.statusCode, 200);
      assert.match(response.json().joinToken, /^[\w-]{43}$/);
      assert.equal(response.json().title, 'Quarterly review');
    });

    it('limits passcode attempts per meeting, from any address', async () => {
      const target = { meetingNumber: meeting.meetingNumber, passcode: 'guess000', displayName: 'Mallory' };
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        statuses.push((await plenum.app.inject({ method: 'POST', url: '/api/join', payload: target, remoteAddress: `10.1.0.${i}` })).statusCode);
      }
      // The wrong passcode and the successful join above counted too: 20 attempts in the window.
      assert.deepEqual(statuses, [...Array(18).fill(403), 429, 429, 429]);
    });

    it('lets only the host start and end a meeting, then refuses everyone', async () => {
      const hostJoin = await post(`/api/meetings/${meeting.id}/host-join`, {}, { cookie: admin });
      assert.equal(hostJoin.statusCode, 200);
      assert.equal((await post(`/api/meetings/${meeting.id}/host-join`, {})).statusCode, 401);
      assert.equal((await post(`/api/meetings/${meeting.id}/end`, {}, { cookie: admin })).statusCode, 204);
      const other = await post('/api/meetings', { title: 'Other' }, { cookie: admin });
      const late = await plenum.app.inject({
        method: 'POST',
        url: '/api/join',
        payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: 'Late' },
        remoteAddress: '10.2.0.1',
      });
      assert.ok([410, 429].includes(late.statusCode));
      assert.equal(other.statusCode, 201);
      const ended = (await plenum.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}`, headers: { cookie: admin } })).json();
      assert.ok(ended.endedAt);
    });
  });
}
