import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { until } from '../src/testing/until.js';
import { assertNoIdentifier, launchBrowser, setUpAdmin, startServer, type RunningServer } from './harness.js';

/**
 * The organisation settings and the privacy pages as people read them, in real Chromium on the
 * built server, in German and English, on a desktop and a phone: the admin is told what the notice
 * lacks until the settings say it. With SCREENS_DIR set, every page is saved there as a PNG.
 */

const admin = { email: 'ada@example.org', displayName: 'Ada Admin', password: 'correct horse battery staple' };
const screens = process.env.SCREENS_DIR;
const viewports = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;
type Viewport = keyof typeof viewports;

describe('organisation settings and privacy pages in the browser', { concurrency: 1 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie = '';

  async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, origin: server.url, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function newPage(language: 'de' | 'en', viewport: Viewport, signedIn: boolean): Promise<Page> {
    const context = await browser.newContext({
      locale: language === 'de' ? 'de-DE' : 'en-GB',
      timezoneId: 'Europe/Berlin',
      viewport: viewports[viewport],
    });
    context.setDefaultTimeout(20_000);
    if (signedIn) {
      const [name, value] = cookie.split('=');
      await context.addCookies([{ name: name!, value: value!, url: server.url }]);
    }
    return context.newPage();
  }

  async function shoot(page: Page, name: string) {
    if (!screens) return;
    mkdirSync(screens, { recursive: true });
    await page.screenshot({ path: path.join(screens, `${name}.png`), fullPage: true });
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ database: 'sqlite', env: { SMTP_URL: 'smtp://127.0.0.1:9' } }), launchBrowser()]);
    cookie = await setUpAdmin(server, admin);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the dashboard says what the notice lacks until the admin fills in the settings page', async () => {
    const page = await newPage('en', 'desktop', true);
    await page.goto(`${server.url}/`);
    const checklist = page.getByTestId('notice-checklist');
    await checklist.waitFor();
    const missing = await checklist.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-key')));
    assert.deepEqual(missing, ['name', 'address', 'privacyEmail', 'authority', 'dpo', 'hosting', 'mail']);
    await shoot(page, 'dashboard-checklist-en-desktop');

    await checklist.getByRole('link', { name: 'Open the settings' }).click();
    await page.getByRole('heading', { name: 'Organisation settings' }).waitFor();
    for (const language of ['en', 'de'] as const)
      for (const viewport of ['desktop', 'phone'] as const) {
        const view = await newPage(language, viewport, true);
        await view.goto(`${server.url}/settings`);
        await view.locator('form.settings-form').waitFor();
        await shoot(view, `settings-${language}-${viewport}`);
        await view.context().close();
      }

    await page.getByLabel('Name of the organisation').fill('Beispiel GmbH');
    await page.getByLabel('Postal address').fill('Bahnhofsallee 1b, 37081 Göttingen');
    await page.getByLabel('Email address for privacy questions').fill('datenschutz@example.org');
    await page.getByLabel('Name of the authority').fill('Die Landesbeauftragte für den Datenschutz Niedersachsen');
    await page.getByLabel('Address of the authority').fill('Prinzenstraße 5, 30159 Hannover');
    await page.getByLabel('Who runs the servers Plenum runs on?').selectOption('own');
    await page.getByLabel('Country where your own servers stand (ISO code, e.g. DE)').fill('DE');
    await page.getByLabel('Who delivers the mails Plenum sends?').selectOption('own');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    // The checklist reloads after the save; read it once it shows the new state.
    let left: (string | null)[] = [];
    await until(
      async () => {
        left = await page
          .getByTestId('notice-checklist')
          .locator('li')
          .evaluateAll((items) => items.map((li) => li.getAttribute('data-key')));
        return left.length === 1;
      },
      { timeoutMs: 10_000, what: () => `the checklist to settle (shows ${JSON.stringify(left)})` },
    );
    assert.deepEqual(left, ['dpo'], 'only the recommended DPO is left');
    await shoot(page, 'settings-saved-en-desktop');

    await page.getByLabel('Name of the organisation').fill('Beispiel GmbH');
    await page.locator('#accent-colour').fill('#ffee00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'too light' }).waitFor();
    await page.context().close();

    const branding = await api<{ name: string; timeZone: string }>('GET', '/api/public/branding');
    assert.equal(branding.name, 'Beispiel GmbH');
    assert.equal(branding.timeZone, 'Europe/Berlin');
  });

  test('the notice tells each situation in prose, without internal names, and links the callback page', async () => {
    const headings = {
      en: ['Registering for an event', 'Taking part in a meeting or webinar', 'Dialling in by phone', 'For our staff: staff accounts'],
      de: [
        'Anmeldung zu einer Veranstaltung',
        'Teilnahme an einem Meeting oder Webinar',
        'Einwahl per Telefon',
        'Für unsere Mitarbeitenden: Mitarbeiterkonten',
      ],
    };
    const basis = { en: /The legal basis is Art\.\s6\(1\)\(b\)\sGDPR/, de: /Rechtsgrundlage ist Art\.\s6\sAbs\.\s1\slit\.\sb\sDSGVO/ };
    for (const language of ['en', 'de'] as const)
      for (const viewport of ['desktop', 'phone'] as const) {
        const page = await newPage(language, viewport, false);
        await page.goto(`${server.url}/privacy/notice`);
        for (const name of headings[language]) await page.getByRole('heading', { name, exact: true }).waitFor();
        const text = await page.locator('.privacy-notice').innerText();
        assert.match(text, basis[language]);
        assert.match(
          text,
          language === 'de' ? /Fassung vom \d{1,2}\. [A-Z][a-zä]+ \d{4}/ : /Version of \d{1,2} [A-Z][a-z]+ \d{4}/,
          'the version as a date',
        );
        assert.match(text, /Beispiel GmbH/, 'the controller the settings declared');
        assertNoIdentifier(text, `the ${language} notice`);
        assert.equal(await page.locator('.privacy-notice form').count(), 0, 'no form in the notice');
        assert.match(
          text,
          language === 'de' ? /Um [^.]+, nutzen Sie unsere Selbstauskunftsseite/ : /To [^.]+, use our self-service page/,
          'each section says how to object',
        );
        await shoot(page, `notice-${language}-${viewport}`);

        await page.getByRole('link', { name: language === 'de' ? 'Was sich geändert hat' : 'What changed' }).click();
        await page
          .getByRole('heading', { name: language === 'de' ? 'Änderungen der Datenschutzhinweise' : 'Changes to the privacy notice' })
          .waitFor();
        const changes = await page.locator('.notice-changes').innerText();
        assert.match(
          changes,
          language === 'de' ? /Bisher:[\s\S]*Jetzt:[\s\S]*Beispiel GmbH/ : /Before:[\s\S]*Now:[\s\S]*Beispiel GmbH/,
          'the controller’s change in words',
        );
        assert.match(changes, language === 'de' ? /Die erste Fassung\./ : /The first version\./);
        assertNoIdentifier(changes, `the ${language} notice changes`);
        await shoot(page, `notice-changes-${language}-${viewport}`);
        await page
          .getByRole('link', { name: language === 'de' ? 'Zurück zu den Datenschutzhinweisen' : 'Back to the privacy notice' })
          .click();
        await page.locator('.privacy-notice').waitFor();
        await page.getByRole('link', { name: language === 'de' ? 'Rückruf anfordern' : 'Request a callback' }).click();
        await page.getByRole('button', { name: language === 'de' ? 'Rückruf anfordern' : 'Request a callback' }).waitFor();
        assertNoIdentifier(await page.locator('main').innerText(), `the ${language} callback page`);
        await shoot(page, `callback-${language}-${viewport}`);
        await page.context().close();
      }
  });
});
