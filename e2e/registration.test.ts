import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, setUpAdmin, startServer, type RunningServer } from './harness.js';
import { until } from '../src/testing/until.js';

/**
 * Registration in real Chromium on the built server: an admin creates events through the API,
 * people register on /e/<slug> solving the ALTCHA widget in the browser, read their mails from
 * the outbox, confirm, and receive the join link; waiting list, approval, CSV export and the
 * recorded privacy notice version. Every request must stay on the Plenum origin and the
 * strict CSP must report no violation.
 */

const admin = { email: 'ada@example.org', displayName: 'Ada Admin', password: 'correct horse battery staple' };

describe('registration in the browser', { concurrency: 1 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie = '';
  const requested: string[] = [];
  const violations: string[] = [];

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (path.endsWith('.csv') ? await response.text() : await response.json()) as T;
  }

  function mailTo(address: string, subject: RegExp): Promise<string> {
    const text = async () => {
      const outbox = await api<{ messages: { to: string; subject: string; text: string | null }[] }>('GET', '/api/outbox');
      return outbox.messages.find((m) => m.to === address && subject.test(m.subject))?.text;
    };
    return until(text, { timeoutMs: 5000, intervalMs: 100, what: `a mail to ${address} with subject ${subject}` });
  }

  async function createEvent(overrides: Record<string, unknown> = {}) {
    const start = new Date(Date.now() + 86_400_000);
    return api<{ id: string; slug: string }>('POST', '/api/events', {
      kind: 'webinar',
      title: 'Privacy by Design',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
      ...overrides,
    });
  }

  async function newPage(locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ locale });
    context.setDefaultTimeout(20_000);
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return page;
  }

  async function registerInBrowser(
    slug: string,
    person: { first: string; last: string; email: string; company?: string },
    locale = 'en-US',
  ) {
    const page = await newPage(locale);
    await page.goto(`${server.url}/e/${slug}`);
    const de = locale.startsWith('de');
    await page.getByLabel(de ? 'E-Mail-Adresse' : 'Email address').fill(person.email);
    await page.getByLabel(de ? 'Vorname' : 'First name').fill(person.first);
    await page.getByLabel(de ? 'Nachname' : 'Last name', { exact: true }).fill(person.last);
    if (person.company) await page.getByLabel(de ? 'Unternehmen' : 'Company').fill(person.company);
    // The checkbox is drawn over by the widget's own icon, as a person sees it; force the click through.
    await page.locator('altcha-widget input[type="checkbox"]').click({ force: true });
    // Runs in the page (a function, since the page's CSP forbids evaluating strings); the server's tsconfig has no DOM types.
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelector(selector: string): { getState(): string } | null } }).document
          .querySelector('altcha-widget')
          ?.getState() === 'verified',
      undefined,
      { timeout: 20_000 },
    );
    await page.getByRole('button', { name: de ? 'Anmelden' : 'Register' }).click();
    await page.getByRole('status').filter({ hasText: person.email }).waitFor();
    await page.context().close();
  }

  async function confirmInBrowser(address: string): Promise<string> {
    const link = /(http\S+\/registration\/confirm#\S+)/.exec(await mailTo(address, /confirm|bestätigen/i))?.[1];
    assert.ok(link);
    const page = await newPage();
    await page.goto(link);
    const text = (await page.locator('.alert').first().textContent()) ?? '';
    await page.context().close();
    return text;
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ database: 'sqlite' }), launchBrowser()]);
    cookie = await setUpAdmin(server, admin);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a join link that does not work says why, after one attempt (no retrying without bound)', async () => {
    const page = await newPage();
    let attempts = 0;
    page.on('request', (request) => void (request.url().endsWith('/api/join/link') && attempts++));
    await page.goto(`${server.url}/j/${'x'.repeat(43)}`);
    await page.getByRole('alert').filter({ hasText: 'This join link is not valid (any more)' }).waitFor();
    await page.waitForTimeout(1500);
    assert.equal(attempts, 1);
  });

  test('dates the privacy notice by the day its version came into force and links it, never showing the version hash', async () => {
    const event = await createEvent();
    const { notice } = await api<{ notice: { version: string; since: string } }>('GET', `/api/public/events/${event.slug}`);
    for (const [locale, summary, full, date] of [
      ['en-GB', 'Privacy notice of', 'The full privacy notice of', new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' })],
      [
        'de-DE',
        'Datenschutzhinweise vom',
        'Die vollständigen Datenschutzhinweise vom',
        new Intl.DateTimeFormat('de-DE', { dateStyle: 'long' }),
      ],
    ] as const) {
      const page = await newPage(locale);
      await page.goto(`${server.url}/e/${event.slug}`);
      const day = date.format(new Date(notice.since));
      await page
        .locator('#privacy-notice summary')
        .filter({ hasText: `${summary} ${day}` })
        .click();
      const link = page.getByRole('link', { name: `${full} ${day}` });
      assert.equal(await link.getAttribute('href'), '/privacy/notice');
      assert.ok(!(await page.locator('body').innerText()).includes(notice.version), 'no hash on the page');
      await page.context().close();
    }
  });

  test('registers on /e/<slug> with the captcha solved in the browser, confirms by mail and receives the join link', async () => {
    const event = await createEvent();
    await registerInBrowser(event.slug, { first: 'Erika', last: 'Mustermann', email: 'erika@example.org', company: 'ACME' });
    assert.match(await confirmInBrowser('erika@example.org'), /registration is confirmed/);
    const seatMail = await mailTo('erika@example.org', /join link/);
    const joinLink = /(http\S+\/j\/[\w-]{43})/.exec(seatMail)?.[1];
    assert.ok(joinLink, 'the mail carries the personal join link');
    assert.match(seatMail, /calendar\.ics/);

    // The personal link lets exactly this registrant in, under the registered name.
    const room = await newPage();
    await room.goto(joinLink);
    // A webinar attendee is asked nothing about devices: the waiting screen, with the start in their own time.
    await room.getByText('The webinar starts in 24 hours').waitFor();
    assert.equal(await room.getByRole('button', { name: 'Join now' }).count(), 0);
    await room.getByText('Erika Mustermann').first().waitFor();
    // The same link in a second tab: Erika is in the room there, and the first tab says why it left.
    const secondTab = await newPage();
    await secondTab.goto(joinLink);
    await secondTab.getByText('Erika Mustermann').first().waitFor();
    await room.getByRole('heading', { name: 'You joined from another device or tab' }).waitFor();
    await secondTab.context().close();
    await room.context().close();

    const { registrations } = await api<{ registrations: { email: string; state: string; noticeVersion: string }[] }>(
      'GET',
      `/api/events/${event.id}/registrations`,
    );
    const page = await api<{ notice: { version: string } }>('GET', `/api/public/events/${event.slug}`);
    assert.deepEqual(
      registrations.map((r) => [r.email, r.state, r.noticeVersion]),
      [['erika@example.org', 'confirmed', page.notice.version]],
    );

    const csv = await api<string>('GET', `/api/events/${event.id}/registrations.csv`);
    assert.match(csv.split('\r\n')[1]!, /^"Erika","Mustermann","erika@example.org","ACME","","","confirmed",/);
  });

  test('a full event puts the next registrant on the waiting list; approval mode waits for the host', async () => {
    const full = await createEvent({ capacity: 1, title: 'Small room' });
    await registerInBrowser(full.slug, { first: 'Anna', last: 'Erste', email: 'anna@example.org' });
    await registerInBrowser(full.slug, { first: 'Bert', last: 'Zweiter', email: 'bert@example.org' }, 'de-DE');
    assert.match(await confirmInBrowser('anna@example.org'), /confirmed/);
    assert.match(await confirmInBrowser('bert@example.org'), /waiting list|Warteliste/);

    const manual = await createEvent({ approvalMode: 'manual', title: 'By invitation' });
    await registerInBrowser(manual.slug, { first: 'Cleo', last: 'Dritte', email: 'cleo@example.org' });
    assert.match(await confirmInBrowser('cleo@example.org'), /host reviews/);
  });

  test('the host edits an event in the staff UI; its questions stay as they were', async () => {
    const event = await createEvent({
      title: 'Draft title',
      questions: [{ kind: 'text', label: 'Your role?', purpose: 'Tailor the content' }],
    });
    const page = await newPage();
    await page.goto(`${server.url}/login?next=/events`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /^Edit\s*:\s*Draft title$/ }).click();
    await page.getByLabel('Title', { exact: true }).fill('Final title');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('rowheader', { name: 'Final title' }).waitFor();
    await page.context().close();
    const saved = await api<{ title: string; questions: { label: string }[] }>('GET', `/api/events/${event.id}`);
    assert.equal(saved.title, 'Final title');
    assert.deepEqual(
      saved.questions.map((q) => q.label),
      ['Your role?'],
    );
  });

  test('no request left the Plenum origin and the CSP reported nothing', () => {
    const origin = new URL(server.url).origin;
    assert.deepEqual(
      requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')),
      [],
    );
    assert.deepEqual(violations, []);
  });
});
