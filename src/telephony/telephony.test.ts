// test tier: heavy (sipp); not in npm run test:unit
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../testing/stores.js';
import { buildEvent, confirmLink, linkToken, mailsTo, solvedCaptcha } from '../events/testing.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { createTelephonySubjectData } from './subject-data.js';
import { freeSipPort, runSipp } from './testing/sipp.js';
import { injectFromFreshClients } from '../testing/inject.js';

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
      assert.match(pin, /^\d{9}$/);
      const wrong = pin === '111111111' ? '222222222' : '111111111';
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

    it('mails a registrant who asked to dial in the number and a personal PIN, stores only its hash, and lets them in with it', async () => {
      const inject = injectFromFreshClients(() => plenum.app);
      const event = (await inject('POST', '/api/events', buildEvent({ kind: 'meeting', dialInOffered: true }), { cookie })).json<{
        id: string;
        slug: string;
      }>();
      const person = {
        firstName: 'Erika',
        lastName: 'Mustermann',
        email: 'erika@example.org',
        language: 'de',
        phone: '+49 551 1234567',
        dialIn: true,
      };
      assert.equal(
        (await inject('POST', `/api/public/events/${event.slug}/registrations`, { captcha: await solvedCaptcha(plenum), ...person }))
          .statusCode,
        202,
      );
      const confirmed = await inject('POST', '/api/public/registrations/confirm', {
        token: await linkToken(plenum, person.email, confirmLink),
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      const joinMail = (await mailsTo(plenum, person.email)).at(-1)!;
      const dialLine =
        /Einwahl per Telefon: Rufen Sie \+49 30 1234567 an, geben Sie die Meeting-ID ([\d ]+) und # ein, danach Ihre persönliche PIN (\d{10}) und #/.exec(
          joinMail.body_text,
        );
      assert.ok(dialLine, joinMail.body_text);
      const [, meetingNumber, personalPin] = dialLine;
      const stored = await plenum.store.db
        .selectFrom('registrations')
        .select(['dial_in', 'phone_pin_hash'])
        .where('email', '=', person.email)
        .executeTakeFirstOrThrow();
      assert.equal(stored.dial_in, 1);
      assert.match(stored.phone_pin_hash ?? '', /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(stored).includes(personalPin!));

      // Without Janus (JANUS_MODE=off) the admitted caller cannot get audio, so Plenum hangs up after admitting them.
      const run = await runSipp('wrong-pin', { sipPort, keys: [`${meetingNumber!.replace(/\s/g, '')}#${personalPin}#`] });
      assert.equal(run.code, 0, run.output);
      const [call] = (await api('GET', '/api/calls')).body.calls as Record<string, unknown>[];
      assert.equal(call?.outcome, 'admitted');
      assert.equal((call?.meeting as { meetingNumber: string }).meetingNumber, meetingNumber!.replace(/\s/g, ''));
    });

    it('gives the call record to the data subject whose phone number matches, and erases it', async () => {
      const source = createTelephonySubjectData();
      const subject = { email: 'caller@example.org', phones: ['+14155550123'], registrationIds: [] };
      assert.deepEqual(await source.collect({ ...subject, phones: ['+4930999999'] }, plenum.store.db), []);
      const items = await source.collect(subject, plenum.store.db);
      assert.equal(items.length, 2, 'both calls from this number (wrong PINs, personal PIN)');
      assert.equal(items[0]?.category, 'telephony.call-records');
      assert.equal(items[0]?.data.callerNumber, '+14155550123');
      assert.equal(items[0]?.data.country, 'United States');
      const erased = await source.erase(subject, (item) => item.id === items[1]!.id, plenum.store.db);
      assert.deepEqual(erased, { erased: 1, kept: [{ category: 'telephony.call-records', id: items[1]!.id }] });
      await source.erase(subject, () => false, plenum.store.db);
      assert.deepEqual(await source.collect(subject, plenum.store.db), []);
    });
  });
}
