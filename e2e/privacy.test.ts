import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertNoIdentifier, launchBrowser, setUpAdmin, startServer, type RunningServer } from './harness.js';
import { until } from '../src/testing/until.js';

/**
 * The privacy center in real Chromium on the built server: a registrant asks for a magic link
 * on /privacy, opens it from the outbox mail, sees and downloads their data, erases it, and the
 * link does not work a second time; the generated notice on /privacy/notice is the one the
 * registration page links and records, reads as prose without internal names, and links the
 * callback form's own page, which takes a request with the captcha solved in the browser. Every request stays on the Plenum origin, with no CSP violation.
 */

const admin = { email: 'ada@example.org', displayName: 'Ada Admin', password: 'correct horse battery staple' };
const screens = process.env.SCREENS_DIR;
const viewports = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;

async function shoot(page: Page, name: string) {
  if (!screens) return;
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: path.join(screens, `${name}.png`), fullPage: true });
}

describe('privacy center in the browser', { concurrency: 1 }, () => {
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
    return (await response.json()) as T;
  }

  function mailTo(address: string, subject: RegExp): Promise<string> {
    const text = async () => {
      const outbox = await api<{ messages: { to: string; subject: string; text: string | null }[] }>('GET', '/api/outbox');
      return outbox.messages.find((m) => m.to === address && subject.test(m.subject))?.text;
    };
    return until(text, { timeoutMs: 10000, intervalMs: 100, what: `a mail to ${address} with subject ${subject}` });
  }

  async function newPage(language: 'de' | 'en' = 'en', viewport: keyof typeof viewports = 'desktop'): Promise<Page> {
    const context = await browser.newContext({
      locale: language === 'de' ? 'de-DE' : 'en-GB',
      timezoneId: 'Europe/Berlin',
      viewport: viewports[viewport],
      acceptDownloads: true,
    });
    context.setDefaultTimeout(20_000);
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return page;
  }

  async function solveCaptcha(page: Page) {
    await page.locator('altcha-widget input[type="checkbox"]').click({ force: true });
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelector(selector: string): { getState(): string } | null } }).document
          .querySelector('altcha-widget')
          ?.getState() === 'verified',
      undefined,
      { timeout: 20_000 },
    );
  }

  /** The DPO records a request received by email, looks at the person's data, holds one item and erases the rest. */
  async function dpoDesk() {
    await api('POST', '/api/staff/invitations', { email: 'dana@example.org', displayName: 'Dana', role: 'dpo', language: 'en' });
    const invite = /\/invite\/([\w-]+)/.exec(await mailTo('dana@example.org', /invit/i))?.[1];
    assert.ok(invite);
    const accepted = await fetch(`${server.url}/api/invitations/${invite}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ password: 'correct horse battery staple' }),
    });
    const [name, value] = accepted.headers.get('set-cookie')!.split(';')[0]!.split('=');
    const page = await newPage();
    await page.context().addCookies([{ name: name!, value: value!, url: server.url }]);
    await page.goto(`${server.url}/dpo`);
    await page.getByRole('heading', { name: 'Requests received by email' }).waitFor();
    await page.getByLabel('Email address').fill('max@example.org');
    await page.getByLabel('Received on').fill('2026-01-05');
    await page.getByRole('button', { name: 'Record request' }).click();
    await page.getByRole('heading', { name: /max@example\.org/ }).waitFor();
    await page.getByText('overdue', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Show data' }).click();
    const request = 'Your request to our data protection officer';
    await page.getByText(request).first().waitFor();
    await page.getByLabel('Reason', { exact: true }).first().fill('open complaint');
    await page.getByLabel('Until', { exact: true }).first().fill('2099-12-31');
    await page.locator('li').filter({ hasText: request }).getByRole('button', { name: 'Place hold' }).click();
    await page.getByText('on hold', { exact: true }).waitFor();
    const holds = await api<{ holds: { category: string; reason: string }[] }>('GET', '/api/privacy/holds').catch(() => undefined);
    assert.equal(holds, undefined, 'the admin does not see the DPO’s holds');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page
      .getByText(/Registration for an event/)
      .first()
      .waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Legal holds' }).waitFor();
    await page.getByText('open complaint').waitFor();
    // Requests, their data, holds and retention read in words (the audit log is a log of codes for now).
    for (const section of ['dpo-requests', 'dpo-holds', 'dpo-retention'])
      assertNoIdentifier(await page.locator(`section[aria-labelledby="${section}"]`).innerText(), `the DPO page (${section})`);
    await shoot(page, 'dpo-en-desktop');
    await page.context().close();

    // The Art. 30 record, as auditors read and print it, in both languages, on a desktop and a phone.
    for (const language of ['en', 'de'] as const)
      for (const viewport of ['desktop', 'phone'] as const) {
        const view = await newPage(language, viewport);
        await view.context().addCookies([{ name: name!, value: value!, url: server.url }]);
        await view.goto(`${server.url}/record`);
        await view
          .getByRole('heading', {
            name:
              language === 'de'
                ? 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)'
                : 'Record of processing activities (Art. 30 GDPR)',
          })
          .waitFor();
        const record = await view.locator('.processing-record').innerText();
        assert.match(record, language === 'de' ? /Prüfprotokoll/ : /Audit log/, 'the measures the system enforces');
        assert.match(record, /Mailhaus GmbH/, 'the declared processor');
        assertNoIdentifier(record, `the ${language} Art. 30 record`);
        await view.emulateMedia({ media: 'print' });
        assert.equal(await view.locator('.side-nav').isVisible(), false, 'printed without the menu');
        await view.emulateMedia({ media: 'screen' });
        await shoot(view, `record-${language}-${viewport}`);
        await view.context().close();
      }
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ database: 'sqlite' }), launchBrowser()]);
    cookie = await setUpAdmin(server, admin);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('registration links the generated notice and records its version; the notice links the callback form’s own page', async () => {
    await api('POST', '/api/privacy/processors', {
      name: 'Mailhaus GmbH',
      purposeEn: 'Sending mail',
      purposeDe: 'E-Mail-Versand',
      country: 'DE',
      transferBasis: 'eu',
    });
    const start = new Date(Date.now() + 86_400_000);
    const event = await api<{ slug: string }>('POST', '/api/events', {
      kind: 'webinar',
      title: 'Privacy by Design',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
    });

    const page = await newPage();
    await page.goto(`${server.url}/e/${event.slug}`);
    await page.getByLabel('Email address').fill('erika@example.org');
    await page.getByLabel('First name').fill('Erika');
    await page.getByLabel('Last name', { exact: true }).fill('Mustermann');
    await solveCaptcha(page);
    const linked = await page.locator('a[href="/privacy/notice"]').getAttribute('data-notice-version');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('status').filter({ hasText: 'erika@example.org' }).waitFor();

    await page.goto(`${server.url}/privacy/notice`);
    await page.getByRole('heading', { name: 'Privacy notice for webinars and meetings' }).waitFor();
    const shown = await page.locator('[data-notice-version]').getAttribute('data-notice-version');
    assert.equal(shown, linked, 'the registration page links the notice in force');
    assert.ok(await page.getByText('Mailhaus GmbH').isVisible());
    assert.ok(
      await page.getByText('As long as the hosting is not stated above, ask us whether data leaves the EU/EEA.').isVisible(),
      'no claim about where data is processed while the hosting is not declared',
    );
    const notice = await page.locator('.privacy-notice').innerText();
    assert.match(notice, /We store your first and last name, your email address/, 'the stored data is named in words');
    for (const identifier of [
      /\b[a-z]+_[a-z0-9_]+\b/,
      /\b[a-z]+[A-Z][A-Za-z]*\b/,
      /\d{4}-\d{2}-\d{2}T/,
      /\b[a-z]+\.[a-z]+-[a-z-]+\b/,
      /\b[0-9a-f]{12,}\b/,
    ])
      assert.doesNotMatch(notice, identifier, 'no internal name on the notice');
    assert.equal(await page.locator('.privacy-notice form').count(), 0, 'the notice holds no form');

    await page.getByRole('link', { name: 'Request a callback' }).click();
    await page.getByRole('heading', { name: 'Callback?' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/privacy/callback');

    await page.getByLabel('Name', { exact: true }).fill('Max Muster');
    await page.getByLabel('Phone number').fill('+49 30 1234567');
    await page.getByLabel('When may we call?').fill('Mornings');
    await page.getByLabel('What is it about?').fill('Licences');
    await page.getByRole('checkbox', { name: /I agree to be called/ }).check();
    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Request a callback' }).click();
    await page.getByRole('status').filter({ hasText: 'We will call you back' }).waitFor();
    await page.context().close();

    const queue = await api<{ callbacks: { name: string; phone: string; noticeVersion: string }[] }>('GET', '/api/callbacks');
    assert.deepEqual(
      queue.callbacks.map((c) => [c.name, c.phone, c.noticeVersion]),
      [['Max Muster', '+49301234567', shown]],
    );
    const confirmLink = /(http\S+\/registration\/confirm#\S+)/.exec(await mailTo('erika@example.org', /confirm/i))?.[1];
    assert.ok(confirmLink);
    const confirm = await newPage();
    await confirm.goto(confirmLink);
    await confirm.locator('.alert').first().waitFor();
    await confirm.context().close();
  });

  test('a magic link opens the portal once: the person sees, downloads and erases their data', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/privacy`);
    await page.getByLabel('Email address').fill('erika@example.org');
    await page.getByRole('button', { name: 'Send me the link' }).click();
    await page.getByRole('status').filter({ hasText: 'a link is on its way' }).waitFor();

    const link = /(http\S+\/privacy\/access#[\w-]+)/.exec(await mailTo('erika@example.org', /access to your data/i))?.[1];
    assert.ok(link, 'the mail carries the magic link');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Everything stored about erika@example.org' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
    assert.ok(await page.getByText('Mustermann').first().isVisible());
    await page.getByRole('heading', { name: /^Registration for ‘Privacy by Design’ on \d{1,2} [A-Z][a-z]+ \d{4}$/ }).waitFor();
    const portalText = await page.locator('main').innerText();
    assert.match(portalText, /Deletion:\s+on \d{1,2} [A-Z][a-z]+ \d{4}\./, 'the deletion date in words');
    assertNoIdentifier(portalText.replace('erika@example.org', ''), 'the portal');

    // The same session in German and on a phone.
    const session = await page.context().cookies();
    for (const language of ['en', 'de'] as const)
      for (const viewport of ['desktop', 'phone'] as const) {
        const view = await newPage(language, viewport);
        await view.context().addCookies(session);
        await view.goto(`${server.url}/privacy/access`);
        await view.locator('article.subject-item').first().waitFor();
        const shown = await view.locator('main').innerText();
        assert.match(
          shown,
          language === 'de'
            ? /Anmeldung zu „Privacy by Design“ am \d{1,2}\. [A-Z][a-zä]+ \d{4}/
            : /Registration for ‘Privacy by Design’ on/,
        );
        assertNoIdentifier(shown.replace('erika@example.org', ''), `the ${language} portal`);
        await shoot(view, `portal-${language}-${viewport}`);
        await view.context().close();
      }

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download everything (JSON)' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      items: { category: string; data: Record<string, unknown> }[];
    };
    assert.ok(exported.items.some((i) => i.category === 'events.registrant-required' && i.data.lastName === 'Mustermann'));

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Erase everything' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /items? (was|were) deleted/ })
      .waitFor();
    assertNoIdentifier(await page.locator('main').innerText(), 'the erasure report');
    await shoot(page, 'portal-erased-en-desktop');
    const left = await api<{ events: { id: string }[] }>('GET', '/api/events');
    const registrants = await api<{ registrations: unknown[] }>('GET', `/api/events/${left.events[0]!.id}/registrations`);
    assert.equal(registrants.registrations.length, 0, 'the registration is gone');

    const again = await newPage();
    await again.goto(link);
    await again.getByRole('alert').filter({ hasText: 'works once' }).waitFor();
    await again.context().close();
    await page.context().close();

    await dpoDesk();

    const foreign = requested.filter((url) => !url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:'));
    assert.deepEqual(foreign, [], 'no request leaves the origin');
    assert.deepEqual(violations, [], 'no CSP violation');
  });
});
