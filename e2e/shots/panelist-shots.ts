import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { label, shotsDir, shotSizes } from './shots.js';
import { launchBrowser, staffApi, type RunningServer } from '../harness.js';
import { setUpHost, startServerWithJanus } from '../room-steps.js';

/**
 * Screenshots of an invited panelist's journey and the host's invitations for a person to look at
 * (not a test): the events page's panelist section, the panelist's device check, the backstage,
 * the live room, the room after the host withdrew the invitation, a withdrawn link, and the invitation-to-speak device check on a phone; each at
 * 1366×768 and 390×844, in German and English. Run: npx tsx e2e/shots/panelist-shots.ts <dir>
 */
const out = shotsDir('/tmp/panelist-shots');

let server!: RunningServer;
let browser!: Browser;
let cookie!: string;

const api = staffApi(() => ({ server, cookie }));

async function shoot(page: Page, lang: string, screen: string): Promise<void> {
  for (const size of shotSizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    const file = path.join(out, `${screen}-${lang}-${size.name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
  await page.setViewportSize(shotSizes[0]);
}

async function newPage(lang: string, signedIn = false): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: shotSizes[0] });
  context.setDefaultTimeout(20_000);
  if (signedIn) {
    const [name, ...value] = cookie.split(';')[0]!.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
  }
  return context.newPage();
}

async function linkOf(email: string): Promise<string> {
  const { messages } = await api<{ messages: { to: string; text: string | null }[] }>('GET', '/api/outbox');
  return /(http\S+\/j\/[\w-]{43})/.exec(messages.find((m) => m.to === email)?.text ?? '')?.[1] ?? '';
}

try {
  server = await startServerWithJanus('44000-44999');
  cookie = await setUpHost(server);
  browser = await launchBrowser();
  for (const lang of ['en', 'de'] as const) {
    const start = new Date(Date.now() + 3_600_000);
    const title = lang === 'de' ? 'Podium zum Datenschutz' : 'Panel on privacy';
    const event = await api<{ id: string; meetingId: string }>('POST', '/api/events', {
      kind: 'webinar',
      title,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: lang,
    });
    const host = await newPage(lang, true);
    await host.goto(`${server.url}/events`);
    await host.getByRole('button', { name: new RegExp(`^(Panelists|Vortragende)\\s*:\\s*${title}$`) }).click();
    await host.locator('#panelists').waitFor();
    await shoot(host, lang, 'events-panelists-empty');
    const email = `petra-${lang}@example.org`;
    await host.getByLabel('Name', { exact: true }).fill('Petra Podium');
    await host.getByLabel(label('Email address', 'E-Mail-Adresse')).fill(email);
    await host.getByRole('button', { name: label('Send invitation', 'Einladung senden') }).click();
    await host.getByRole('row').filter({ hasText: 'Petra Podium' }).waitFor();
    await api('POST', `/api/events/${event.id}/panelists`, { name: 'Rita Rückzug', email: `rita-${lang}@example.org` });
    const rita = (await api<{ panelists: { id: string; name: string }[] }>('GET', `/api/events/${event.id}/panelists`)).panelists.find(
      (p) => p.name === 'Rita Rückzug',
    )!;
    await api('DELETE', `/api/events/${event.id}/panelists/${rita.id}`);
    await host.reload();
    await host.getByRole('button', { name: new RegExp(`^(Panelists|Vortragende)\\s*:\\s*${title}$`) }).click();
    await host.getByRole('row').filter({ hasText: 'Rita' }).waitFor();
    await host.locator('#panelists').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await shoot(host, lang, 'events-panelists-list');

    const petra = await newPage(lang);
    await petra.goto(await linkOf(email));
    await petra.getByRole('button', { name: label('Join now', 'Jetzt teilnehmen') }).waitFor();
    await shoot(petra, lang, 'panelist-device-check');
    await petra.getByRole('button', { name: label('Join now', 'Jetzt teilnehmen') }).click();
    await petra.locator('.webinar-host-bar').waitFor();
    await shoot(petra, lang, 'panelist-backstage-alone');

    const grant = await api<{ joinToken: string; watchOnly: boolean }>('POST', `/api/meetings/${event.meetingId}/host-join`);
    const hostRoom = await newPage(lang, true);
    const key = Math.random().toString(16).slice(2);
    await hostRoom.addInitScript(`sessionStorage.setItem('plenum.join.${key}', ${JSON.stringify(JSON.stringify(grant))})`);
    await hostRoom.goto(`${server.url}/room?k=${key}`);
    await hostRoom.getByRole('button', { name: label('Join now', 'Jetzt teilnehmen') }).click();
    await petra.getByRole('button', { name: label('Start camera', 'Kamera starten') }).click();
    await hostRoom.locator('video[data-kind="camera"]').first().waitFor();
    await shoot(petra, lang, 'panelist-backstage');
    await shoot(hostRoom, lang, 'host-with-panelist');
    await hostRoom.getByRole('button', { name: label('Start the webinar', 'Webinar starten') }).click();
    await petra.locator('.webinar-live-badge').waitFor();
    await shoot(petra, lang, 'panelist-live');
    const { panelists } = await api<{ panelists: { id: string; name: string }[] }>('GET', `/api/events/${event.id}/panelists`);
    await api('DELETE', `/api/events/${event.id}/panelists/${panelists.find((p) => p.name === 'Petra Podium')!.id}`);
    await petra
      .getByRole('heading', {
        name: label(
          'The organiser withdrew your invitation as a panelist',
          'Die Veranstalter haben Ihre Einladung zum Sprechen zurückgezogen',
        ),
      })
      .waitFor();
    await shoot(petra, lang, 'panelist-withdrawn-in-room');

    const withdrawn = await newPage(lang);
    await withdrawn.goto(await linkOf(`rita-${lang}@example.org`));
    await withdrawn.getByRole('alert').waitFor();
    await shoot(withdrawn, lang, 'panelist-link-withdrawn');
    await shoot(host, lang, 'staff-header');
    for (const page of [host, petra, hostRoom, withdrawn]) await page.context().close();
  }
} finally {
  await browser?.close();
  await server?.stop();
}
