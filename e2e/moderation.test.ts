import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type RunningServer } from './harness.js';
import { inboundDuring, trackPeerConnections } from './media.js';
import { createMeeting, enterRoom, joinByPasscode, setUpHost, startServerWithJanus } from './room-steps.js';

/** The lobby and the host's moderation in real Chromium (fake microphone) through the embedded Janus. */
describe('lobby and moderation in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let meeting: { id: string; meetingNumber: string; passcode: string };
  let cookie: string;
  let host: Page;
  let olga: Page;

  before(async () => {
    // Logging at info, so the test below can show that no passcode from an invitation link reaches the log.
    server = await startServerWithJanus('43000-43999', { LOG_LEVEL: 'info' });
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

  const openPeerConnections = (page: Page) =>
    page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed').length);
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
    assert.ok(
      silent.audioEnergy < speaking.audioEnergy / 20,
      `after the host muted Olga the host hears nothing (energy ${silent.audioEnergy} vs ${speaking.audioEnergy})`,
    );
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
    const menu = participantItem(host, 'Olga').locator('details');
    if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) await menu.locator('summary').click();
    await menu.getByRole('button', { name: 'Remove from meeting' }).click();
    await host.getByRole('dialog', { name: 'Remove Olga from the meeting?' }).getByRole('button', { name: 'Remove from meeting' }).click();
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

  describe('ending, handing over, co-hosts, invitations, errors and phones', () => {
    let second: { id: string; meetingNumber: string; passcode: string };
    let boss: Page;
    let clara: Page;

    async function startAsHost(viewport?: { width: number; height: number }): Promise<Page> {
      const context = await browser.newContext({ locale: 'en-GB', ...(viewport ? { viewport, isMobile: true, hasTouch: true } : {}) });
      // Phones have no getDisplayMedia: screen sharing must not be offered there.
      if (viewport) await context.addInitScript(() => delete (MediaDevices.prototype as { getDisplayMedia?: unknown }).getDisplayMedia);
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/meetings`);
      await page
        .locator('li, article, .card')
        .filter({ hasText: 'Second sync' })
        .getByRole('button', { name: /^(Start|Join)\b/ })
        .click();
      await enterRoom(page);
      return page;
    }

    before(async () => {
      second = await createMeeting(server, cookie, { title: 'Second sync' });
    });

    it('joins in one click from the invitation link; the passcode travels in the fragment and reaches no log', async () => {
      boss = await startAsHost();
      await boss.getByRole('button', { name: 'Invite' }).click();
      const link = await boss.getByLabel('Link with passcode (joins in one click)').inputValue();
      assert.match(link, /\/join\?meeting=\d+#pwd=/);
      assert.ok(link.endsWith(`#pwd=${second.passcode}`));
      await boss.getByRole('button', { name: 'Close' }).click();

      clara = await newPage();
      const requested: string[] = [];
      clara.on('request', (request) => requested.push(request.url()));
      await clara.goto(link);
      assert.equal(await clara.getByLabel('Passcode').inputValue(), second.passcode, 'the passcode is filled in from the link');
      assert.equal(new URL(clara.url()).hash, '', 'and taken out of the address bar');
      await clara.getByLabel('Your name').fill('Clara');
      await clara.getByRole('button', { name: 'Continue' }).click();
      await clara.getByRole('button', { name: 'Join now' }).click();
      await boss.getByRole('button', { name: 'Admit Clara' }).click();
      await clara.getByRole('button', { name: 'Leave' }).waitFor();
      assert.ok(!requested.some((url) => url.includes(second.passcode)), 'no request URL carries the passcode');
      assert.ok(server.output().includes('"route"'), 'the server logs requests');
      assert.ok(!server.output().includes(second.passcode), 'the server log never holds the passcode');
    });

    it('asks before ending the meeting for all; Cancel keeps it going', async () => {
      await boss.getByRole('button', { name: 'End meeting for all' }).click();
      const dialog = boss.getByRole('dialog', { name: 'End the meeting for everyone?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await clara.waitForTimeout(500);
      assert.equal(await clara.getByRole('heading', { name: 'The meeting has ended' }).count(), 0);
      await participantItem(boss, 'Clara').waitFor();
    });

    it('lets a co-host admit from the lobby', async () => {
      await participantItem(boss, 'Clara').locator('summary').click();
      await participantItem(boss, 'Clara').getByRole('button', { name: 'Make co-host' }).click();
      await clara.getByRole('status').filter({ hasText: 'The host made you co-host' }).waitFor();
      await participantItem(boss, 'Clara').getByText('Co-host', { exact: true }).waitFor();
      assert.equal(await clara.getByRole('button', { name: 'End meeting for all' }).count(), 0, 'a co-host does not end for all');

      const dan = await newPage();
      await joinByPasscode(dan, server, second, 'Dan');
      await dan.getByRole('button', { name: 'Join now' }).click();
      await clara.getByRole('button', { name: 'Admit Dan' }).click();
      await dan.getByRole('button', { name: 'Leave' }).waitFor();
      await participantItem(boss, 'Dan').waitFor();
      await dan.context().close();
    });

    it('has the last host name the next host on leaving, who then has the host controls', async () => {
      await boss.getByRole('button', { name: 'Leave' }).click();
      const dialog = boss.getByRole('dialog', { name: 'You are the host' });
      await dialog.getByLabel('New host').selectOption({ label: 'Clara (Co-host)' });
      await dialog.getByRole('button', { name: 'Make host and leave' }).click();
      await boss.getByRole('heading', { name: 'You left the meeting' }).waitFor();
      await clara.getByRole('status').filter({ hasText: 'You are the host now' }).waitFor();
      await clara.getByRole('button', { name: 'End meeting for all' }).waitFor();
      await clara.getByRole('tab', { name: 'Host' }).waitFor();
      await boss.context().close();
    });

    it('fits every control on a phone (390×844), each with a name, and offers no screen sharing there', async () => {
      const phone = await startAsHost({ width: 390, height: 844 });
      const names = ['Unmute', 'Start camera', 'Raise hand', 'Invite', 'Leave', 'End meeting for all'];
      const controls = phone.getByRole('group', { name: 'Meeting controls' }).getByRole('button');
      assert.equal(await controls.count(), names.length);
      for (const name of names) {
        const box = await phone.getByRole('group', { name: 'Meeting controls' }).getByRole('button', { name, exact: true }).boundingBox();
        assert.ok(
          box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844,
          `${name} is on screen: ${JSON.stringify(box)}`,
        );
        assert.ok(box.width >= 24 && box.height >= 24, `${name} is a target of at least 24 px`);
      }
      assert.equal(await phone.getByRole('button', { name: 'Share screen' }).count(), 0);
      const header = await phone.locator('.room-topbar').boundingBox();
      assert.ok(header && header.height < 60, `the header is one row (${header?.height} px)`);
      await phone.context().close();
    });

    it('says that the camera was refused, dismissably, when the browser denies it', async () => {
      const refusing = await launchBrowser({ answerMediaPrompts: false });
      try {
        const page = await (await refusing.newContext({ locale: 'en-GB' })).newPage();
        await joinByPasscode(page, server, second, 'Eve');
        await page.getByRole('button', { name: 'Join now' }).click();
        await clara.getByRole('button', { name: 'Admit Eve' }).click();
        await page.getByRole('button', { name: 'Start camera' }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'The browser did not allow access to the camera.' });
        await alert.waitFor();
        await page.getByRole('button', { name: 'Start camera' }).waitFor();
        await alert.getByRole('button', { name: 'Dismiss' }).click();
        await alert.waitFor({ state: 'detached' });
      } finally {
        await refusing.close();
      }
    });
  });
});
