import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildEvent, solvedCaptcha } from '../events/testing.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { startSmtpPeer } from '../testing/smtp.js';
import { until } from '../testing/until.js';

/**
 * A mail's link is held in memory only (the store keeps the text without it): a mail queued
 * before Plenum shuts down must go out before it stops, or the person never gets the link.
 */
describe('mail at shutdown', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let plenum: TestPlenum;

  before(async () => {
    smtp = await startSmtpPeer();
    plenum = await startTestPlenum('sqlite', { SMTP_URL: smtp.url, MAIL_FROM: 'Plenum <plenum@example.org>' });
  });
  after(async () => {
    smtp.release();
    await smtp.close();
  });

  it('delivers a mail queued while a delivery was under way before close() returns', async () => {
    const admin = await setUpAdmin(plenum);
    const event = (
      await plenum.app.inject({ method: 'POST', url: '/api/events', payload: buildEvent({ language: 'en' }), headers: { cookie: admin } })
    ).json<{ slug: string }>();
    const register = async (email: string) => {
      const response = await plenum.app.inject({
        method: 'POST',
        url: `/api/public/events/${event.slug}/registrations`,
        payload: { captcha: await solvedCaptcha(plenum), firstName: 'Sam', lastName: 'Shutdown', email, language: 'en' },
      });
      assert.equal(response.statusCode, 202, response.body);
    };

    // The first confirmation mail is on its way (the SMTP peer holds its answer) when the second is queued.
    smtp.hold();
    await register('first@example.org');
    await until(() => smtp.holding() === 1 || undefined, { intervalMs: 20, what: 'the first mail at the SMTP peer' });
    await register('second@example.org');

    const closed = plenum.dispose();
    smtp.release();
    await closed;

    const recipients = smtp.received.flatMap((m) => m.to).sort();
    assert.deepEqual(recipients, ['first@example.org', 'second@example.org']);
  });
});
