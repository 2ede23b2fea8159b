import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type RunningServer } from './harness.js';
import { createMeeting, enterRoom, joinByPasscode, setUpHost, startServerWithJanus } from './room-steps.js';

/** Chat and the minutes banner between a host and a participant in real Chromium, through the built server. */
describe('chat in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie: string;
  let meeting: { meetingNumber: string; passcode: string; title: string };
  let host: Page;
  let anna: Page;
  const offOrigin: string[] = [];

  before(async () => {
    server = await startServerWithJanus('43000-43999');
    cookie = await setUpHost(server);
    meeting = await createMeeting(server, cookie, { title: 'Chat sync', lobby: 'off' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(signedIn: boolean): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    const [name, value] = cookie.split('=') as [string, string];
    if (signedIn) await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) offOrigin.push(url);
    });
    return page;
  }

  const chatTab = (page: Page) => page.getByRole('tab', { name: /^Chat/ });
  const messages = (page: Page) => page.locator('.chat-messages');

  async function send(page: Page, text: string): Promise<void> {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByLabel('Message', { exact: true }).press('Enter');
  }

  it('delivers a message from one participant to the other, counting it as unread until the chat is opened', async () => {
    host = await newPage(true);
    await host.goto(`${server.url}/meetings`);
    await host.getByRole('button', { name: /^Start\W+Chat sync/ }).click();
    await enterRoom(host);

    anna = await newPage(false);
    await joinByPasscode(anna, server, meeting, 'Anna');
    await enterRoom(anna);

    const text = `Hello from Anna ${randomBytes(4).toString('hex')}`;
    await chatTab(anna).click();
    await anna.getByText('Chat is not stored: it disappears when the meeting ends.').waitFor();
    await send(anna, text);
    // In the list of messages: until the server acknowledges, the text is in the input field too.
    await messages(anna).getByText(text).waitFor();

    await host.getByRole('tab', { name: 'Chat (1 unread)' }).waitFor();
    await chatTab(host).click();
    await messages(host).getByText(text).waitFor();
    await host.getByRole('tab', { name: 'Chat', exact: true }).waitFor();
  });

  it('carries a private message to the host only as private', async () => {
    await anna.getByLabel('To').selectOption({ label: 'The host(s) only (private)' });
    await send(anna, 'Just between us');
    await messages(host).getByText('Just between us').waitFor();
    await host.getByText('Private, Anna and the host(s)').waitFor();
    await anna.getByText('Private to the host(s)').waitFor();
  });

  it('shows both the minutes banner as soon as the host switches minutes on, and removes it when switched off', async () => {
    await host.getByRole('button', { name: 'Start minutes' }).click();
    for (const page of [host, anna]) await page.getByTestId('minutes-banner').filter({ hasText: 'Minutes are being taken' }).waitFor();
    assert.match(await anna.getByTestId('minutes-banner').innerText(), /switched on by Hanna Host/);
    await anna.getByText('Minutes on: messages are stored').waitFor();

    await host.getByTestId('minutes-banner').getByRole('button', { name: 'Stop minutes' }).click();
    await anna.getByTestId('minutes-banner').waitFor({ state: 'detached' });
    await host.getByRole('button', { name: 'Start minutes' }).waitFor();
  });

  it('loads nothing from another origin', () => {
    assert.deepEqual(offOrigin, []);
  });
});
