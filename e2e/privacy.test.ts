import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
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

/**
 * Data that only a live recording or a phone call would write (both need Janus and a SIP trunk, which
 * this browser test does without): written into the server's database as those services write it, so
 * the portal and the DPO's desk have them to show. What is under test is how they are shown.
 */
function writeFixture(server: RunningServer, work: (db: Database.Database) => void) {
  const db = new Database(path.join(server.dataDir, 'plenum.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    work(db);
  } finally {
    db.close();
  }
}

/** A stopped recording of the event's room in which the registrant consented to being recorded (microphone and camera). */
function consentToRecording(server: RunningServer, email: string, noticeVersion: string) {
  writeFixture(server, (db) => {
    const registration = db.prepare('select id, event_id from registrations where email = ?').get(email) as {
      id: string;
      event_id: string;
    };
    const room = db.prepare('select id, title from rooms where event_id = ?').get(registration.event_id) as { id: string; title: string };
    const host = db.prepare('select id from staff_accounts limit 1').get() as { id: string };
    const recording = randomUUID();
    const now = new Date();
    db.prepare(
      `insert into recordings (id, room_id, host_account_id, title, status, started_at, stopped_at, file_size, duration_seconds, delete_after)
       values (?, ?, ?, ?, 'ready', ?, ?, 3, 60, ?)`,
    ).run(
      recording,
      room.id,
      host.id,
      room.title,
      now.toISOString(),
      now.toISOString(),
      new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    );
    db.prepare(
      `insert into recording_consents (id, recording_id, participant_id, registration_id, account_id, display_name, decision, decided_at,
         notice_version, notice_hash, notice_language, scope)
       values (?, ?, 'p1', ?, null, 'Erika Mustermann', 'consent', ?, ?, ?, 'en', 'audio,camera')`,
    ).run(randomUUID(), recording, registration.id, now.toISOString(), noticeVersion, 'a'.repeat(64));
  });
}

/** A call from a number into the event's room, as the SIP endpoint records it. */
function callFrom(server: RunningServer, callerNumber: string) {
  writeFixture(server, (db) => {
    const room = db.prepare('select id from rooms limit 1').get() as { id: string };
    const now = Date.now();
    db.prepare(
      `insert into call_records (id, room_id, caller_number, called_number, caller_country, source_ip, source_port, transport, outcome, started_at, ended_at)
       values (?, ?, ?, '+49309999000', 'Germany', '192.0.2.10', 5060, 'udp', 'admitted', ?, ?)`,
    ).run(randomUUID(), room.id, callerNumber, new Date(now - 3_600_000).toISOString(), new Date(now - 1_800_000).toISOString());
  });
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
    // The DPO called the number back and so knows it is Max's: his callback request and his call are served with the request.
    await page.getByLabel('Verified phone number (optional)').fill('+49 30 1234567');
    await page.getByRole('button', { name: 'Record request' }).click();
    await page.getByRole('heading', { name: /max@example\.org/ }).waitFor();
    await page.getByText('overdue', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Show data' }).click();
    const request = 'Your request to our data protection officer';
    await page.getByText(request).first().waitFor();
    await page.getByText('Your callback request').first().waitFor();
    await page
      .getByText(/^Call into ‘Privacy by Design’/)
      .first()
      .waitFor();
    await page.getByLabel('Reason', { exact: true }).first().fill('open complaint');
    await page.getByLabel('Until', { exact: true }).first().fill('2099-12-31');
    await page.locator('li').filter({ hasText: request }).getByRole('button', { name: 'Place hold' }).click();
    await page.getByText('on hold', { exact: true }).waitFor();
    const holds = await api<{ holds: { category: string; reason: string }[] }>('GET', '/api/privacy/holds').catch(() => undefined);
    assert.equal(holds, undefined, 'the admin does not see the DPO’s holds');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page
      .locator('section[aria-labelledby="dpo-retention"]')
      .getByText(/Registration for an event/)
      .first()
      .waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Legal holds' }).waitFor();
    await page.getByText('open complaint').waitFor();
    // A hold on a whole kind of data, chosen by its name.
    const holdsSection = page.locator('section[aria-labelledby="dpo-holds"]');
    await holdsSection.getByLabel('Data to keep').selectOption({ label: 'Your callback request' });
    await holdsSection.getByLabel('Reason', { exact: true }).fill('tax audit 2026');
    await holdsSection.getByLabel('Until', { exact: true }).fill('2099-06-30');
    await holdsSection.getByRole('button', { name: 'Place hold' }).click();
    await holdsSection.getByText(/Your callback request \(all items of this kind\) – tax audit 2026 \(until 30 June 2099\)/).waitFor();
    // The audit log says who did what, when, in words: the hold with its data and end date, the request, the views.
    await page.getByRole('button', { name: 'Filter' }).click();
    const log = page.locator('section[aria-labelledby="dpo-audit"]');
    await log.getByRole('row').filter({ hasText: 'Legal hold placed' }).filter({ hasText: 'Until: 30 June 2099' }).first().waitFor();
    const placed = await log.getByRole('row').filter({ hasText: 'Until: 30 June 2099' }).innerText();
    assert.match(placed, /Legal hold placed\s+Dana\s+Legal hold\s+Data: Your callback request; Until: 30 June 2099/);
    await log.getByRole('row').filter({ hasText: 'Request by email recorded' }).first().waitFor();
    // Requests, their data, holds, retention and the audit log read in words.
    for (const section of ['dpo-requests', 'dpo-holds', 'dpo-retention', 'dpo-audit'])
      assertNoIdentifier(await page.locator(`section[aria-labelledby="${section}"]`).innerText(), `the DPO page (${section})`);
    await shoot(page, 'dpo-en-desktop');
    await page.context().close();
    for (const [language, viewport] of [
      ['de', 'desktop'],
      ['de', 'phone'],
      ['en', 'phone'],
    ] as const) {
      const view = await newPage(language, viewport);
      await view.context().addCookies([{ name: name!, value: value!, url: server.url }]);
      await view.goto(`${server.url}/dpo`);
      const audit = view.locator('section[aria-labelledby="dpo-audit"]');
      await audit.getByRole('row').nth(1).waitFor();
      if (language === 'de') await audit.getByRole('row').filter({ hasText: 'Aufbewahrungssperre gesetzt' }).first().waitFor();
      for (const section of ['dpo-requests', 'dpo-holds', 'dpo-retention', 'dpo-audit'])
        assertNoIdentifier(
          await view.locator(`section[aria-labelledby="${section}"]`).innerText(),
          `the ${language} DPO page (${section})`,
        );
      await shoot(view, `dpo-${language}-${viewport}`);
      await view.context().close();
    }

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
        const overflow = await view.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the record fits the ${viewport}'s width (${overflow} px too wide)`);
        await view.emulateMedia({ media: 'print' });
        assert.equal(await view.locator('.side-nav').isVisible(), false, 'printed without the menu');
        await view.emulateMedia({ media: 'screen' });
        await shoot(view, `record-${language}-${viewport}`);
        await view.context().close();
      }
  }

  before(async () => {
    // Dial-in on (a SIP port of its own, never called here): registrants can ask for a personal phone PIN.
    [server, browser] = await Promise.all([
      startServer({ database: 'sqlite', env: { SIP_PORT: '0', SIP_DIAL_IN_NUMBER: '+49 30 9999 000' } }),
      launchBrowser(),
    ]);
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
      dialInOffered: true,
    });

    const page = await newPage();
    await page.goto(`${server.url}/e/${event.slug}`);
    await page.getByLabel('Email address').fill('erika@example.org');
    await page.getByLabel('First name').fill('Erika');
    await page.getByLabel('Last name', { exact: true }).fill('Mustermann');
    await page.getByLabel('Company').fill('Beispiel AG');
    await page.getByLabel('Phone', { exact: true }).fill('+49 171 2345678');
    await page.getByRole('checkbox', { name: /I want to dial in by phone/ }).check();
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
    consentToRecording(server, 'erika@example.org', shown!);
    callFrom(server, '+49301234567');

    // A second registrant, in German, whose erasure report is read in German on a phone.
    const jonas = await newPage('de', 'phone');
    await jonas.goto(`${server.url}/e/${event.slug}`);
    await jonas.getByLabel('E-Mail-Adresse').fill('jonas@example.org');
    await jonas.getByLabel('Vorname').fill('Jonas');
    await jonas.getByLabel('Nachname', { exact: true }).fill('Beispiel');
    await solveCaptcha(jonas);
    await jonas.getByRole('button', { name: 'Anmelden' }).click();
    await jonas.getByRole('status').filter({ hasText: 'jonas@example.org' }).waitFor();
    const jonasConfirm = /(http\S+\/registration\/confirm#\S+)/.exec(await mailTo('jonas@example.org', /best(ä|ae)tig/i))?.[1];
    assert.ok(jonasConfirm);
    await jonas.goto(jonasConfirm);
    await jonas.locator('.alert').first().waitFor();
    await jonas.context().close();
    consentToRecording(server, 'jonas@example.org', shown!);
  });

  /** Asks for a magic link for `email` and opens it in a new page; the session cookie stays in that page's context. */
  async function openPortal(email: string, language: 'de' | 'en', viewport: keyof typeof viewports): Promise<{ page: Page; link: string }> {
    const page = await newPage(language, viewport);
    await page.goto(`${server.url}/privacy`);
    await page.getByLabel(language === 'de' ? 'E-Mail-Adresse' : 'Email address').fill(email);
    await page.getByRole('button', { name: language === 'de' ? 'Link zusenden' : 'Send me the link' }).click();
    await page.getByRole('status').waitFor();
    const subject = language === 'de' ? /Zugang zu Ihren Daten/ : /access to your data/i;
    const link = /(http\S+\/privacy\/access#[\w-]+)/.exec(await mailTo(email, subject))?.[1];
    assert.ok(link, 'the mail carries the magic link');
    await page.goto(link);
    await page.locator('article.subject-group').first().waitFor();
    return { page, link };
  }

  test('a magic link opens the portal once: the person sees, corrects, downloads and erases their data', async () => {
    const { page, link } = await openPortal('erika@example.org', 'en', 'desktop');
    await page.getByRole('heading', { name: 'Everything stored about erika@example.org' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
    // One card per registration, titled like it, with everything that hangs on it; the mails on a card of their own.
    const registration = page.locator('article.subject-group').filter({
      has: page.getByRole('heading', { name: /^Registration for ‘Privacy by Design’ on \d{1,2} [A-Z][a-z]+ \d{4}$/, level: 2 }),
    });
    const parts = await registration.locator('h3').allInnerTexts();
    // In the notice's order of situations: registering, recording, dialling in.
    assert.deepEqual(parts, ['Your registration', 'Your voluntary details', 'Your decision on the recording', 'Dialling in by phone']);
    const portalText = await page.locator('main').innerText();
    assert.match(portalText, /Deletion:\s+on \d{1,2} [A-Z][a-z]+ \d{4}\./, 'the deletion date in words');
    assert.match(portalText, /Your personal phone PIN\s+issued; we keep only a one-way hash of it/);
    assert.match(portalText, /For\s+microphone, camera/, 'what the consent covers, in words');
    const mails = page.locator('article.subject-group').filter({ has: page.getByRole('heading', { name: 'Mails we sent you' }) });
    assert.ok((await mails.locator('details.long-text:not([open])').count()) >= 2, 'long mail texts folded');
    assertNoIdentifier(portalText.replace('erika@example.org', ''), 'the portal');

    // The same session in German and on a phone.
    const session = await page.context().cookies();
    for (const language of ['en', 'de'] as const)
      for (const viewport of ['desktop', 'phone'] as const) {
        const view = await newPage(language, viewport);
        await view.context().addCookies(session);
        await view.goto(`${server.url}/privacy/access`);
        await view.locator('article.subject-group').first().waitFor();
        const shown = await view.locator('main').innerText();
        assert.match(
          shown,
          language === 'de'
            ? /Anmeldung zu „Privacy by Design“ am \d{1,2}\. [A-Z][a-zä]+ \d{4}/
            : /Registration for ‘Privacy by Design’ on/,
        );
        assertNoIdentifier(shown.replace('erika@example.org', ''), `the ${language} portal`);
        await shoot(view, `portal-${language}-${viewport}`);
        if (language === 'de' && viewport === 'phone') {
          // A refused correction says why under the field, in German, with the registration form's rule.
          const voluntary = view
            .locator('section.subject-item')
            .filter({ has: view.getByRole('heading', { name: 'Ihre freiwilligen Angaben', exact: true, level: 3 }) });
          await voluntary.getByRole('button', { name: 'Berichtigen' }).click();
          await voluntary.getByLabel('Telefonnummer').fill('12');
          await voluntary.getByRole('button', { name: 'Berichtigung speichern' }).click();
          await voluntary.locator('.field-error').filter({ hasText: 'keine gültige Telefonnummer' }).waitFor();
          assert.equal(await voluntary.getByLabel('Telefonnummer').getAttribute('aria-invalid'), 'true');
          await shoot(view, 'portal-correction-refused-de-phone');
        }
        await view.context().close();
      }

    // A correction in English: the status says so, and the card shows the new name.
    const part = (heading: string) =>
      page.locator('section.subject-item').filter({ has: page.getByRole('heading', { name: heading, exact: true, level: 3 }) });
    const mine = part('Your registration');
    await mine.getByRole('button', { name: 'Correct' }).click();
    await mine.getByLabel('Last name').fill('Musterfrau');
    await mine.getByRole('button', { name: 'Save correction' }).click();
    await mine.getByRole('status').filter({ hasText: 'Corrected.' }).waitFor();
    await mine.getByText('Musterfrau', { exact: true }).waitFor();
    assertNoIdentifier((await page.locator('main').innerText()).replace('erika@example.org', ''), 'the portal after the correction');
    await shoot(page, 'portal-corrected-en-desktop');
    // Withdrawing the consent to the voluntary details deletes them: the card says so where they were.
    await part('Your voluntary details').getByRole('button', { name: 'Withdraw consent' }).click();
    await registration.getByRole('status').filter({ hasText: 'Your company, industry and phone number were deleted' }).waitFor();
    await registration.locator('h3', { hasText: 'Your voluntary details' }).waitFor({ state: 'detached' });
    await registration.getByRole('status').filter({ hasText: 'Your company, industry and phone number were deleted' }).waitFor();
    assertNoIdentifier((await page.locator('main').innerText()).replace('erika@example.org', ''), 'the portal after the withdrawal');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download everything (JSON)' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      items: { category: string; data: Record<string, unknown> }[];
    };
    assert.ok(exported.items.some((i) => i.category === 'events.registrant-required' && i.data.lastName === 'Musterfrau'));

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Erase everything' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /items? (was|were) deleted/ })
      .waitFor();
    // What was kept: named as the portal named it, why, and until which day.
    const report = await page.locator('main').innerText();
    assert.match(report, /Your decision on recording ‘Privacy by Design’ on \d{1,2} [A-Z][a-z]+ \d{4}/);
    assert.match(report, /Why\s+Proof of consent \(Art\. 7\(1\) GDPR\); deleted with the recording\./);
    assert.match(report, /Kept until\s+\d{1,2} [A-Z][a-z]+ \d{4}/);
    assertNoIdentifier(report, 'the erasure report');
    await shoot(page, 'portal-erased-en-desktop');
    const left = await api<{ events: { id: string }[] }>('GET', '/api/events');
    const registrants = await api<{ registrations: { email: string }[] }>('GET', `/api/events/${left.events[0]!.id}/registrations`);
    assert.deepEqual(
      registrants.registrations.map((r) => r.email),
      ['jonas@example.org'],
      'Erika’s registration is gone',
    );

    const again = await newPage();
    await again.goto(link);
    await again.getByRole('alert').filter({ hasText: 'works once' }).waitFor();
    await again.context().close();
    await page.context().close();

    // The erasure report in German, on a phone.
    const jonas = (await openPortal('jonas@example.org', 'de', 'phone')).page;
    jonas.once('dialog', (dialog) => void dialog.accept());
    await jonas.getByRole('button', { name: 'Alles löschen' }).click();
    await jonas.getByRole('heading', { name: 'Aufbewahrt, und warum' }).waitFor();
    const bericht = await jonas.locator('main').innerText();
    assert.match(bericht, /Ihre Entscheidung zur Aufzeichnung von „Privacy by Design“ am \d{1,2}\. [A-Z][a-zä]+ \d{4}/);
    assert.match(bericht, /Aufbewahrt bis\s+\d{1,2}\. [A-Z][a-zä]+ \d{4}/);
    assertNoIdentifier(bericht, 'the German erasure report');
    await shoot(jonas, 'portal-erased-de-phone');
    await jonas.context().close();

    await dpoDesk();

    const foreign = requested.filter((url) => !url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:'));
    assert.deepEqual(foreign, [], 'no request leaves the origin');
    assert.deepEqual(violations, [], 'no CSP violation');
  });
});
