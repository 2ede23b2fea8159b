import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { launchBrowser, type RunningServer } from './harness.js';
import { dropSignaling, inboundDuring, trackPeerConnections, untilVideoFlows } from './media.js';
import { createMeeting, enterRoom, joinByPasscode, setUpHost, startServerWithJanus } from './room-steps.js';

/** A meeting held in real Chromium (fake camera and microphone) through the embedded Janus. */
describe('a meeting in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let meeting: { meetingNumber: string; passcode: string };
  let hostCookie: string;
  let anna: Page;
  let ben: Page;
  const offOrigin: string[] = [];

  before(async () => {
    server = await startServerWithJanus('42000-42999');
    hostCookie = await setUpHost(server);
    meeting = await createMeeting(server, hostCookie, { title: 'Weekly sync', lobby: 'off' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openParticipant(name: string, passcode = meeting.passcode): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.addInitScript(trackPeerConnections);
    const page = await context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
        offOrigin.push(request.url());
    });
    await joinByPasscode(page, server, meeting, name, passcode);
    return page;
  }

  it('refuses a wrong passcode', async () => {
    const page = await openParticipant('Mallory', 'wrongpass1');
    await page.getByRole('alert').filter({ hasText: 'Meeting ID or passcode is wrong.' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/join');
    await page.context().close();
  });

  it('lets two people in with camera and microphone off, and they see each other once the cameras are on', async () => {
    anna = await openParticipant('Anna');
    await enterRoom(anna);
    ben = await openParticipant('Ben');
    await enterRoom(ben);

    for (const page of [anna, ben]) {
      await page.getByRole('status').filter({ hasText: 'You are sending nothing' }).waitFor();
      const before = await inboundDuring(page, 500);
      assert.equal(before.framesDecoded, 0, 'no video before anyone turns a camera on');
    }
    await anna.getByRole('button', { name: 'Start camera' }).click();
    await ben.getByRole('button', { name: 'Start camera' }).click();
    await untilVideoFlows(anna, 10_000);
    await untilVideoFlows(ben, 10_000);
    // Frames keep coming (the fake camera sends 30/s; a loaded CI machine decodes fewer).
    const [annaSees, benSees] = await Promise.all([inboundDuring(anna, 2000), inboundDuring(ben, 2000)]);
    assert.ok(annaSees.framesDecoded >= 4, `Anna decodes Ben's video (${annaSees.framesDecoded} frames in 2 s)`);
    assert.ok(benSees.framesDecoded >= 4, `Ben decodes Anna's video (${benSees.framesDecoded} frames in 2 s)`);
    await ben.locator('video[data-participant-id][data-kind="camera"]').first().waitFor();
  });

  it('carries a speaker’s audio to the other side, and muting stops it', async () => {
    await anna.getByRole('button', { name: 'Unmute', exact: true }).click();
    await anna.getByRole('button', { name: 'Mute', exact: true }).waitFor();
    await ben.waitForTimeout(1500);
    const speaking = await inboundDuring(ben, 2000);
    assert.ok(speaking.audioPackets > 50, `Ben receives the mix (${speaking.audioPackets} packets)`);
    assert.ok(speaking.audioEnergy > 0.001, `Ben hears Anna (energy ${speaking.audioEnergy})`);

    await anna.getByRole('button', { name: 'Mute', exact: true }).click();
    await anna.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    await ben.waitForTimeout(1000);
    const silent = await inboundDuring(ben, 2000);
    assert.ok(
      silent.audioEnergy < speaking.audioEnergy / 20,
      `after muting Ben hears nothing (energy ${silent.audioEnergy} vs ${speaking.audioEnergy})`,
    );
    const annaTracks = await anna.evaluate(() =>
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.flatMap((pc) =>
        pc.connectionState === 'closed' ? [] : pc.getSenders().map((s) => s.track?.kind ?? 'none'),
      ),
    );
    assert.ok(!annaTracks.includes('audio'), 'the microphone track is released, not only silenced');
  });

  it('stops the video at the other side when the camera is switched off', async () => {
    await anna.getByRole('button', { name: 'Stop camera' }).click();
    await anna.getByRole('status').filter({ hasText: 'You are sending nothing' }).waitFor();
    await ben.waitForTimeout(1000);
    const frames = await inboundDuring(ben, 1500);
    assert.equal(frames.framesDecoded, 0, 'Ben receives no frames from Anna any more');
    const liveVideo = await anna.evaluate(() =>
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.some(
        (pc) => pc.connectionState !== 'closed' && pc.getSenders().some((s) => s.track?.kind === 'video' && s.track.readyState === 'live'),
      ),
    );
    assert.equal(liveVideo, false, 'Anna’s camera track is stopped at the source');
    await anna.getByRole('button', { name: 'Start camera' }).click();
    await untilVideoFlows(ben, 10_000);
  });

  it('reconnects by itself when the signaling connection drops, keeping microphone and camera as they were', async () => {
    assert.equal(await dropSignaling(anna), 1);
    await anna
      .getByRole('status')
      .filter({ hasText: /reconnecting/i })
      .waitFor();
    await untilVideoFlows(ben, 10_000);
    await untilVideoFlows(anna, 10_000);
    assert.ok(await anna.getByRole('button', { name: 'Stop camera' }).isVisible(), 'the camera stays on');
    assert.ok(await anna.getByRole('button', { name: 'Unmute', exact: true }).isVisible(), 'the microphone stays off');
    await ben.getByText('Anna').first().waitFor();
  });

  it('refuses a direct Janus connection without a token issued by the app', async () => {
    const config = readFileSync(path.join(server.dataDir, 'janus', 'janus.transport.websockets.jcfg'), 'utf8');
    const port = /ws_port = (\d+)/.exec(config)?.[1];
    for (const token of [undefined, 'forged-token']) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`, 'janus-protocol');
      await new Promise((resolve) => socket.once('open', resolve));
      const answer = new Promise<{ janus: string; error?: { reason: string } }>((resolve) =>
        socket.once('message', (raw) => resolve(JSON.parse(raw.toString()))),
      );
      socket.send(JSON.stringify({ janus: 'create', transaction: 't1', ...(token ? { token } : {}) }));
      const reply = await answer;
      socket.close();
      assert.equal(reply.janus, 'error');
      assert.match(reply.error!.reason, /Unauthorized/);
    }
  });

  it('brings both back into media within 10 s after Janus is killed', async () => {
    const pid = execFileSync('pgrep', ['-f', `janus -F ${path.join(server.dataDir, 'janus')}`])
      .toString()
      .trim()
      .split('\n')[0]!;
    const killedAt = Date.now();
    process.kill(Number(pid), 'SIGKILL');
    await anna.waitForTimeout(300);
    await Promise.all([untilVideoFlows(anna, 10_000), untilVideoFlows(ben, 10_000)]);
    const recovered = Date.now() - killedAt;
    assert.ok(recovered < 10_000, `media back after ${recovered} ms`);
    assert.ok(await anna.getByRole('button', { name: 'Unmute', exact: true }).isVisible(), 'Anna stays muted across the restart');
    assert.ok(await anna.getByRole('button', { name: 'Stop camera' }).isVisible(), 'and keeps her camera on');
  });

  it('is started again after it ended, with the same meeting ID and passcode, and media flows again', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const [name, value] = hostCookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const host = await context.newPage();
    await host.goto(`${server.url}/meetings`);
    const card = host.getByRole('listitem').filter({ has: host.getByRole('heading', { name: 'Weekly sync' }) });
    await card.getByRole('button', { name: /^End for all/ }).click();
    await card.getByRole('button', { name: 'End "Weekly sync" for everyone now' }).click();
    await card.getByText(/^Ended /).waitFor();

    const carla = await openParticipant('Carla');
    await carla
      .getByRole('alert')
      .filter({ hasText: 'This meeting has ended. You can join again once the host starts it anew.' })
      .waitFor();

    await card.getByRole('button', { name: /^Start again/ }).click();
    await enterRoom(host);
    await host.getByRole('button', { name: 'Start camera' }).click();
    await joinByPasscode(carla, server, meeting, 'Carla');
    await enterRoom(carla);
    await untilVideoFlows(carla, 10_000);
    await context.close();
    await carla.context().close();
  });

  it('rings the tile of whoever speaks at the others, and not that of a participant who is silent', async () => {
    // Real speech for one fake microphone, silence for the other; Chromium loops the files.
    const dir = mkdtempSync(path.join(tmpdir(), 'plenum-speech-'));
    const speech = path.join(dir, 'speech.wav');
    const silence = path.join(dir, 'silence.wav');
    execFileSync('espeak-ng', [
      '-w',
      path.join(dir, 'said.wav'),
      'Good morning everyone. Let us look at the figures of this quarter, one after the other, and then decide together.',
    ]);
    execFileSync('ffmpeg', ['-loglevel', 'error', '-i', path.join(dir, 'said.wav'), '-ar', '48000', '-ac', '1', speech]);
    execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', '5', silence]);
    const browsers = [await launchBrowser({ fakeAudioFile: speech }), await launchBrowser({ fakeAudioFile: silence })];
    try {
      const [sam, sid] = await Promise.all(
        browsers.map(async (b, i) => {
          const page = await (await b.newContext({ locale: 'en-GB' })).newPage();
          await joinByPasscode(page, server, meeting, ['Sam Speaker', 'Sid Silent'][i]!);
          await enterRoom(page);
          await page.getByRole('button', { name: 'Unmute', exact: true }).click();
          await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
          return page;
        }),
      );
      const ringed = (page: Page, name: string) => page.locator('figure.tile-camera.tile-talking').filter({ hasText: name });
      await ringed(sid!, 'Sam Speaker').waitFor({ timeout: 15_000 });
      // Sid's microphone is on and sends silence all the while: Sam never sees Sid's ring.
      for (let i = 0; i < 10; i++) {
        assert.equal(await ringed(sam!, 'Sid Silent').count(), 0, 'the silent participant is not shown speaking');
        await sam!.waitForTimeout(300);
      }
    } finally {
      await Promise.all(browsers.map((b) => b.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads nothing from another origin', () => {
    assert.deepEqual(offOrigin, []);
  });
});
