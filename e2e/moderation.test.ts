import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type RunningServer } from './harness.js';
import { inboundDuring, trackPeerConnections } from './media.js';
import { createMeeting, joinByPasscode, setUpHost, startServerWithJanus } from './room-steps.js';

/** The lobby and the host's moderation in real Chromium (fake microphone) through the embedded Janus. */
describe('lobby and moderation in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let meeting: { id: string; meetingNumber: string; passcode: string };
  let cookie: string;
  let host: Page;
  let olga: Page;

  before(async () => {
    server = await startServerWithJanus('43000-43999');
    cookie = await setUpHost(server);
    // The default lobby: people joining with the passcode wait for the host.
    meeting = await createMeeting(server, cookie, { title: 'Moderated sync' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.addInitScript(trackPeerConnections);
    return context.newPage();
  }

  async function openParticipant(name: string): Promise<Page> {
    const page = await newPage();
    await joinByPasscode(page, server, meeting, name);
    await page.getByRole('button', { name: 'Join now' }).click();
    return page;
  }

  const openPeerConnections = (page: Page) => page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed').length);
  const participantItem = (page: Page, name: string) => page.locator('.participants li').filter({ hasText: name });

  it('lets the host in directly', async () => {
    host = await newPage();
    const [name, value] = cookie.split('=') as [string, string];
    await host.context().addCookies([{ name, value, url: server.url }]);
    await host.goto(`${server.url}/meetings`);
    await host.getByRole('button', { name: /^Start\b/ }).click();
    await host.getByRole('button', { name: 'Join now' }).click();
    await host.getByRole('button', { name: 'Leave' }).waitFor();
  });

  it('keeps a passcode joiner in the lobby without media until the host admits them', async () => {
    olga = await openParticipant('Olga');
    await olga.getByRole('status').filter({ hasText: 'The host will let you in soon.' }).waitFor();
    await host.getByRole('heading', { name: 'Waiting to enter (1)' }).waitFor();
    await olga.waitForTimeout(500);
    assert.equal(await openPeerConnections(olga), 0, 'no media while waiting');
    assert.equal(await olga.getByRole('button', { name: 'Unmute', exact: true }).count(), 0, 'no room controls while waiting');

    await host.getByRole('button', { name: 'Admit Olga' }).click();
    await olga.getByRole('button', { name: 'Leave' }).waitFor();
    await participantItem(host, 'Olga').waitFor();
    assert.equal(await host.getByRole('heading', { name: /Waiting to enter/ }).count(), 0);
  });

  it('turns a rejected joiner away', async () => {
    const ben = await openParticipant('Ben');
    await host.getByRole('button', { name: 'Reject Ben' }).click();
    await ben.getByRole('heading', { name: 'The host did not let you in' }).waitFor();
    assert.equal(await participantItem(host, 'Ben').count(), 0);
    await ben.context().close();
  });

  it('shows a raised hand to the host, who lowers it', async () => {
    await olga.getByRole('button', { name: 'Raise hand' }).click();
    await participantItem(host, 'Olga').getByText('Hand raised').waitFor();
    await participantItem(host, 'Olga').locator('summary').click();
    await participantItem(host, 'Olga').getByRole('button', { name: 'Lower hand' }).click();
    await olga.getByRole('button', { name: 'Raise hand' }).waitFor();
    assert.equal(await participantItem(host, 'Olga').getByText('Hand raised').count(), 0);
  });

  it('mutes a participant on the server: the host hears nothing more, and she sees it', async () => {
    await olga.getByRole('button', { name: 'Unmute', exact: true }).click();
    await olga.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await host.waitForTimeout(1500);
    const speaking = await inboundDuring(host, 2000);
    assert.ok(speaking.audioEnergy > 0.001, `the host hears Olga (energy ${speaking.audioEnergy})`);

    const menu = participantItem(host, 'Olga').locator('details');
    if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) await menu.locator('summary').click();
    await menu.getByRole('button', { name: 'Mute', exact: true }).click();
    await olga.getByRole('status').filter({ hasText: 'The host muted you.' }).waitFor();
    await olga.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    await host.waitForTimeout(1000);
    const silent = await inboundDuring(host, 2000);
    assert.ok(silent.audioEnergy < speaking.audioEnergy / 20, `after the host muted Olga the host hears nothing (energy ${silent.audioEnergy} vs ${speaking.audioEnergy})`);
    await participantItem(host, 'Olga').getByText('Muted').waitFor();
  });

  it('mutes everyone and, when the host says so, keeps them from unmuting until allowed again', async () => {
    await olga.getByRole('button', { name: 'Unmute', exact: true }).click();
    await olga.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await host.getByRole('tab', { name: 'Host' }).click();
    const allowUnmute = host.getByLabel('Allow participants to unmute themselves', { exact: true });
    await allowUnmute.uncheck();
    await host.getByRole('button', { name: 'Mute all' }).click();
    await olga.getByRole('status').filter({ hasText: 'You cannot unmute yourself for now.' }).waitFor();
    await olga.getByRole('button', { name: 'Unmute', exact: true }).click();
    await olga.getByRole('alert').filter({ hasText: 'does not allow participants to unmute themselves' }).waitFor();
    await olga.getByRole('button', { name: 'Unmute', exact: true }).waitFor();

    await allowUnmute.click();
    await olga.getByRole('button', { name: 'Unmute', exact: true }).click();
    await olga.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await host.getByRole('tab', { name: 'Participants' }).click();
  });

  it('removes a participant, who cannot come back with the same access', async () => {
    const roomUrl = olga.url();
    host.once('dialog', (dialog) => void dialog.accept());
    const menu = participantItem(host, 'Olga').locator('details');
    if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) await menu.locator('summary').click();
    await menu.getByRole('button', { name: 'Remove from meeting' }).click();
    await olga.getByRole('heading', { name: 'The host removed you from the meeting' }).waitFor();
    await participantItem(host, 'Olga').waitFor({ state: 'detached' });

    await olga.goto(roomUrl);
    await olga.getByRole('button', { name: 'Join now' }).click();
    await olga.getByRole('alert').filter({ hasText: 'Your access to this meeting has expired' }).waitFor();
  });

  it('locks the meeting: a new joiner is told so', async () => {
    await host.getByRole('tab', { name: 'Host' }).click();
    await host.getByLabel(/Lock meeting/).click();
    await host.getByRole('status').filter({ hasText: 'The meeting is locked' }).waitFor();
    const page = await newPage();
    await joinByPasscode(page, server, meeting, 'Late');
    await page.getByRole('alert').filter({ hasText: 'The host has locked this meeting' }).waitFor();
  });
});
