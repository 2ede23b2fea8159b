import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';
import { setUpHost } from './room-steps.js';

/**
 * A scheduled webinar's attendee before the start and after the end (no media needed: Janus is
 * off). The waiting screen shows the start in the viewer's time and a countdown; the end screen
 * thanks them and offers what the organiser set in the event form.
 */
describe('a webinar’s waiting and end screens', () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie: string;
  let host: Page;
  let attendee: Page;
  let room: { id: string; meetingNumber: string; passcode: string };

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function page(locale: string, timezoneId: string): Promise<Page> {
    const context = await browser.newContext({ locale, timezoneId });
    context.setDefaultTimeout(15_000);
    return context.newPage();
  }

  before(async () => {
    server = await startServer({ database: 'sqlite' });
    cookie = await setUpHost(server);
    browser = await launchBrowser();
    // Starts in 11½ minutes: the countdown rounds up to 12.
    const start = new Date(Date.now() + 11.5 * 60_000);
    const event = await api<{ id: string }>('POST', '/api/events', {
      kind: 'webinar',
      title: 'Data protection in practice',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
      followUp: { text: 'The slides and a short survey are on our website.', url: 'https://example.org/slides' },
    });
    const { meetings } = await api<{ meetings: (typeof room & { eventId: string | null })[] }>('GET', '/api/meetings');
    room = meetings.find((m) => m.eventId === event.id)!;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the attendee the start in their own time and the event’s zone, and a countdown in plural forms', async () => {
    host = await page('en-GB', 'Europe/Berlin');
    const { joinToken } = await api<{ joinToken: string }>('POST', `/api/meetings/${room.id}/host-join`);
    await host.goto(`${server.url}/`);
    await host.evaluate(`sessionStorage.setItem('plenum.join.h', ${JSON.stringify(JSON.stringify({ joinToken, watchOnly: false }))})`);
    await host.goto(`${server.url}/room?k=h`);
    await host.getByRole('button', { name: 'Join now' }).click();
    await host.getByRole('button', { name: 'Start the webinar' }).waitFor();

    // The attendee joins with the passcode like anyone, from New York.
    attendee = await page('en-US', 'America/New_York');
    await attendee.goto(`${server.url}/join?meeting=${room.meetingNumber.replaceAll(' ', '')}`);
    await attendee.getByLabel('Passcode').fill(room.passcode);
    await attendee.getByLabel('Your name').fill('Nora Newyork');
    await attendee.getByRole('button', { name: 'Continue' }).click();
    // Event rooms let passcode guests wait in the lobby; the host admits her.
    await host.getByRole('button', { name: 'Admit Nora Newyork' }).click();
    await attendee.getByRole('heading', { name: 'Data protection in practice', level: 2 }).waitFor();
    assert.equal(await attendee.getByText('Check your camera and microphone').count(), 0, 'no device check');
    await attendee.getByText('The webinar starts in 12 minutes').waitFor();
    await attendee.getByText('(your time)').waitFor();
    await attendee.getByText('in the organiser’s time zone').waitFor();
    await attendee.getByText('Hosted by').waitFor();

    // The same screen in German counts in German.
    await attendee.getByLabel('Language').selectOption('de');
    await attendee.getByText('Das Webinar beginnt in 12 Minuten').waitFor();
    await attendee.getByLabel('Sprache').selectOption('en');
  });

  it('thanks the attendee at the end and offers the organiser’s follow-up text and link', async () => {
    await host.getByRole('button', { name: 'End webinar for all' }).click();
    await host.getByRole('dialog').getByRole('button', { name: 'End webinar for all' }).click();
    await attendee.getByRole('heading', { name: 'Thank you for attending' }).waitFor();
    await attendee.getByText('The slides and a short survey are on our website.').waitFor();
    const link = attendee.getByRole('link', { name: 'Go to example.org' });
    assert.equal(await link.getAttribute('href'), 'https://example.org/slides');
  });
});
