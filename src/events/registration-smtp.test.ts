import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { startSmtpPeer } from '../testing/smtp.js';
import { buildEvent, confirmLink, joinLink, solvedCaptcha } from './testing.js';
import { until } from '../testing/until.js';

/** With SMTP_URL set, registration mail reaches a real SMTP peer and its links work. */
describe('registration mail through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let plenum: TestPlenum;
  let admin: string;

  before(async () => {
    smtp = await startSmtpPeer();
    plenum = await startTestPlenum('sqlite', { SMTP_URL: smtp.url, MAIL_FROM: 'Plenum <plenum@example.org>' });
    admin = await setUpAdmin(plenum);
  });
  after(async () => {
    await plenum.dispose();
    await smtp.close();
  });

  function mailTo(address: string, subject: RegExp) {
    const matching = async () => {
      for (const message of smtp.received.filter((m) => m.to.includes(address))) {
        const parsed = await simpleParser(message.raw);
        if (subject.test(parsed.subject ?? '')) return parsed;
      }
      return undefined;
    };
    return until(matching, { intervalMs: 50, what: `a mail to ${address} matching ${subject}` });
  }

  it('delivers the confirmation and the join link as plain text mails whose links work', async () => {
    const event = (
      await plenum.app.inject({ method: 'POST', url: '/api/events', payload: buildEvent({ language: 'en' }), headers: { cookie: admin } })
    ).json();
    const registered = await plenum.app.inject({
      method: 'POST',
      url: `/api/public/events/${event.slug}/registrations`,
      payload: { captcha: await solvedCaptcha(plenum), firstName: 'Max', lastName: 'Muster', email: 'max@example.org', language: 'en' },
    });
    assert.equal(registered.statusCode, 202, registered.body);

    const confirmation = await mailTo('max@example.org', /confirm/i);
    assert.equal(confirmation.html, false, 'plain text only');
    assert.equal(confirmation.attachments.length, 0);
    assert.equal(confirmation.from?.value[0]?.address, 'plenum@example.org');
    const confirmToken = confirmLink.exec(confirmation.text ?? '')?.[1];
    assert.ok(confirmToken, 'the confirmation link survives the transfer encoding');
    const confirmed = await plenum.app.inject({
      method: 'POST',
      url: '/api/public/registrations/confirm',
      payload: { token: confirmToken },
    });
    assert.equal(confirmed.json().state, 'confirmed');

    const seat = await mailTo('max@example.org', /join link/i);
    const joinToken = joinLink.exec(seat.text ?? '')?.[1];
    assert.ok(joinToken);
    const joined = await plenum.app.inject({ method: 'POST', url: '/api/join/link', payload: { token: joinToken } });
    assert.equal(joined.statusCode, 200, joined.body);
    assert.equal(joined.json().title, event.title);

    const stored = await plenum.store.db
      .selectFrom('mail_messages')
      .select(['status', 'to_address'])
      .where('to_address', '=', 'max@example.org')
      .execute();
    assert.ok(stored.length >= 2 && stored.every((m) => m.status === 'sent'));
  });

  it('refuses a forged join link with a translated error', async () => {
    const response = await plenum.app.inject({
      method: 'POST',
      url: '/api/join/link',
      payload: { token: 'x'.repeat(43) },
      headers: { 'accept-language': 'de' },
    });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'ERR_JOIN_LINK_INVALID');
    assert.match(response.json().error.message, /Zugangslink/);
  });
});
