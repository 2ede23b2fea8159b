import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { shotsDir, shotSizes, label } from './shots.js';
import { launchBrowser, staffApi, type RunningServer } from '../harness.js';
import { setUpHost, startServerWithJanus } from '../room-steps.js';

/**
 * Screenshots of the webinar's screens for a person to look at (not a test): the attendee's waiting
 * screen, the player (a camera; a screen share with the camera inset), the invitation to speak and its device check, the host's bar with an
 * answer, the end screen, the event form's follow-up fields and the registration page's notice
 * line; each at 1366×768 and 390×844, in German and English. Run: npx tsx e2e/shots/webinar-shots.ts <dir>
 */
const out = shotsDir('/tmp/webinar-shots');
const sizes = shotSizes;

let server!: RunningServer;
let browser!: Browser;
let cookie!: string;

const api = staffApi(() => ({ server, cookie }));

async function shoot(page: Page, lang: string, screen: string, focus?: Locator): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await focus?.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const file = path.join(out, `${screen}-${lang}-${size.name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
  await page.setViewportSize(sizes[0]);
}

async function roomPage(lang: string, grant: { joinToken: string; watchOnly: boolean }, authed = false): Promise<Page> {
  const context = await browser.newContext({
    locale: lang === 'de' ? 'de-DE' : 'en-GB',
    timezoneId: 'America/New_York',
    viewport: sizes[0],
  });
  context.setDefaultTimeout(20_000);
  if (authed)
    await context.addCookies([
      { name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('=').split(';')[0]!, url: server.url },
    ]);
  const key = Math.random().toString(16).slice(2);
  await context.addInitScript(`sessionStorage.setItem('plenum.join.${key}', ${JSON.stringify(JSON.stringify(grant))})`);
  const page = await context.newPage();
  await page.goto(`${server.url}/room?k=${key}`);
  if (!grant.watchOnly) await page.getByRole('button', { name: label('Join now', 'Jetzt teilnehmen') }).click();
  return page;
}

async function run(lang: 'en' | 'de'): Promise<void> {
  const start = new Date(Date.now() + 11.5 * 60_000);
  const title = lang === 'de' ? 'Datenschutz in der Praxis' : 'Data protection in practice';
  const event = await api<{ id: string; slug: string }>('POST', '/api/events', {
    kind: 'webinar',
    title,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    timeZone: 'Europe/Berlin',
    language: lang,
    followUp: {
      text:
        lang === 'de'
          ? 'Die Folien und eine kurze Umfrage finden Sie auf unserer Website.'
          : 'The slides and a short survey are on our website.',
      url: 'https://example.org/slides',
    },
  });
  const { meetings } = await api<{ meetings: { id: string; eventId: string | null; meetingNumber: string; passcode: string }[] }>(
    'GET',
    '/api/meetings',
  );
  const room = meetings.find((m) => m.eventId === event.id)!;

  // The registration page's notice line (a date, not a hash).
  const registration = await (await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: sizes[0] })).newPage();
  await registration.goto(`${server.url}/e/${event.slug}`);
  const notice = registration.locator('#privacy-notice');
  await notice.locator('summary').click();
  await shoot(registration, lang, 'registration-notice', notice.locator('a[data-notice-version]'));

  // The event form's follow-up fields.
  const form = await (await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: sizes[0] })).newPage();
  await form
    .context()
    .addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('=').split(';')[0]!, url: server.url }]);
  await form.goto(`${server.url}/events`);
  const followUp = form.locator('fieldset.follow-up-fields').first();
  await followUp.waitFor();
  await shoot(form, lang, 'event-form-follow-up', followUp);

  const host = await roomPage(lang, {
    ...(await api<{ joinToken: string }>('POST', `/api/meetings/${room.id}/host-join`)),
    watchOnly: false,
  });
  await host.getByRole('button', { name: label('Start the webinar', 'Webinar starten') }).waitFor();
  await host
    .getByRole('button', { name: label('Start camera', 'Kamera starten') })
    .click()
    .catch(() => undefined);
  await shoot(host, lang, 'host-before-live');

  const grant = await api<{ joinToken: string; watchOnly: boolean }>('POST', '/api/join', {
    meetingNumber: room.meetingNumber,
    passcode: room.passcode,
    displayName: 'Nora Newyork',
  });
  const attendee = await roomPage(lang, grant);
  await host.getByRole('button', { name: label('Admit Nora Newyork', 'Nora Newyork hereinlassen') }).click();
  await attendee.getByRole('heading', { name: title, level: 2 }).waitFor();
  await shoot(attendee, lang, 'attendee-waiting');

  await host.getByRole('button', { name: label('Start the webinar', 'Webinar starten') }).click();
  await attendee.locator('video[data-broadcast]').waitFor();
  await attendee.waitForTimeout(4000);
  await shoot(attendee, lang, 'attendee-player');
  // A screen share: large, with the host's camera small in a corner.
  await host.getByRole('button', { name: label('Share screen', 'Bildschirm teilen') }).click();
  await attendee.locator('.broadcast-inset[aria-hidden="false"]').waitFor();
  await attendee.waitForTimeout(1500);
  await shoot(attendee, lang, 'attendee-player-screen-share');
  await host.getByRole('button', { name: label('Stop sharing', 'Teilen beenden') }).click();

  await host.getByRole('button', { name: label('Invite Nora Newyork to speak', 'Nora Newyork zum Sprechen einladen') }).click();
  await attendee.getByRole('dialog').waitFor();
  await shoot(attendee, lang, 'attendee-invited');
  await shoot(host, lang, 'host-invitation-pending');
  await attendee
    .getByRole('dialog')
    .getByRole('button', { name: label('Decline', 'Ablehnen') })
    .click();
  await host.getByText(/declined|abgelehnt/).waitFor();
  await shoot(host, lang, 'host-declined');
  await host
    .getByRole('button', { name: label('Close', 'Schließen') })
    .first()
    .click();

  await host.getByRole('button', { name: label('Invite Nora Newyork to speak', 'Nora Newyork zum Sprechen einladen') }).click();
  await attendee
    .getByRole('dialog')
    .getByRole('button', { name: label('Accept', 'Annehmen') })
    .click();
  await attendee.waitForTimeout(1500);
  await shoot(attendee, lang, 'attendee-device-check');
  await attendee.getByRole('button', { name: label('Join the speakers', 'Zu den Vortragenden') }).click();
  await host.getByText(/accepted|angenommen/).waitFor();
  await attendee.waitForTimeout(1500);
  await shoot(attendee, lang, 'attendee-speaking');
  await shoot(host, lang, 'host-accepted');

  const watcher = await roomPage(
    lang,
    await api('POST', '/api/join', { meetingNumber: room.meetingNumber, passcode: room.passcode, displayName: 'Otto Observer' }),
  );
  await host.getByRole('button', { name: label('Admit Otto Observer', 'Otto Observer hereinlassen') }).click();
  await watcher.locator('video[data-broadcast]').waitFor();
  await host.getByRole('button', { name: label('End webinar for all', 'Webinar für alle beenden') }).click();
  await host.getByRole('dialog').getByRole('button').last().click();
  await watcher.waitForTimeout(2000);
  await shoot(watcher, lang, 'attendee-end');
  for (const page of [registration, form, host, attendee, watcher]) await page.context().close();
}

try {
  server = await startServerWithJanus('46000-46999', { ORG_NAME: 'Beispiel GmbH' });
  cookie = await setUpHost(server);
  browser = await launchBrowser();
  for (const lang of ['en', 'de'] as const) await run(lang);
} finally {
  await browser?.close();
  await server?.stop();
}
