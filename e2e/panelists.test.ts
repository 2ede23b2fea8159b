// test tier: heavy (embedded Janus, Chromium)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, staffApi, type RunningServer } from './harness.js';
import { trackPeerConnections, untilVideoFlows } from './media.js';
import { roomHost, setUpHost, startServerWithJanus } from './room-steps.js';
import { until } from '../src/testing/until.js';

/**
 * An invited panelist in real Chromium through the embedded Janus: the host invites them on the
 * events page, the mail (read from the local outbox) carries their personal link, which opens the
 * device check and then the backstage; once the host starts the webinar, the panelist's camera
 * reaches an attendee through the broadcast. A withdrawn invitation takes them out, and the link
 * then says why, after one request.
 */
/** A button's name with the hidden words that say what it acts on ("Start: Panel on privacy"). */
const about = (action: string, what: string) => new RegExp(`^${action}\\s*:\\s*${what}$`);

describe('an invited panelist in the browser', { concurrency: 1 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie = '';
  const api = staffApi(() => ({ server, cookie }));
  let event: { id: string; title: string; meetingId: string };
  let host: Page;
  let petra: Page;
  let link = '';
  const offOrigin: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(20_000);
    await context.addInitScript(trackPeerConnections);
    context.on('request', (request) => {
      if (!/^(data|blob):/.test(request.url()) && !request.url().startsWith(server.url)) offOrigin.push(request.url());
    });
    return context.newPage();
  }

  before(async () => {
    server = await startServerWithJanus('44000-44999');
    cookie = await setUpHost(server);
    const start = new Date(Date.now() + 3_600_000);
    event = await api('POST', '/api/events', {
      kind: 'webinar',
      title: 'Panel on privacy',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
      mayBeRecorded: true,
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the host invite a panelist by name and email on the events page; the mail carries a personal link', async () => {
    host = await newPage();
    await host.goto(`${server.url}/login?next=/events`);
    await host.getByLabel('Email address').fill(roomHost.email);
    await host.getByLabel('Password').fill(roomHost.password);
    await host.getByRole('button', { name: 'Sign in' }).click();
    await host.getByRole('button', { name: about('Panelists', 'Panel on privacy') }).click();
    await host.getByText('Nobody is invited yet.', { exact: false }).waitFor();
    await host.getByLabel('Name', { exact: true }).fill('Petra Podium');
    await host.getByLabel('Email address').fill('petra@example.org');
    await host.getByRole('button', { name: 'Send invitation' }).click();
    await host.getByRole('status').filter({ hasText: 'Invitation sent to petra@example.org.' }).waitFor();
    const row = host.getByRole('row').filter({ hasText: 'Petra Podium' });
    await row.getByText('Invited', { exact: true }).waitFor();

    const mail = await until(
      async () =>
        (await api<{ messages: { to: string; subject: string; text: string | null }[] }>('GET', '/api/outbox')).messages.find(
          (m) => m.to === 'petra@example.org',
        ),
      { timeoutMs: 5000, intervalMs: 100, what: 'the invitation mail' },
    );
    assert.equal(mail.subject, 'You are invited to speak: Panel on privacy');
    link = /(http\S+\/j\/[\w-]{43})/.exec(mail.text ?? '')?.[1] ?? '';
    assert.ok(link, 'the mail carries the personal link');
  });

  it('opens the device check, then the backstage; the host’s recording asks the panelist; live, an attendee sees the panelist', async () => {
    petra = await newPage();
    await petra.goto(link);
    await petra.getByRole('heading', { name: 'Check your camera and microphone' }).waitFor();
    await petra.getByRole('button', { name: 'Join now' }).click();
    await petra.getByText('You are backstage: attendees see a waiting screen').waitFor();
    assert.equal(await petra.getByRole('button', { name: 'Start the webinar' }).count(), 0, 'a panelist cannot go live');

    // The host enters from the event (device check, then the room).
    await host.goto(`${server.url}/events`);
    await host.getByRole('button', { name: about('Start', 'Panel on privacy') }).click();
    await host.getByRole('button', { name: 'Join now' }).click();
    await host.getByText('Attendees see a waiting screen until you start the webinar.', { exact: false }).waitFor();
    await host.getByText('Petra Podium').first().waitFor();
    assert.equal(await host.getByRole('button', { name: 'Invite Petra Podium to speak' }).count(), 0, 'already on the panel');

    // Recording asks those who send: the panelist gets the consent dialog, as the host does.
    await host.getByRole('button', { name: 'Record' }).click();
    const consent = petra.getByRole('dialog', { name: 'The host asks to record this meeting' });
    await consent.waitFor();
    await consent.getByRole('button', { name: 'Do not record me' }).click();
    await host
      .getByRole('dialog', { name: 'The host asks to record this meeting' })
      .getByRole('button', { name: 'Do not record me' })
      .click();
    await host.getByRole('button', { name: 'Stop recording' }).click();

    await petra.getByRole('button', { name: 'Start camera' }).click();
    await petra.getByRole('button', { name: 'Stop camera' }).waitFor();

    const { meetingNumber, passcode } = await api<{ meetingNumber: string; passcode: string }>('GET', `/api/meetings/${event.meetingId}`);
    const attendee = await newPage();
    await attendee.goto(`${server.url}/join?meeting=${meetingNumber.replaceAll(' ', '')}`);
    await attendee.getByLabel('Passcode').fill(passcode);
    await attendee.getByLabel('Your name').fill('Anna Attendee');
    await attendee.getByRole('button', { name: 'Continue' }).click();
    // Who comes with the passcode waits in the lobby of an event's room (registrants and panelists do not).
    await host.getByRole('button', { name: 'Admit Anna Attendee' }).click();
    await attendee.getByText('The webinar starts in', { exact: false }).waitFor();
    assert.equal(await attendee.locator('video').count(), 0, 'nothing of the backstage reaches an attendee');

    await host.getByRole('button', { name: 'Start the webinar' }).click();
    await petra.getByText('The webinar is live: attendees see and hear you').waitFor();
    await attendee.locator('video[data-broadcast]').waitFor();
    await attendee.getByText('Petra Podium', { exact: false }).first().waitFor();
    await untilVideoFlows(attendee, 15_000);
    await attendee.context().close();
  });

  it('takes the panelist out when the host withdraws the invitation; the link then says why, after one request', async () => {
    const events = await newPage();
    await events.context().addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), url: server.url }]);
    await events.goto(`${server.url}/events`);
    await events.getByRole('button', { name: about('Panelists', 'Panel on privacy') }).click();
    events.once('dialog', (dialog) => void dialog.accept());
    await events.getByRole('button', { name: about('Withdraw invitation', 'Petra Podium') }).click();
    await events
      .getByRole('row')
      .filter({ hasText: 'Petra Podium' })
      .getByText(/^Withdrawn/)
      .waitFor();
    await petra.getByRole('heading', { name: 'The organiser withdrew your invitation as a panelist' }).waitFor();
    await petra.getByRole('alert').filter({ hasText: 'Your personal speaker link no longer works' }).waitFor();

    const again = await newPage();
    let attempts = 0;
    again.on('request', (request) => void (request.url().endsWith('/api/join/link') && attempts++));
    await again.goto(link);
    await again.getByRole('alert').filter({ hasText: 'The host withdrew this invitation to speak' }).waitFor();
    await again.getByText('The email that invited you names the host').waitFor();
    assert.equal(await again.getByRole('link', { name: 'Join with meeting ID and passcode instead' }).count(), 0);
    await again.waitForTimeout(1500);
    assert.equal(attempts, 1, 'one request, no retrying');
  });

  it('loads nothing from another origin', () => {
    assert.deepEqual(offOrigin, []);
  });
});
