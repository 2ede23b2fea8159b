import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { startClusterHarness, type ClusterHarness } from '../src/testing/cluster-harness.js';
import { testRedisUrl } from '../src/testing/cluster.js';
import { launchBrowser } from './harness.js';
import { trackPeerConnections } from './media.js';
import { roomHost } from './room-steps.js';
import { label, shotSizes } from './shots/shots.js';

const screens = process.env.SCREENS_DIR;
const [desktop, phone] = shotSizes;
type Size = (typeof shotSizes)[number];

interface Attendee {
  name: string;
  lang: 'de' | 'en';
  page: Page;
  /** The instance holding the page's socket (nginx chose it by the seat in the socket's path). */
  instance: string;
}

/**
 * A webinar in real Chromium against the three-machine deployment on loopback (3 app instances
 * behind nginx, a meeting and an edge Janus): attendees in German and English, on a desktop and a
 * phone, join through /join and are seated at the room's owner over Redis wherever nginx put their
 * socket. When the owner is killed (SIGKILL), the pages on the other instances play again by
 * themselves, without a reload or an error, and the host's page reconnects and presents again.
 * SCREENS_DIR=<dir> keeps a screenshot of each step.
 */
describe('a webinar in the browser on three instances behind nginx, its owner killed', () => {
  let cluster: ClusterHarness;
  let browser: Browser;
  let host: Page;
  let webinar: { id: string; meetingNumber: string; passcode: string };
  let owner: string;
  const attendees: Attendee[] = [];
  /** Which instance sent each `attend` over the bus (it seats an attendee at the owner). */
  const attends: string[] = [];
  const listener = new Redis(testRedisUrl);

  before(async () => {
    cluster = await startClusterHarness({ instances: 3, janusRoles: ['meeting', 'edge'] });
    await listener.psubscribe(`${cluster.prefix}bus:*`);
    listener.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, payload: Buffer) => {
      for (let offset = 0; offset < payload.length;) {
        const length = payload.readUInt32BE(offset);
        const header = JSON.parse(payload.toString('utf8', offset + 4, offset + 4 + length)) as { kind: string; from: string };
        offset += 4 + length;
        offset += 4 + payload.readUInt32BE(offset);
        if (header.kind === 'attend') attends.push(header.from);
      }
    });
    browser = await launchBrowser();
  });
  after(async () => {
    listener.disconnect();
    await browser?.close();
    await cluster?.stop();
  });

  async function shoot(page: Page, name: string): Promise<void> {
    if (!screens) return;
    mkdirSync(screens, { recursive: true });
    const size = page.viewportSize()!.width === phone.width ? 'phone' : 'desktop';
    await page.screenshot({ path: path.join(screens, `${name}-${size}.png`) });
  }

  async function newPage(lang: 'de' | 'en', size: Size): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: size });
    context.setDefaultTimeout(20_000);
    await context.addInitScript(trackPeerConnections);
    return context.newPage();
  }

  /** Resolves once the page's player presents new frames (what the person sees plays). */
  async function playing(page: Page, timeout: number): Promise<void> {
    await page.waitForFunction(
      () => {
        const video = document.querySelector<HTMLVideoElement>('video[data-broadcast]');
        const state = window as unknown as { __frames?: { video: HTMLVideoElement; frames: number } };
        if (!video || video.paused || video.readyState < 2 || video.videoWidth === 0) return false;
        const frames = video.getVideoPlaybackQuality().totalVideoFrames;
        const last = state.__frames;
        state.__frames = { video, frames };
        return last?.video === video && frames > last.frames;
      },
      undefined,
      { timeout, polling: 200 },
    );
  }

  async function join(name: string, lang: 'de' | 'en', size: Size): Promise<Attendee> {
    const page = await newPage(lang, size);
    const before = attends.length;
    await page.goto(`${cluster.origin}/join?meeting=${webinar.meetingNumber.replaceAll(' ', '')}`);
    await page.getByLabel(label('Passcode', 'Kenncode')).fill(webinar.passcode);
    await page.getByLabel(label('Your name', 'Ihr Name')).fill(name);
    await page.getByRole('button', { name: label('Continue', 'Weiter') }).click();
    await playing(page, 20_000);
    // Seated by another instance: one `attend` sent over the bus; seated at the owner itself: none.
    const attendee = { name, lang, page, instance: attends.slice(before)[0] ?? owner };
    attendees.push(attendee);
    return attendee;
  }

  const first = (a: Attendee) => a.name.split(' ')[0]!.toLowerCase();

  it('lets the host present and attendees joining through /join watch it, at least one seated from another instance', async () => {
    host = await newPage('en', desktop);
    await host.goto(`${cluster.origin}/`);
    assert.equal(
      (await host.request.post(`${cluster.origin}/api/setup`, { data: { token: cluster.setupToken, ...roomHost } })).status(),
      204,
    );
    const created = await host.request.post(`${cluster.origin}/api/meetings`, {
      data: { title: 'Cluster launch', lobby: 'off', kind: 'webinar' },
    });
    webinar = (await created.json()) as typeof webinar;
    const grant = (await (await host.request.post(`${cluster.origin}/api/meetings/${webinar.id}/host-join`)).json()) as Record<
      string,
      unknown
    >;
    const key = 'walk';
    await host.evaluate(([k, g]) => sessionStorage.setItem(`plenum.join.${k}`, g), [
      key,
      JSON.stringify({ ...grant, watchOnly: false }),
    ] as const);
    await host.goto(`${cluster.origin}/room?k=${key}`);
    await host.getByRole('button', { name: 'Join now' }).click();
    await host.getByRole('button', { name: 'Start camera' }).click();
    await host.getByRole('button', { name: 'Start the webinar' }).click();
    await host.getByText('Live', { exact: true }).waitFor();
    owner = (await cluster.ownerOf(webinar.id))!.id;
    await shoot(host, '01-host-live-en');

    for (const [name, lang, size] of [
      ['Anna Attendee', 'de', desktop],
      ['Ben Attendee', 'en', desktop],
      ['Chris Attendee', 'de', phone],
      ['Dana Attendee', 'en', phone],
    ] as const)
      await shoot((await join(name, lang, size)).page, `02-playing-${name.split(' ')[0]!.toLowerCase()}-${lang}`);
    // nginx hashes each seat over the three instances: a few more join until one sits elsewhere.
    for (let i = 1; !attendees.some((a) => a.instance !== owner) && i <= 6; i++) await join(`Extra ${i}`, 'en', desktop);
    assert.ok(
      attendees.some((a) => a.instance !== owner),
      `an attendee on another instance than the owner ${owner}: ${attendees.map((a) => a.instance).join(', ')}`,
    );
    await attendees[0]!.page.getByText(`${attendees.length} schauen zu`).waitFor();
  });

  it('brings each attendee’s chat message and question to the host, and the host’s answer to the asker', async () => {
    for (const a of attendees) {
      await a.page.getByRole('tab', { name: /^Chat/ }).click();
      await a.page.locator('#chat-text').fill(`Hello from ${a.name}`);
      await a.page.locator('#chat-text').press('Enter');
      await a.page.getByRole('tab', { name: label('Q&A', 'Fragen') }).click();
      await a.page.getByLabel(label('Ask a question', 'Eine Frage stellen')).fill(`Question from ${a.name}`);
      await a.page.getByRole('button', { name: label('Ask', 'Fragen'), exact: true }).click();
      await a.page
        .locator('li.qa-question')
        .filter({ hasText: `Question from ${a.name}` })
        .getByText(label('Your question', 'Ihre Frage'))
        .waitFor();
    }
    await host.getByRole('tab', { name: /^Chat/ }).click();
    for (const a of attendees) await host.locator('.chat-messages').getByText(`Hello from ${a.name}`).waitFor();
    await host.getByRole('tab', { name: /^Q&A/ }).click();
    for (const a of attendees) await host.getByText(`Question from ${a.name}`).waitFor();
    const asked = host.locator('li.qa-question').filter({ hasText: `Question from ${attendees[0]!.name}` });
    await asked.getByRole('button', { name: 'Answer', exact: true }).click();
    await asked.getByLabel('Written answer').fill('Yes, the slides follow by mail.');
    await asked.getByRole('button', { name: 'Send answer' }).click();
    await attendees[0]!.page.getByText('Yes, the slides follow by mail.').waitFor();
    await attendees[0]!.page.getByText('Antwort von Hanna Host').waitFor();
    await shoot(host, '03-host-questions-en');
    for (const a of attendees.slice(0, 4)) await shoot(a.page, `04-questions-${first(a)}-${a.lang}`);
  });

  it('plays again on the other instances’ pages by themselves within 10 s of the owner’s SIGKILL, and the host presents again', async () => {
    // A page that reloaded would have lost this mark.
    for (const page of [...attendees.map((a) => a.page), host])
      await page.evaluate(() => ((window as unknown as { __mark: boolean }).__mark = true));
    const connectionsBefore = await Promise.all(
      attendees.map((a) => a.page.evaluate(() => (window as unknown as { __pcs: unknown[] }).__pcs.length)),
    );
    const killedAt = Date.now();
    await cluster.kill(owner);
    // Those on other instances keep their sockets: 10 s. Those whose socket the owner held reconnect first: 20 s.
    const took = await Promise.all(
      attendees.map(async (a, i) => {
        const deadline = killedAt + (a.instance === owner ? 20_000 : 10_000);
        // Fresh frames on a connection set up after the kill (the old one still shows Janus' stream for a while).
        await a.page.waitForFunction(
          (before) =>
            (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.slice(before).some((pc) => pc.connectionState === 'connected'),
          connectionsBefore[i],
          { timeout: Math.max(1, deadline - Date.now()), polling: 100 },
        );
        await playing(a.page, Math.max(1, deadline - Date.now()));
        return `${a.name} on ${a.instance} after ${Date.now() - killedAt} ms`;
      }),
    );
    console.log(`owner ${owner} killed; playing again: ${took.join('; ')}`);
    await host.getByText('Connection lost, reconnecting…').waitFor({ state: 'detached', timeout: 20_000 });
    await host.getByRole('button', { name: 'Stop camera' }).waitFor();
    await host.getByText('Live', { exact: true }).waitFor();

    for (const a of [...attendees, { page: host, name: 'the host' }]) {
      assert.equal(
        await a.page.evaluate(() => (window as unknown as { __mark?: boolean }).__mark),
        true,
        `${a.name}’s page did not reload`,
      );
      assert.equal(await a.page.getByText(label('Connection lost, reconnecting…', 'Verbindung unterbrochen, neuer Versuch …')).count(), 0);
      assert.doesNotMatch(await a.page.locator('body').innerText(), /ERR_[A-Z_]+/, `no error code on ${a.name}’s page`);
    }
    // The next owner kept who asked: the asker's question is still theirs.
    for (const a of attendees)
      await a.page
        .locator('li.qa-question')
        .filter({ hasText: `Question from ${a.name}` })
        .getByText(label('Your question', 'Ihre Frage'))
        .waitFor();
    for (const a of attendees.slice(0, 4)) await shoot(a.page, `05-after-takeover-${first(a)}-${a.lang}`);
    await shoot(host, '05-after-takeover-host-en');
  });
});
