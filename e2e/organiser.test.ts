import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, setUpAdmin, startServer, type RunningServer } from './harness.js';
import { until } from '../src/testing/until.js';

/**
 * The organiser's screens in real Chromium on the built server: starting an event from the
 * events page, the registrant table at 1366 px and on a phone, and the registrant search, which
 * asks the server (and writes an audit entry) once typing pauses, not per keystroke.
 * SCREENS_DIR=<dir> saves a screenshot of each screen in both languages and both sizes.
 */

const admin = { email: 'olga@example.org', displayName: 'Olga Organiser', password: 'correct horse battery staple' };
const desktop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };
const screens = process.env.SCREENS_DIR;

describe('the organiser in the browser', { concurrency: 1 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie = '';
  let dpoToken = '';
  let event: { id: string; slug: string; title: string };
  let fieldsEvent: { id: string; slug: string };

  async function api<T>(method: string, url: string, body?: unknown, auth: Record<string, string> = { cookie }): Promise<T> {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Registers through the public API with a captcha solved as the widget solves it. */
  async function register(slug: string, person: { firstName: string; lastName: string; email: string; company?: string }) {
    const challenge = (await (await fetch(`${server.url}/api/public/captcha`)).json()) as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    assert.ok(solution);
    const captcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    const response = await fetch(`${server.url}/api/public/events/${slug}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...person, captcha, language: 'en' }),
    });
    assert.equal(response.status, 202, await response.text());
    // Confirmed by the link in the mail, so the registration awaits the host's approval.
    let token: string | undefined;
    for (let attempt = 0; attempt < 50 && !token; attempt++) {
      const { messages } = await api<{ messages: { to: string; text: string | null }[] }>('GET', '/api/outbox');
      token = /\/registration\/confirm#([\w-]+)/.exec(messages.find((m) => m.to === person.email)?.text ?? '')?.[1];
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(token, `no confirmation mail to ${person.email}`);
    await api('POST', '/api/public/registrations/confirm', { token });
  }

  async function searchAudits(eventId: string): Promise<number> {
    const { entries } = await api<{ entries: { action: string; subjectId: string | null }[] }>(
      'GET',
      `/api/privacy/audit?action=registrations.viewed&subjectId=${eventId}`,
      undefined,
      { authorization: `Bearer ${dpoToken}` },
    );
    return entries.length;
  }

  async function signedIn(viewport: { width: number; height: number }, locale: string): Promise<Page> {
    const context = await browser.newContext({ viewport, locale });
    context.setDefaultTimeout(20_000);
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    return context.newPage();
  }

  async function screenshot(page: Page, name: string) {
    if (!screens) return;
    mkdirSync(screens, { recursive: true });
    await page.screenshot({ path: path.join(screens, `${name}.png`), fullPage: true });
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ database: 'sqlite' }), launchBrowser()]);
    cookie = await setUpAdmin(server, admin);
    dpoToken = (await api<{ token: string }>('POST', '/api/api-tokens', { name: 'audit reader', role: 'dpo' })).token;
    const start = new Date(Date.now() + 86_400_000);
    event = await api('POST', '/api/events', {
      kind: 'webinar',
      title: 'Privacy by Design for Product Teams',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
      approvalMode: 'manual',
    });
    await register(event.slug, {
      firstName: 'Erika',
      lastName: 'Mustermann-Schnarrenberger',
      email: 'erika.mustermann-schnarrenberger@very-long-company-name.example.org',
      company: 'Internationale Datenschutzberatungsgesellschaft mbH',
    });
    fieldsEvent = await api('POST', '/api/events', {
      kind: 'webinar',
      title: 'Datenschutz im Vertrieb',
      description: 'Was Vertriebsteams über Einwilligungen wissen müssen.',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'de',
      optionalFields: { company: 'optional', industry: 'off', phone: 'off' },
    });
    await register(event.slug, { firstName: 'Jonas', lastName: 'Beispiel', email: 'jonas@example.org' });
    await register(event.slug, { firstName: 'Ana', lastName: 'Muster', email: 'ana@example.org', company: 'ACME' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [size, viewport] of [
    ['1366', desktop],
    ['390', phone],
  ] as const) {
    for (const locale of ['en-GB', 'de-DE']) {
      test(`the registrant table keeps every action reachable at ${size} px (${locale})`, async () => {
        const page = await signedIn(viewport, locale);
        await page.goto(`${server.url}/events`);
        const de = locale.startsWith('de');
        await page.getByRole('button', { name: new RegExp(`^${de ? 'Anmeldungen' : 'Registrants'}\\s*:\\s*${event.title}$`) }).click();
        const table = page.getByRole('table', { name: new RegExp(de ? 'Anmeldungen zu' : 'Registrants of') });
        await table.getByText('jonas@example.org').waitFor();
        await screenshot(page, `events-registrants-${size}-${locale.slice(0, 2)}`);
        // Nothing sits beyond the right edge: neither the page nor the table scrolls sideways.
        const overflow = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          tables: [...document.querySelectorAll('.table-wrap')].map(
            (wrap) => `${wrap.closest('section')?.getAttribute('aria-labelledby')}: ${wrap.scrollWidth - wrap.clientWidth}`,
          ),
        }));
        assert.equal(overflow.page, 0, 'the page scrolls sideways');
        assert.deepEqual(
          overflow.tables.filter((entry) => !entry.endsWith(': 0')),
          [],
          'a table scrolls sideways',
        );
        const actions = table.getByRole('button', { name: de ? /^(Freigeben|Ablehnen)/ : /^(Approve|Deny)/ });
        assert.equal(await actions.count(), 6);
        for (const action of await actions.all()) {
          await action.scrollIntoViewIfNeeded();
          const box = await action.boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, 'an action lies outside the window');
          assert.ok(box.height >= 24 && box.width >= 24, 'an action is smaller than 24 px');
        }
        await page.context().close();
      });
    }
  }

  /** Relative luminance contrast of two `rgb(…)` colours (WCAG 2.2). */
  function contrast(a: string, b: string): number {
    const luminance = (colour: string) => {
      const [r, g, bl] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the captcha checkbox is a visible, named box in the ${colorScheme} scheme and is ticked with the keyboard`, async () => {
      const context = await browser.newContext({ viewport: desktop, locale: 'de-DE', colorScheme });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      await page.goto(`${server.url}/e/${fieldsEvent.slug}`);
      const checkbox = page.getByRole('checkbox', { name: 'Ich bin kein Roboter' });
      await checkbox.waitFor();
      const colours = await checkbox.evaluate((box) => {
        let surface: Element | null = box.parentElement;
        while (surface && getComputedStyle(surface).backgroundColor === 'rgba(0, 0, 0, 0)') surface = surface.parentElement;
        const style = getComputedStyle(box);
        return {
          border: style.borderTopColor,
          borderWidth: parseFloat(style.borderTopWidth),
          surface: surface ? getComputedStyle(surface).backgroundColor : 'rgb(255, 255, 255)',
        };
      });
      assert.ok(colours.borderWidth >= 1, 'the box has a border');
      const ratio = contrast(colours.border, colours.surface);
      assert.ok(ratio >= 3, `the box's border has ${ratio.toFixed(2)}:1 against its surroundings`);
      await screenshot(page, `registration-captcha-${colorScheme}`);

      // Keyboard only: Tab reaches the box, Space ticks it, the widget solves the challenge.
      await page.getByLabel('E-Mail-Adresse').focus();
      for (let step = 0; step < 15 && !(await checkbox.evaluate((box) => box === document.activeElement)); step++)
        await page.keyboard.press('Tab');
      assert.ok(await checkbox.evaluate((box) => box === document.activeElement), 'Tab reaches the captcha');
      await page.keyboard.press('Space');
      await page.waitForFunction(
        () => (document.querySelector('altcha-widget') as (Element & { getState(): string }) | null)?.getState() === 'verified',
        undefined,
        { timeout: 30_000 },
      );
      await context.close();
    });
  }

  test('the registration form asks only the fields the host chose, with “Last name”', async () => {
    for (const [size, viewport] of [
      ['1366', desktop],
      ['390', phone],
    ] as const) {
      for (const locale of ['en-GB', 'de-DE']) {
        const de = locale.startsWith('de');
        const context = await browser.newContext({ viewport, locale });
        context.setDefaultTimeout(20_000);
        const page = await context.newPage();
        await page.goto(`${server.url}/e/${fieldsEvent.slug}`);
        await page.getByLabel(de ? 'Nachname' : 'Last name', { exact: true }).waitFor();
        assert.equal(await page.getByLabel(de ? 'Unternehmen' : 'Company').count(), 1);
        assert.equal(await page.getByLabel(de ? 'Branche' : 'Industry').count(), 0);
        assert.equal(await page.getByLabel(de ? 'Telefon' : 'Phone').count(), 0);
        await screenshot(page, `registration-${size}-${locale.slice(0, 2)}`);
        await context.close();
      }
    }
  });

  test('the registrant search asks once typing pauses: one audit entry per search, not per keystroke', async () => {
    const page = await signedIn(desktop, 'en-GB');
    await page.goto(`${server.url}/events`);
    await page.getByRole('button', { name: new RegExp(`^Registrants\\s*:\\s*${event.title}$`) }).click();
    const table = page.getByRole('table', { name: /Registrants of/ });
    await table.getByText('jonas@example.org').waitFor();
    const before = await searchAudits(event.id);
    let searches = 0;
    page.on('request', (request) => void (/\/registrations\?.*search=/.test(request.url()) && searches++));
    // Typed as a person types: a keystroke every 80 ms.
    await page.getByRole('searchbox', { name: 'Search' }).pressSequentially('Mustermann', { delay: 80 });
    await table.getByText('jonas@example.org').waitFor({ state: 'detached' });
    await table.getByText('Internationale Datenschutzberatungsgesellschaft mbH').waitFor();
    assert.equal(searches, 1);
    assert.equal(await searchAudits(event.id), before + 1);
    await page.context().close();
  });

  test('the host chooses the reminder mails of an event, and editing keeps them', async () => {
    const reminders = async () => (await api<{ reminders: number[] }>('GET', `/api/events/${fieldsEvent.id}`)).reminders;
    assert.deepEqual(await reminders(), [60, 1440], 'new events remind 24 hours and 1 hour before');
    for (const locale of ['en-GB', 'de-DE']) {
      for (const [size, viewport] of [
        ['1366', desktop],
        ['390', phone],
      ] as const) {
        const page = await signedIn(viewport, locale);
        await page.goto(`${server.url}/events`);
        await page
          .getByRole('button', { name: new RegExp(`^${locale.startsWith('de') ? 'Bearbeiten' : 'Edit'}\\s*:\\s*Datenschutz im Vertrieb$`) })
          .click();
        const group = page.getByRole('group', { name: locale.startsWith('de') ? 'Erinnerungen per E-Mail' : 'Reminder emails' });
        await group.scrollIntoViewIfNeeded();
        await screenshot(page, `event-reminders-${size}-${locale.slice(0, 2)}`);
        await page.context().close();
      }
    }
    const page = await signedIn(desktop, 'de-DE');
    await page.goto(`${server.url}/events`);
    await page.getByRole('button', { name: /^Bearbeiten\s*:\s*Datenschutz im Vertrieb$/ }).click();
    assert.equal(await page.getByRole('checkbox', { name: '1 Stunde vorher' }).isChecked(), true);
    assert.equal(await page.getByRole('checkbox', { name: '1 Tag vorher' }).isChecked(), true);
    await page.getByRole('checkbox', { name: '15 Minuten vorher' }).check();
    await page.getByRole('checkbox', { name: '1 Tag vorher' }).uncheck();
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await until(async () => (await reminders()).join() === '15,60');
    await page.context().close();
  });

  test('a search that a newer one replaced is aborted, and its late answer never reaches the table', async () => {
    const page = await signedIn(desktop, 'en-GB');
    // Holds the answer to the first search back until the second has been answered.
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    await page.route(/\/registrations\?.*search=Jonas/, async (route) => {
      await firstHeld;
      await route.continue().catch(() => undefined);
    });
    await page.goto(`${server.url}/events`);
    await page.getByRole('button', { name: new RegExp(`^Registrants\\s*:\\s*${event.title}$`) }).click();
    const table = page.getByRole('table', { name: /Registrants of/ });
    await table.getByText('jonas@example.org').waitFor();
    const search = page.getByRole('searchbox', { name: 'Search' });
    const firstSent = page.waitForRequest(/search=Jonas/);
    await search.fill('Jonas');
    const first = await firstSent;
    const aborted = page.waitForEvent('requestfailed', (request) => request === first);
    await search.fill('Ana');
    await table.getByText('ana@example.org').waitFor();
    await table.getByText('jonas@example.org').waitFor({ state: 'detached' });
    await aborted;
    releaseFirst();
    assert.equal(await table.getByText('jonas@example.org').count(), 0, 'the replaced search left the table alone');
    assert.equal(await table.getByText('ana@example.org').count(), 1);
    await page.context().close();
  });

  test('the host starts the event from the events page and enters its room', async () => {
    for (const locale of ['en-GB', 'de-DE']) {
      for (const [size, viewport] of [
        ['1366', desktop],
        ['390', phone],
      ] as const) {
        const page = await signedIn(viewport, locale);
        await page.goto(`${server.url}/events`);
        await page.getByRole('rowheader', { name: event.title }).waitFor();
        await screenshot(page, `events-${size}-${locale.slice(0, 2)}`);
        await page.context().close();
      }
    }
    const page = await signedIn(desktop, 'en-GB');
    await page.goto(`${server.url}/events`);
    await page.getByRole('button', { name: new RegExp(`^Start\\s*:\\s*${event.title}$`) }).click();
    await page.waitForURL((url) => url.pathname !== '/events');
    await page.getByRole('button', { name: 'Join now' }).waitFor();
    await page.context().close();
  });
});
