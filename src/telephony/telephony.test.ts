import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { createTelephonySubjectData } from './subject-data.js';
import { freeSipPort, runSipp } from './testing/sipp.js';

for (const dialect of dialects) {
  describe(`phone dial-in with sipp (${dialect})`, () => {
    let plenum: TestPlenum;
    let cookie: string;
    let sipPort: number;

    before(async () => {
      sipPort = await freeSipPort();
      plenum = await startTestPlenum(dialect, { SIP_PORT: String(sipPort), SIP_DIAL_IN_NUMBER: '+49 30 1234567' });
      cookie = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await plenum.app.inject({ method, url, payload, headers: { cookie, origin: 'http://127.0.0.1:8080' } });
      return { status: response.statusCode, body: response.json() as Record<string, unknown> };
    };

    it('hangs up (BYE) after three wrong PINs and keeps a call record with every field', async () => {
      const created = await api('POST', '/api/meetings', { title: 'Phone test' });
      assert.equal(created.status, 201);
      const dialIn = await api('GET', `/api/meetings/${String(created.body.id)}/dial-in`);
      assert.equal(dialIn.status, 200);
      const { number, meetingNumber, pin } = dialIn.body as { number: string; meetingNumber: string; pin: string };
      assert.equal(number, '+49 30 1234567');
      assert.match(pin, /^\d{6}$/);
      const wrong = pin === '111111' ? '222222' : '111111';
      const digits = meetingNumber.replace(/\s/g, '');
      const run = await runSipp('wrong-pin', { sipPort, keys: [`${digits}#${wrong}#`, `${digits}#${wrong}#`, `${digits}#${wrong}#`] });
      assert.equal(run.code, 0, run.output);

      const calls = await api('GET', '/api/calls');
      const [call] = (calls.body as { calls: Record<string, unknown>[] }).calls;
      assert.ok(call);
      assert.equal(call.outcome, 'refused');
      assert.equal(call.meeting, null);
      assert.equal(call.callerNumber, '+14155550123');
      assert.equal(call.calledNumber, '4930123456');
      assert.equal(call.callerCountry, 'United States');
      assert.equal(call.sourceIp, '127.0.0.1');
      assert.equal(typeof call.sourcePort, 'number');
      assert.equal(call.transport, 'udp');
      assert.ok(Date.parse(String(call.endedAt)) >= Date.parse(String(call.startedAt)));
    });

    it('gives the call record to the data subject whose phone number matches, and erases it', async () => {
      const source = createTelephonySubjectData();
      const subject = { email: 'caller@example.org', phones: ['+14155550123'], registrationIds: [] };
      assert.deepEqual(await source.collect({ ...subject, phones: ['+4930999999'] }, plenum.store.db), []);
      const [item] = await source.collect(subject, plenum.store.db);
      assert.equal(item?.category, 'telephony.call-records');
      assert.equal(item?.data.callerNumber, '+14155550123');
      assert.equal(item?.data.country, 'United States');
      const erased = await source.erase(subject, () => false, plenum.store.db);
      assert.deepEqual(erased, { erased: 1, kept: [] });
      assert.deepEqual(await source.collect(subject, plenum.store.db), []);
    });
  });
}
