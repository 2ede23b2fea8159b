import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, setUpAdmin, staffApi, startServer, type RunningServer } from './harness.js';

/**
 * The registration page as a landing page in real Chromium on the built server: the organisation's
 * logo and colour, the event's title and time in the HTML the server sends (readable with the
 * script off), the viewer's own time with the event's zone once it runs, the description's
 * Markdown with nothing of its raw HTML running, and the speakers with their photos; the host
 * edits speakers and description in the event form. SCREENS_DIR=<dir> saves each screen in both
 * languages and both sizes.
 */

const admin = { email: 'lena@example.org', displayName: 'Lena Landing', password: 'correct horse battery staple' };
const sizes = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const screens = process.env.SCREENS_DIR;

const description = [
  'Wie bauen wir Software, die **Datenschutz** von Anfang an mitdenkt?',
  '',
  '## Agenda',
  '- Grundsätze nach *Art. 25 DSGVO*',
  '- Beispiele aus der Praxis',
  '- [Unterlagen zum Webinar](https://example.org/unterlagen)',
  '',
  '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 2"> [klick](javascript:window.hacked=3)',
].join('\n');

const photo = (colour: string) =>
  sharp({ create: { width: 600, height: 600, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Camera Owner' } })
    .toBuffer();

describe('the registration page as a landing page', { concurrency: 1 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie = '';
  let event: { id: string; slug: string; speakers: { id: string; name: string }[] };

  const api = staffApi(() => ({ server, cookie }));

  async function newPage(lang: 'de' | 'en', options: { javaScript?: boolean; signedIn?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      locale: lang === 'de' ? 'de-DE' : 'en-GB',
      timezoneId: 'America/New_York',
      viewport: sizes[0],
      javaScriptEnabled: options.javaScript ?? true,
    });
    context.setDefaultTimeout(20_000);
    if (options.signedIn) {
      const [name = '', value = ''] = cookie.split('=');
      await context.addCookies([{ name, value, url: server.url }]);
    }
    return context.newPage();
  }

  async function shoot(page: Page, screen: string, lang: string, focus?: Locator): Promise<void> {
    if (!screens) return;
    mkdirSync(screens, { recursive: true });
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      await focus?.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: path.join(screens, `${screen}-${lang}-${size.name}.png`) });
    }
    await page.setViewportSize(sizes[0]);
  }

  before(async () => {
    [server, browser] = await Promise.all([startServer({ database: 'sqlite' }), launchBrowser()]);
    cookie = await setUpAdmin(server, admin);
    await api('PUT', '/api/settings', { name: 'Beispiel GmbH', accentColour: '#8a1c4a' });
    const logo = await sharp({ create: { width: 160, height: 40, channels: 3, background: '#8a1c4a' } })
      .png()
      .toBuffer();
    await api('PUT', '/api/settings/logo', { type: 'image/png', data: logo.toString('base64') });
    const start = new Date('2027-03-04T09:00:00Z');
    event = await api('POST', '/api/events', {
      kind: 'webinar',
      title: 'Privacy by Design in der Praxis',
      description,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'de',
      speakers: [
        { name: 'Dora Datenschutz', role: 'Datenschutzbeauftragte, Beispiel GmbH' },
        { name: 'Erik Entwickler', role: 'Softwarearchitekt' },
      ],
    });
    const dora = event.speakers[0]!;
    await api('PUT', `/api/events/${event.id}/speakers/${dora.id}/photo`, {
      type: 'image/jpeg',
      data: (await photo('#2d6a4f')).toString('base64'),
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the HTML the server sends carries the title, the time, the description and the speakers', async () => {
    const response = await fetch(`${server.url}/e/${event.slug}`, { headers: { 'accept-language': 'de' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const html = await response.text();
    assert.match(html, /<title>Privacy by Design in der Praxis<\/title>/);
    assert.match(html, /<h1>Privacy by Design in der Praxis<\/h1>/);
    assert.match(html, /Donnerstag, 4\. März 2027, 10:00–11:30 \(Europe\/Berlin, UTC\+1\)/);
    assert.match(html, /<strong>Datenschutz<\/strong>/);
    assert.match(html, /&lt;script&gt;window.hacked = 1&lt;\/script&gt;/, 'raw HTML arrives as text');
    assert.match(html, /Dora Datenschutz/);
    assert.match(html, /<script type="module"[^>]*src="\/assets\//, 'and the client that takes over');

    const unknown = await fetch(`${server.url}/e/nosuchevent`, { headers: { 'accept-language': 'en' } });
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /<div id="root"><\/div>/, 'an unknown link gets the client, which says why');
  });

  test('reads with the script off: title and time are on the page before any JavaScript runs', async () => {
    const page = await newPage('de', { javaScript: false });
    await page.goto(`${server.url}/e/${event.slug}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Privacy by Design in der Praxis');
    await page.getByText('Donnerstag, 4. März 2027, 10:00–11:30 (Europe/Berlin, UTC+1)').waitFor();
    await page.getByText('Dora Datenschutz').waitFor();
    await shoot(page, 'landing-before-script', 'de');
    await page.context().close();
  });

  for (const lang of ['en', 'de'] as const) {
    test(`in ${lang}: logo, colour, the viewer's time with the event's zone, safe Markdown and the speakers' photos`, async () => {
      const page = await newPage(lang);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => void dialogs.push(dialog.message()));
      await page.goto(`${server.url}/e/${event.slug}`);
      const de = lang === 'de';
      // The viewer is in New York: their time first, the event's zone beside it.
      await page
        .getByText(de ? /Donnerstag, 4\. März 2027 um 04:00 \(Ihre Zeit\)/ : /Thursday,? 4 March 2027 at 04:00 \(your time\)/)
        .waitFor();
      await page
        .getByText(de ? /in der Zeitzone der Veranstalter \(Europe\/Berlin\)/ : /in the organiser’s time zone \(Europe\/Berlin\)/)
        .waitFor();
      await page.getByRole('link', { name: de ? 'Unterlagen zum Webinar' : 'Unterlagen zum Webinar' }).waitFor();
      const link = page.getByRole('link', { name: 'Unterlagen zum Webinar' });
      assert.equal(await link.getAttribute('rel'), 'nofollow noopener noreferrer');
      assert.equal(await page.locator('.event-description script, .event-description img, .event-description [onerror]').count(), 0);
      assert.equal(await page.locator('.event-description a[href^="javascript"]').count(), 0);
      assert.equal(await page.evaluate(() => (globalThis as { hacked?: number }).hacked), undefined, 'nothing of the raw HTML ran');
      assert.deepEqual(dialogs, []);

      // The speakers: Dora's photo loaded (400 px square), Erik's initials.
      const doraPhoto = page.locator('.speaker', { hasText: 'Dora Datenschutz' }).locator('img');
      await doraPhoto.waitFor();
      assert.equal(await doraPhoto.evaluate((img) => (img as HTMLImageElement).naturalWidth), 400);
      await page.locator('.speaker', { hasText: 'Erik Entwickler' }).getByText('EE').waitFor();

      // The organisation: logo and name; its colour on the register button.
      await page.locator('.landing-organiser', { hasText: 'Beispiel GmbH' }).locator('img').waitFor();
      const button = page.getByRole('button', { name: de ? 'Anmelden' : 'Register' });
      assert.equal(await button.evaluate((b) => getComputedStyle(b as Element).backgroundColor), 'rgb(138, 28, 74)');

      // On a phone the form comes below the event.
      await page.setViewportSize(sizes[1]);
      const about = await page.locator('.landing-about').boundingBox();
      const form = await page.locator('.landing-form').boundingBox();
      assert.ok(about && form && form.y > about.y + about.height - 1, 'the form is below the event on a phone');
      await page.setViewportSize(sizes[0]);
      const desktopForm = await page.locator('.landing-form').boundingBox();
      assert.ok(desktopForm && about && desktopForm.x > about.x + 300, 'and beside it on a desktop');
      await shoot(page, 'landing', lang);
      await page.context().close();
    });
  }

  test('the host edits description and speakers in the event form; a photo shows on the page', async () => {
    const page = await newPage('en', { signedIn: true });
    await page.goto(`${server.url}/events`);
    await page
      .getByRole('row', { name: /Privacy by Design in der Praxis/ })
      .getByRole('button', { name: /^Edit/ })
      .click();
    const form = page.locator('section[aria-labelledby="edit-event"]');
    await form.getByRole('group', { name: 'Speakers' }).waitFor();
    await form.getByRole('button', { name: 'Remove Erik Entwickler' }).click();
    await form.getByRole('button', { name: 'Add speaker' }).click();
    const names = form.getByLabel('Name', { exact: true });
    await names.last().fill('Fritz Forscher');
    await form.getByLabel('Role').last().fill('Forschung, Uni Musterstadt');
    await form
      .getByLabel('Photo')
      .last()
      .setInputFiles({ name: 'fritz.jpg', mimeType: 'image/jpeg', buffer: await photo('#bc6c25') });
    await shoot(page, 'event-form-speakers', 'en', form.getByRole('group', { name: 'Speakers' }));
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = await api<{ speakers: { name: string; photoUrl: string | null }[] }>('GET', `/api/events/${event.id}`);
    assert.deepEqual(
      saved.speakers.map((s) => [s.name, s.photoUrl !== null]),
      [
        ['Dora Datenschutz', true],
        ['Fritz Forscher', true],
      ],
    );
    await page.context().close();

    const german = await newPage('de', { signedIn: true });
    await german.goto(`${server.url}/events`);
    await german
      .getByRole('row', { name: /Privacy by Design in der Praxis/ })
      .getByRole('button', { name: /^Bearbeiten/ })
      .click();
    const speakers = german.getByRole('group', { name: 'Vortragende' });
    await speakers.waitFor();
    await shoot(german, 'event-form-speakers', 'de', speakers);
    await german.context().close();
  });
});
