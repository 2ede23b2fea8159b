import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type RunningServer } from './harness.js';
import { trackPeerConnections } from './media.js';
import { joinWithCamera, smallClip, type CameraPublisher } from './room-publishers.js';
import { createMeeting, enterRoom, joinByPasscode, setUpHost, startServerWithJanus } from './room-steps.js';

type Meeting = { id: string; meetingNumber: string; passcode: string };

/**
 * Meetings of a real team: more people than fit on one screen. Chromium pages (fake camera) and
 * werift publishers (a replayed clip) in one meeting through the embedded Janus.
 */
describe('a meeting that holds a team', () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie: string;
  const publishers: CameraPublisher[] = [];

  before(async () => {
    server = await startServerWithJanus('48000-48999');
    cookie = await setUpHost(server);
    browser = await launchBrowser();
  });

  after(async () => {
    for (const publisher of publishers) await publisher.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    await context.addInitScript(trackPeerConnections);
    await context.addInitScript(() => localStorage.setItem('plenum.room.layout', 'gallery'));
    return context.newPage();
  }

  async function join(meeting: Meeting, name: string): Promise<Page> {
    const page = await openPage();
    await joinByPasscode(page, server, meeting, name);
    await enterRoom(page);
    return page;
  }

  /** The host enters as the meetings page's Start does: a host join token in this tab's session storage. */
  async function hostEnters(meeting: Meeting): Promise<Page> {
    const granted = await fetch(`${server.url}/api/meetings/${meeting.id}/host-join`, { method: 'POST', headers: { cookie } });
    const { joinToken } = (await granted.json()) as { joinToken: string };
    const page = await openPage();
    await page.goto(`${server.url}/join`);
    await page.evaluate((token) => sessionStorage.setItem('plenum.join.host', token), joinToken);
    await page.goto(`${server.url}/room?k=host`);
    await enterRoom(page);
    return page;
  }

  /** The inbound video streams whose bytes grow during `ms` (getStats of every connection of the page). */
  async function videoStreamsReceiving(page: Page, ms: number): Promise<number> {
    const sample = () =>
      page.evaluate(async () => {
        const bytes: Record<string, number> = {};
        for (const [index, pc] of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.entries()) {
          if (pc.connectionState === 'closed') continue;
          (await pc.getStats()).forEach((r: { type: string; kind?: string; ssrc?: number; bytesReceived?: number }) => {
            if (r.type === 'inbound-rtp' && r.kind === 'video') bytes[`${index}:${r.ssrc}`] = r.bytesReceived ?? 0;
          });
        }
        return bytes;
      });
    const before = await sample();
    await page.waitForTimeout(ms);
    const after = await sample();
    return Object.entries(after).filter(([stream, received]) => received > (before[stream] ?? 0)).length;
  }

  /** Whose cameras the page's stage plays, by participant id. */
  async function camerasPlaying(page: Page): Promise<string[]> {
    const videos = await framesPerVideo(page, 1500);
    return [...videos]
      .filter(([name, v]) => name.endsWith(':camera') && !name.startsWith('self') && v.width > 0 && v.frames > 0)
      .map(([name]) => name.split(':')[0]!)
      .sort();
  }

  async function untilCamerasPlaying(page: Page, expected: string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const playing = await camerasPlaying(page);
      if (JSON.stringify(playing) === JSON.stringify([...expected].sort())) return;
      if (Date.now() > deadline) assert.deepEqual(playing, [...expected].sort(), 'the cameras of the page play');
    }
  }

  /** Frames each video on the stage presents during `ms`, by what it shows (`<participant id>:<kind>`, or `self:<kind>`). */
  async function framesPerVideo(page: Page, ms: number): Promise<Map<string, { width: number; frames: number }>> {
    const sample = () =>
      page.locator('.stage video').evaluateAll((videos) =>
        videos.map((video) => {
          const v = video as HTMLVideoElement;
          const name = v.dataset.participantId ? `${v.dataset.participantId}:${v.dataset.kind}` : `self:${v.dataset.self}`;
          return { name, width: v.videoWidth, frames: v.getVideoPlaybackQuality().totalVideoFrames };
        }),
      );
    const before = new Map((await sample()).map((s) => [s.name, s.frames]));
    await page.waitForTimeout(ms);
    return new Map((await sample()).map((s) => [s.name, { width: s.width, frames: s.frames - (before.get(s.name) ?? s.frames) }]));
  }

  /** Waits until every video on the stage shows frames (up to 20 s), and returns them. */
  async function untilAllVideosPlay(page: Page, expected: number): Promise<Map<string, { width: number; frames: number }>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const videos = await framesPerVideo(page, 1000);
      const playing = [...videos.values()].filter((v) => v.width > 0 && v.frames > 0).length;
      if (videos.size >= expected && playing === videos.size) return videos;
      if (Date.now() > deadline) throw new Error(`videos on the stage: ${JSON.stringify([...videos])}`);
    }
  }

  it('six people with their cameras on and a screen share: everyone sees every video shown', async () => {
    const meeting = await createMeeting<Meeting>(server, cookie, { title: 'Team of six', lobby: 'off' });
    const clip = await smallClip();
    for (const name of ['Dora', 'Emil', 'Frida']) publishers.push(await joinWithCamera(server, meeting, name, clip));
    const pages = [await join(meeting, 'Anna'), await join(meeting, 'Ben'), await join(meeting, 'Cleo')];
    for (const page of pages) await page.getByRole('button', { name: 'Start camera' }).click();

    // The gallery: five others in the grid, oneself small in the corner.
    for (const page of pages) {
      const videos = await untilAllVideosPlay(page, 6);
      assert.equal(
        [...videos.keys()].filter((name) => name.endsWith(':camera') && !name.startsWith('self')).length,
        5,
        'five cameras of others',
      );
      assert.ok(videos.has('self:true'), 'the self-view');
    }

    await pages[0]!.getByRole('button', { name: 'Share screen' }).click();
    // The others see the share large and the cameras beside it (four per filmstrip page).
    for (const page of pages.slice(1)) {
      await page.getByText('Screen sharing').waitFor();
      const videos = await untilAllVideosPlay(page, 6);
      assert.equal([...videos.keys()].filter((name) => name.endsWith(':screen')).length, 1, 'the screen share');
    }
    for (const page of pages) await page.context().close();
    for (const publisher of publishers.splice(0)) await publisher.close();
  });

  it('with twenty cameras on, a viewer of a 3×3 page receives the page’s videos and no others, and the next page switches them', async () => {
    const meeting = await createMeeting<Meeting>(server, cookie, { title: 'All hands', lobby: 'off' });
    const clip = await smallClip();
    for (let i = 1; i <= 20; i++) publishers.push(await joinWithCamera(server, meeting, `Person ${i}`, clip));
    const ids = publishers.map((p) => p.id);
    const viewer = await hostEnters(meeting);
    await viewer.getByText('Page 1 of 3').waitFor();

    await untilCamerasPlaying(viewer, ids.slice(0, 9));
    const firstPage = await videoStreamsReceiving(viewer, 2000);
    assert.ok(firstPage >= 9 && firstPage <= 10, `${firstPage} video streams arrive for a page of 9 (at most 10 with the speaker)`);

    await viewer.getByRole('button', { name: 'Next page' }).click();
    await viewer.getByText('Page 2 of 3').waitFor();
    await untilCamerasPlaying(viewer, ids.slice(9, 18));
    const secondPage = await videoStreamsReceiving(viewer, 2000);
    assert.ok(secondPage >= 9 && secondPage <= 10, `${secondPage} video streams arrive on page 2`);
    const connections = await viewer.evaluate(
      () => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed').length,
    );
    assert.equal(connections, 2, 'one connection for the audio mix, one for all videos');

    await viewer.context().close();
    for (const publisher of publishers.splice(0)) await publisher.close();
  });

  it('shows a raised hand on the person’s tile and as a count on the Participants tab, and tells the host', async () => {
    const meeting = await createMeeting<Meeting>(server, cookie, { title: 'Hands', lobby: 'off' });
    const host = await hostEnters(meeting);
    const anna = await join(meeting, 'Anna');
    const annaTile = host.locator('.stage figure').filter({ has: host.getByText('Anna', { exact: true }) });
    await annaTile.waitFor();
    assert.equal(await annaTile.getByTitle('Hand raised').count(), 0);

    await anna.getByRole('button', { name: 'Raise hand' }).click();
    await annaTile.getByTitle('Hand raised').waitFor();
    await host.getByRole('tab', { name: /^Participants.*1 hand raised$/ }).waitFor();
    await host.getByRole('status').filter({ hasText: 'Anna raised a hand' }).waitFor();

    await anna.getByRole('button', { name: 'Lower hand' }).click();
    await annaTile.getByTitle('Hand raised').waitFor({ state: 'detached' });
    await host.getByRole('tab', { name: 'Participants', exact: true }).waitFor();
    await anna.context().close();
    await host.context().close();
  });
});
