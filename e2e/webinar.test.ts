import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type RunningServer } from './harness.js';
import { inboundDuring, trackPeerConnections, untilVideoFlows } from './media.js';
import { setUpHost, startServerWithJanus } from './room-steps.js';

/**
 * A webinar in real Chromium (fake camera and microphone) through the embedded Janus: the host
 * presents, attendees watch the broadcast (a Streaming mountpoint fed by RTP forwarders).
 */
describe('a webinar in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie: string;
  let webinar: { id: string; meetingNumber: string; passcode: string };
  let host: Page;
  let anna: Page;
  let bea: Page;
  let carl: Page;
  const offOrigin: string[] = [];

  async function post<T>(path: string, body: unknown, withCookie = false): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withCookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  before(async () => {
    server = await startServerWithJanus('47000-47999');
    cookie = await setUpHost(server);
    webinar = await post('/api/meetings', { title: 'Product launch', lobby: 'off', kind: 'webinar' }, true);
    // The room reads whether it may be recorded as it opens.
    const allowed = await fetch(`${server.url}/api/meetings/${webinar.id}/recording-permission`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ allowed: true }),
    });
    assert.equal(allowed.status, 204);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page in the room for a join grant (kept in the tab's sessionStorage, as the join page does). */
  async function roomPage(grant: { joinToken: string; watchOnly: boolean }, inLobby = false): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.addInitScript(trackPeerConnections);
    const key = Math.random().toString(16).slice(2);
    await context.addInitScript(`sessionStorage.setItem('plenum.join.${key}', ${JSON.stringify(JSON.stringify(grant))})`);
    const page = await context.newPage();
    page.on('request', (request) => {
      if (!/^(data|blob):/.test(request.url()) && !request.url().startsWith(server.url)) offOrigin.push(request.url());
    });
    await page.goto(`${server.url}/room?k=${key}`);
    // Only who sends media checks camera and microphone first; attendees go straight in.
    if (!grant.watchOnly) {
      // The host's device check speaks of the webinar, not of a meeting.
      await page.getByText('You switch them on in the webinar when you are ready.').waitFor();
      await page.getByRole('button', { name: 'Join now' }).click();
    }
    if (!inLobby) await page.getByRole('button', { name: 'Leave' }).waitFor();
    return page;
  }

  async function attendee(displayName: string, inLobby = false): Promise<Page> {
    const grant = await post<{ joinToken: string; watchOnly: boolean }>('/api/join', {
      meetingNumber: webinar.meetingNumber,
      passcode: webinar.passcode,
      displayName,
    });
    assert.equal(grant.watchOnly, true, 'a webinar attendee only watches');
    return roomPage(grant, inLobby);
  }

  /** Sends a hand-made intent over the page's own room WebSocket, as a tampered client would. */
  function forge(page: Page, intent: Record<string, unknown>): Promise<{ type: string; code?: string }> {
    const id = 900_000 + Math.floor(Math.random() * 1000);
    return page.evaluate(`new Promise((resolve) => {
      const socket = window.__sockets.find((s) => s.readyState === 1);
      socket.addEventListener('message', (event) => {
        const message = JSON.parse(event.data);
        if (message.id === ${id}) resolve(message);
      });
      socket.send(JSON.stringify(${JSON.stringify({ ...intent, id })}));
    })`);
  }

  const cameraTrackLive = (page: Page) =>
    page.evaluate(
      `window.__pcs.some((pc) => pc.connectionState !== 'closed' && pc.getSenders().some((s) => s.track && s.track.kind === 'video' && s.track.readyState === 'live'))`,
    );

  it('shows attendees a waiting screen without asking about devices, and switches to the broadcast by itself when the host starts', async () => {
    host = await roomPage(await post(`/api/meetings/${webinar.id}/host-join`, {}, true));
    await host.getByRole('button', { name: 'Start camera' }).click();
    await host.getByRole('button', { name: 'Unmute', exact: true }).click();
    await host.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await host.getByText('Attendees see a waiting screen until you start the webinar.').waitFor();

    [anna, bea, carl] = [await attendee('Anna Attendee'), await attendee('Bea Attendee'), await attendee('Carl Attendee')];
    for (const page of [anna, bea, carl]) {
      await page.getByRole('heading', { name: 'Product launch', level: 2 }).waitFor();
      await page.getByText('The host has not started the webinar yet.').waitFor();
      assert.equal(await page.getByText('Check your camera and microphone').count(), 0, 'no device check for an attendee');
      assert.equal(await page.locator('video').count(), 0, 'no player before the start');
      assert.equal(await page.getByText('Live', { exact: true }).count(), 0, 'nothing says live before the start');
      assert.equal(await page.evaluate<number>('window.__pcs.length'), 0, 'nothing is received before the start');
    }

    await host.getByRole('button', { name: 'Start the webinar' }).click();
    await host.getByText('Live', { exact: true }).waitFor();
    for (const page of [anna, bea, carl]) {
      await page.locator('video[data-broadcast]').waitFor();
      await untilVideoFlows(page, 15_000);
      await page.getByText('Live', { exact: true }).waitFor();
    }
    await anna.getByText('Hanna Host', { exact: true }).first().waitFor();
  });

  it('lets attendees decode the host’s video and hear the host through the broadcast', async () => {
    const [annaGets, beaGets] = await Promise.all([inboundDuring(anna, 2000), inboundDuring(bea, 2000)]);
    for (const [name, got] of [
      ['Anna', annaGets],
      ['Bea', beaGets],
    ] as const) {
      assert.ok(got.framesDecoded >= 4, `${name} decodes the broadcast video (${got.framesDecoded} frames in 2 s)`);
      assert.ok(got.audioPackets > 50, `${name} receives the broadcast audio (${got.audioPackets} packets)`);
      assert.ok(got.audioEnergy > 0.001, `${name} hears the host (energy ${got.audioEnergy})`);
    }
  });

  it('shows a screen share large with the presenter’s camera small in a corner, and the camera alone again after it', async () => {
    await host.getByRole('button', { name: 'Share screen' }).click();
    await host.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await anna.getByText('Screen of Hanna Host').waitFor();
    const inset = anna.locator('[data-broadcast-inset]');
    await inset.locator('xpath=..').and(anna.locator('[aria-hidden="false"]')).waitFor();
    // Both pictures play: each element has a picture and presents new frames.
    const frames = () =>
      anna.evaluate(() =>
        [...document.querySelectorAll<HTMLVideoElement>('video[data-broadcast], video[data-broadcast-inset]')].map((video) => ({
          playing: !video.paused && video.readyState >= 2 && video.videoWidth > 0,
          frames: video.getVideoPlaybackQuality().totalVideoFrames,
        })),
      );
    const before = await frames();
    await anna.waitForTimeout(1500);
    const after = await frames();
    assert.equal(after.length, 2, 'two videos: the screen and the camera');
    for (const [i, picture] of after.entries()) {
      assert.ok(picture.playing, `video ${i} plays`);
      assert.ok(picture.frames > before[i]!.frames, `video ${i} presents new frames (${before[i]!.frames} → ${picture.frames})`);
    }
    assert.equal(await anna.locator('.broadcast-inset').getByText('Hanna Host').count(), 1, 'the camera is named');
    // The small picture moves out of the way, and never onto the name at the top left.
    const box = async () => (await inset.boundingBox())!;
    const caption = (await anna.locator('.broadcast-caption').boundingBox())!;
    for (let corner = 0; corner < 3; corner++) {
      const b = await box();
      const overlaps =
        b.x < caption.x + caption.width && caption.x < b.x + b.width && b.y < caption.y + caption.height && caption.y < b.y + b.height;
      assert.equal(overlaps, false, `the small picture (${JSON.stringify(b)}) leaves the name free`);
      await anna.getByRole('button', { name: 'Move the small picture to another corner' }).click();
    }

    await host.getByRole('button', { name: 'Stop sharing' }).click();
    await anna.getByText('Screen of Hanna Host').waitFor({ state: 'detached' });
    // Back to the single picture: the small one is gone from the player, not only hidden.
    await inset.waitFor({ state: 'detached' });
    assert.equal(await anna.locator('video[data-broadcast], video[data-broadcast-inset]').count(), 1);
    await untilVideoFlows(anna, 10_000);
  });

  it('gives attendees no camera or microphone controls, and shows them the panel but not each other', async () => {
    assert.equal(await anna.getByRole('button', { name: 'Start camera' }).count(), 0);
    assert.equal(await anna.getByRole('button', { name: 'Unmute', exact: true }).count(), 0);
    const connections = await anna.evaluate<{ open: number; sending: number }>(`({
      open: window.__pcs.filter((pc) => pc.connectionState !== 'closed').length,
      sending: window.__pcs.filter((pc) => pc.getSenders().some((s) => s.track)).length,
    })`);
    assert.deepEqual(connections, { open: 1, sending: 0 }, 'one receive-only connection: the broadcast');
    await anna.getByText('3 attendees watching').waitFor();
    assert.equal(await anna.getByText('Bea Attendee').count(), 0, 'Anna does not see Bea');
    assert.ok(await anna.getByText('Hanna Host').first().isVisible());
    await host.getByText('Bea Attendee').first().waitFor();
  });

  it('keeps a phone’s header to one row with the whole title, and the player’s controls on screen', async () => {
    await carl.setViewportSize({ width: 390, height: 844 });
    const heading = carl.getByRole('heading', { level: 1, name: 'Product launch' });
    assert.equal(await heading.getAttribute('title'), 'Product launch', 'the whole title on hover, however it is cut');
    assert.equal(
      await heading.evaluate((h) => h.scrollWidth <= h.clientWidth),
      true,
      'a short title is not cut: the status shrinks to its dot',
    );
    assert.equal(await carl.getByRole('status').filter({ hasText: 'You are sending nothing' }).count(), 1, 'the status keeps its words');
    const header = (await carl.locator('.room-topbar').boundingBox())!;
    assert.ok(header.height <= 56, `one header row (${header.height} px)`);
    for (const name of ['Leave', 'Mute sound', 'Full screen']) {
      const box = (await carl.getByRole('button', { name, exact: true }).boundingBox())!;
      assert.ok(box.y >= 0 && box.y + box.height <= 844 && box.height >= 24, `${name} is on screen: ${JSON.stringify(box)}`);
    }
    await carl.setViewportSize({ width: 1366, height: 768 });
  });

  it('refuses an attendee’s forged publish and audio.join', async () => {
    const offer = { type: 'offer', sdp: 'v=0\r\n' };
    const publish = await forge(bea, { type: 'publish', kind: 'camera', offer });
    assert.equal(publish.code, 'ERR_WEBINAR_ATTENDEE');
    const audio = await forge(bea, { type: 'audio.join', offer, muted: false });
    assert.equal(audio.code, 'ERR_WEBINAR_ATTENDEE');
    const promote = await forge(bea, { type: 'webinar.promote', participantId: 'x' });
    assert.equal(promote.code, 'ERR_FORBIDDEN');
  });

  it('asks the host for recording consent but never an attendee, who is told nothing of them is recorded', async () => {
    await host.getByRole('button', { name: 'Record' }).click();
    await host.getByRole('dialog', { name: 'The host asks to record this meeting' }).waitFor();
    await bea.getByText('You are watching: nothing of you is recorded.').waitFor();
    assert.equal(await bea.getByRole('dialog').count(), 0, 'no consent dialog for an attendee');
    assert.equal(await bea.getByRole('button', { name: 'Recording notice' }).count(), 0);
    await host.getByRole('button', { name: 'Do not record me' }).click();
    await host.getByRole('button', { name: 'Stop recording' }).click();
    await bea.getByText('You are watching: nothing of you is recorded.').waitFor({ state: 'detached' });
  });

  it('lets an attendee decline the invitation to speak: they keep watching and the host sees the decline', async () => {
    await host.getByRole('button', { name: 'Invite Bea Attendee to speak' }).click();
    await host.getByText('Invited, waiting for an answer').waitFor();
    const invitation = bea.getByRole('dialog', { name: 'Invitation to speak' });
    await invitation.getByText('The host invites you to speak. Your name will be visible to everyone.').waitFor();
    await invitation.getByRole('button', { name: 'Decline' }).click();
    await host.getByText('Bea Attendee declined the invitation to speak.').waitFor();
    assert.equal(await bea.getByRole('dialog').count(), 0);
    assert.equal(await bea.getByRole('button', { name: 'Start camera' }).count(), 0, 'Bea still only watches');
    await untilVideoFlows(bea, 10_000);
    await host.getByRole('button', { name: 'Close' }).click();
  });

  it('lets the host invite an attendee, who accepts, checks their devices, then publishes and is seen', async () => {
    await host.getByRole('button', { name: 'Invite Anna Attendee to speak' }).click();
    await anna.getByRole('dialog', { name: 'Invitation to speak' }).getByRole('button', { name: 'Accept' }).click();
    await anna.getByRole('heading', { name: 'Before you speak: check your camera and microphone' }).waitFor();
    await anna.getByText('Camera and microphone stay OFF when you join the speakers.').waitFor();
    assert.equal(await anna.getByText('in the meeting').count(), 0, 'nothing speaks of a meeting');
    await anna.getByRole('button', { name: 'Join the speakers' }).click();
    await host.getByText('Anna Attendee accepted and joined the speakers.').waitFor();
    await anna.getByRole('button', { name: 'Start camera' }).click();
    await anna.getByRole('button', { name: 'Stop camera' }).waitFor();
    await host.locator('video[data-participant-id][data-kind="camera"]').first().waitFor();
    await untilVideoFlows(host, 10_000);
    await bea.getByText('Anna Attendee').first().waitFor();
    // The host's camera goes off: the broadcast switches to Anna's, and attendees keep watching.
    await host.getByRole('button', { name: 'Stop camera' }).click();
    await host.getByRole('button', { name: 'Start camera' }).waitFor();
    await bea.waitForTimeout(1000); // frames of the host's last moments are decoded by now
    await untilVideoFlows(bea, 10_000);
    const afterSwitch = await inboundDuring(bea, 2000);
    assert.ok(
      afterSwitch.framesDecoded >= 2,
      `Bea keeps decoding Anna’s video on the broadcast (${afterSwitch.framesDecoded} frames in 2 s)`,
    );
  });

  it('lets the host demote them: their camera stops and they watch again', async () => {
    await host.getByRole('button', { name: 'Start camera' }).click();
    await host.getByRole('button', { name: 'Move Anna Attendee back to the audience' }).click();
    await anna.locator('video[data-broadcast]').waitFor();
    assert.equal(await anna.getByRole('button', { name: 'Start camera' }).count(), 0);
    assert.equal(await cameraTrackLive(anna), false, 'Anna’s camera is stopped at the source');
    await untilVideoFlows(anna, 15_000);
    const forged = await forge(anna, { type: 'publish', kind: 'camera', offer: { type: 'offer', sdp: 'v=0\r\n' } });
    assert.equal(forged.code, 'ERR_WEBINAR_ATTENDEE');
  });

  it('sets up the broadcast for an attendee the host admits from the lobby', async () => {
    assert.equal((await forge(host, { type: 'moderation.settings', lobby: 'guests' })).type, 'result');
    const dora = await attendee('Dora Attendee', true);
    await host.getByRole('button', { name: 'Admit Dora Attendee' }).click();
    await dora.locator('video[data-broadcast]').waitFor();
    await untilVideoFlows(dora, 15_000);
    await dora.context().close();
  });

  it('brings the broadcast back to the attendees after Janus is killed', async () => {
    const pid = execFileSync('pgrep', ['-f', `janus -F ${path.join(server.dataDir, 'janus')}`])
      .toString()
      .trim()
      .split('\n')[0]!;
    const connections = (page: Page) => page.evaluate<number>('window.__pcs.length');
    const [beaBefore, carlBefore] = [await connections(bea), await connections(carl)];
    const killedAt = Date.now();
    process.kill(Number(pid), 'SIGKILL');
    // Watching again means a new connection to the new Janus; the old one's last frames do not count.
    while ((await connections(bea)) <= beaBefore || (await connections(carl)) <= carlBefore) {
      assert.ok(Date.now() - killedAt < 20_000, 'the attendees watch again within 20 s');
      await bea.waitForTimeout(200);
    }
    await Promise.all([untilVideoFlows(bea, 20_000), untilVideoFlows(carl, 20_000)]);
    const recovered = Date.now() - killedAt;
    assert.ok(recovered < 20_000, `the broadcast is back after ${recovered} ms`);
    assert.equal((await inboundDuring(bea, 2000)).audioPackets > 50, true, 'with its sound');
  });

  it('thanks attendees at the end on a webinar end screen', async () => {
    await host.getByRole('button', { name: 'End webinar for all' }).click();
    await host.getByRole('dialog').getByRole('button', { name: 'End webinar for all' }).click();
    for (const page of [bea, carl]) {
      await page.getByRole('heading', { name: 'Thank you for attending' }).waitFor();
      await page.getByText('The webinar “Product launch” has ended.').waitFor();
      assert.equal(await page.getByText('The meeting has ended').count(), 0);
    }
  });

  it('loads nothing from another origin', () => {
    assert.deepEqual(offOrigin, []);
  });
});
