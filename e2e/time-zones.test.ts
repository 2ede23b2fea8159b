import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, setUpAdmin, staffApi, startServer, type RunningServer } from './harness.js';
import { until } from '../src/testing/until.js';

/**
 * An event planned in New York, seen from Berlin: the registration page shows the viewer's time
 * and the event's (asserted on the text, whatever the page's layout); the mails name the event's zone; the calendar file, read by ical.js, gives the
 * instant. SCREENS_DIR=<dir> saves the registration page in both languages and both sizes.
 */

const admin = { email: 'tess@example.org', displayName: 'Tess Timezone', password: 'correct horse battery staple' };
const screens = process.env.SCREENS_DIR;
// Friday 15 January 2027, 10:00–11:30 in New York (UTC−5), 16:00–17:30 in Berlin (UTC+1).
const startsAt = '2027-01-15T15:00:00.000Z';
const endsAt = '2027-01-15T16:30:00.000Z';

describe('an event in another time zone than the viewer’s', { concurrency: 1 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie = '';
  let event: { id: string; slug: string };

  const api = staffApi(() => ({ server, cookie }));

  function mailTo(address: string, subject: RegExp): Promise<string> {
    const text = async () => {
      const outbox = await api<{ messages: { to: string; subject: string; text: string | null }[] }>('GET', '/api/outbox');
      return outbox.messages.find((m) => m.to === address && subject.test(m.subject))?.text ?? undefined;
    };
    return until(text, { timeoutMs: 5000, intervalMs: 100, what: `a mail to ${address} with subject ${subject}` });
  }

  /** Registers through the public API with a captcha solved as the widget solves it, and confirms. */
  async function register(email: string, language: 'de' | 'en'): Promise<void> {
    const challenge = (await (await fetch(`${server.url}/api/public/captcha`)).json()) as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    assert.ok(solution);
    const captcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    const response = await fetch(`${server.url}/api/public/events/${event.slug}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Bernd', lastName: 'Berliner', email, captcha, language }),
    });
    assert.equal(response.status, 202, await response.text());
    const token = /\/registration\/confirm#([\w-]+)/.exec(await mailTo(email, /confirm|bestätigen/i))?.[1];
    assert.ok(token, `a confirmation mail to ${email}`);
    await api('POST', '/api/public/registrations/confirm', { token });
  }

  async function pageIn(locale: string, timezoneId: string): Promise<Page> {
    const context = await browser.newContext({ locale, timezoneId });
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ database: 'sqlite' }), launchBrowser()]);
    cookie = await setUpAdmin(server, admin);
    event = await api('POST', '/api/events', {
      kind: 'webinar',
      title: 'Quarterly review',
      startsAt,
      endsAt,
      timeZone: 'America/New_York',
      language: 'en',
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the registration page in Berlin shows the Berlin time and the event’s New York time', async () => {
    for (const [locale, day] of [
      ['de-DE', '15. Januar 2027'],
      ['en-GB', '15 January 2027'],
    ] as const) {
      const page = await pageIn(locale, 'Europe/Berlin');
      await page.goto(`${server.url}/e/${event.slug}`);
      await page.getByRole('heading', { name: 'Quarterly review' }).waitFor();
      const text = await page.locator('main').innerText();
      assert.ok(text.includes(day) && text.includes('16:00'), `the time in Berlin: ${text.slice(0, 300)}`);
      assert.ok(text.includes('10:00') && text.includes('New York'), `the time in New York: ${text.slice(0, 300)}`);
      for (const size of screens ? (['desktop', 'phone'] as const) : []) {
        mkdirSync(screens!, { recursive: true });
        await page.setViewportSize(size === 'desktop' ? { width: 1366, height: 768 } : { width: 390, height: 844 });
        await page.screenshot({ path: path.join(screens!, `registration-time-${locale.slice(0, 2)}-${size}.png`), fullPage: true });
      }
      await page.context().close();
    }
  });

  test('a viewer in the event’s own zone sees one time, not two', async () => {
    const page = await pageIn('en-US', 'America/New_York');
    await page.goto(`${server.url}/e/${event.slug}`);
    await page.getByRole('heading', { name: 'Quarterly review' }).waitFor();
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('10:00') && !text.includes('16:00'), `New York’s time only: ${text.slice(0, 300)}`);
    await page.context().close();
  });

  test('the mails state the time in the event’s zone, and the calendar file gives the instant', async () => {
    await register('bernd@example.org', 'de');
    const seat = await mailTo('bernd@example.org', /Zugangslink/);
    assert.match(seat, /Freitag, 15\. Januar 2027, 10:00–11:30 \(America\/New_York, UTC−5\)/);
    await register('beth@example.org', 'en');
    assert.match(await mailTo('beth@example.org', /join link/), /Friday, 15 January 2027, 10:00–11:30 \(America\/New_York, UTC−5\)/);

    const link = /(http\S+\/calendar\.ics)/.exec(seat)?.[1];
    assert.ok(link, 'the mail links the calendar file');
    const response = await fetch(link);
    assert.match(response.headers.get('content-type') ?? '', /^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const entry = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    assert.equal(entry.startDate.toJSDate().toISOString(), startsAt);
    assert.equal(entry.endDate.toJSDate().toISOString(), endsAt);
    assert.equal(entry.summary, 'Quarterly review');
    // A calendar in Berlin shows it at 16:00.
    const berlin = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', timeStyle: 'short' });
    assert.equal(berlin.format(entry.startDate.toJSDate()), '16:00');
  });
});
