import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { RoomSocketClient } from '../src/testing/room-socket.js';
import { freeSipPort, runSipp, type SippRun } from '../src/telephony/testing/sipp.js';
import { launchBrowser, startServer, type RunningServer } from './harness.js';
import { inboundDuring, trackPeerConnections } from './media.js';

interface PacketCounts {
  fromCaller: number;
  toCaller: number;
  fromJanus: number;
  toJanus: number;
  droppedWrongSource: number;
}

/**
 * A phone caller (real sipp, RFC 4733 key presses, G.711 A-law) dials into a meeting held in
 * real Chromium through the embedded Janus; the web participant hears the caller.
 */
describe('phone dial-in into a meeting', () => {
  let server: RunningServer;
  let browser: Browser;
  let sipPort: number;
  let cookie: string;
  let meeting: { id: string; meetingNumber: string; passcode: string };
  let dialIn: { number: string; meetingNumber: string; pin: string };
  let anna: Page;

  before(async () => {
    sipPort = await freeSipPort();
    server = await startServer({
      database: 'sqlite',
      env: {
        JANUS_MODE: 'embedded',
        JANUS_RTP_PORT_RANGE: '43000-43999',
        SIP_PORT: String(sipPort),
        SIP_DIAL_IN_NUMBER: '+49 30 1234567',
        LOG_LEVEL: 'info',
      },
    });
    const token = server.setupLink!.split('#')[1];
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, email: 'host@example.org', displayName: 'Hanna Host', password: 'a long host password' }),
    });
    cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'Phone sync', lobby: 'off' }),
    });
    meeting = (await created.json()) as typeof meeting;
    dialIn = (await (await fetch(`${server.url}/api/meetings/${meeting.id}/dial-in`, { headers: { cookie } })).json()) as typeof dialIn;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const calls = async () =>
    ((await (await fetch(`${server.url}/api/calls`, { headers: { cookie } })).json()) as { calls: Record<string, unknown>[] }).calls;

  /** The relay's packet counts, from the server's log line at the end of each call. */
  function packetCounts(): PacketCounts[] {
    return server
      .output()
      .split('\n')
      .filter((line) => line.includes('"call ended"'))
      .map((line) => (JSON.parse(line) as { packets: PacketCounts }).packets);
  }

  it('shows the host the dial-in details for the invitation', async () => {
    assert.deepEqual(Object.keys(dialIn).sort(), ['meetingNumber', 'number', 'pin']);
    assert.equal(dialIn.number, '+49 30 1234567');
    assert.match(dialIn.pin, /^\d{9}$/);
    const context = await browser.newContext({ locale: 'en-GB' });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/meetings`);
    await page
      .getByText(
        `Call +49 30 1234567, enter the meeting ID ${dialIn.meetingNumber} followed by #, then the PIN ${dialIn.pin} followed by #.`,
      )
      .waitFor();
    await context.close();
  });

  it('admits a caller by meeting ID and PIN; the web participant hears them; RTP flows both ways; BYE ends it with a full call record', async (t) => {
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.addInitScript(trackPeerConnections);
    anna = await context.newPage();
    await anna.goto(`${server.url}/join?meeting=${meeting.meetingNumber.replaceAll(' ', '')}`);
    await anna.getByLabel('Passcode').fill(meeting.passcode);
    await anna.getByLabel('Your name').fill('Anna');
    await anna.getByRole('button', { name: 'Continue' }).click();
    await anna.getByRole('button', { name: 'Join now' }).click();
    await anna.getByRole('button', { name: 'Leave' }).waitFor();
    await anna.waitForTimeout(1500);
    const quiet = await inboundDuring(anna, 2000);

    const digits = dialIn.meetingNumber.replace(/\s/g, '');
    const sipp: Promise<SippRun> = runSipp('dial-in', { sipPort, keys: [`${digits}#`, `${dialIn.pin}#`], echo: true });
    // The caller appears with a masked number.
    const caller = anna.getByRole('tabpanel', { name: 'Participants' }).getByText('+49 551 ••• 12');
    await caller.waitFor({ timeout: 30_000 });
    await anna
      .getByRole('tabpanel', { name: 'Participants' })
      .locator('li', { hasText: '+49 551 ••• 12' })
      .getByText('Phone', { exact: true })
      .waitFor();
    let loudest = quiet;
    for (let i = 0; i < 8 && loudest.audioEnergy < 0.001; i++) {
      const window = await inboundDuring(anna, 1500);
      if (window.audioEnergy > loudest.audioEnergy) loudest = window;
    }
    const run = await sipp;
    assert.equal(run.code, 0, run.output);
    await caller.waitFor({ state: 'detached', timeout: 10_000 });
    const [counts] = packetCounts();
    assert.ok(counts, 'the call logged its packet counts');
    t.diagnostic(
      `relay packets ${JSON.stringify(counts)}; Anna's audio energy ${loudest.audioEnergy} (before the call ${quiet.audioEnergy})`,
    );
    assert.ok(
      loudest.audioEnergy > 0.001 && loudest.audioEnergy > quiet.audioEnergy * 20,
      `Anna hears the caller (energy ${loudest.audioEnergy}, before the call ${quiet.audioEnergy}; relay ${JSON.stringify(counts)})`,
    );

    // sipp sent g711a.pcap twice (2 × 236 packets) plus the key presses (10 packets each); with -rtp_echo
    // it also sent back every packet it received from Plenum: so the echoed share counts what arrived at sipp.
    const keyPackets = 10 * (digits.length + dialIn.pin.length + 2);
    const echoed = counts.fromCaller - 2 * 236 - keyPackets;
    assert.ok(counts.toJanus >= 2 * 236 * 0.9, `the caller's audio went to Janus (${counts.toJanus} packets)`);
    assert.ok(counts.fromJanus > 200, `Janus sent the mix to the caller (${counts.fromJanus} packets)`);
    assert.ok(counts.toCaller >= counts.fromJanus, `prompts and mix went to sipp (${counts.toCaller} packets)`);
    // sipp echoes only while its media thread runs: not the first prompt packets, not those after its BYE.
    assert.ok(echoed >= counts.toCaller * 0.6, `sipp received them (${echoed} echoed of ${counts.toCaller})`);
    assert.equal(counts.droppedWrongSource, 0);

    const [call] = await calls();
    assert.ok(call);
    assert.equal(call.outcome, 'admitted');
    assert.deepEqual(call.meeting, { id: meeting.id, title: 'Phone sync', meetingNumber: meeting.meetingNumber.replace(/\s/g, '') });
    assert.equal(call.callerNumber, '+4955112345612');
    assert.equal(call.calledNumber, '4930123456');
    assert.equal(call.callerCountry, 'Germany');
    assert.equal(call.sourceIp, '127.0.0.1');
    assert.equal(typeof call.sourcePort, 'number');
    assert.equal(call.transport, 'udp');
    assert.ok(Date.parse(String(call.endedAt)) > Date.parse(String(call.startedAt)));
  });

  it('lets the host mute a caller (the others hear nothing) and remove them (BYE)', async () => {
    const grant = (await (
      await fetch(`${server.url}/api/meetings/${meeting.id}/host-join`, { method: 'POST', headers: { cookie, origin: server.url } })
    ).json()) as { joinToken: string };
    const host = await RoomSocketClient.open(`${server.url.replace('http', 'ws')}/api/rooms/socket`, { origin: server.url });
    host.send({ type: 'hello', id: 1, token: grant.joinToken });
    await host.reply(1);

    const digits = dialIn.meetingNumber.replace(/\s/g, '');
    const sipp = runSipp('removed-by-host', { sipPort, keys: [`${digits}#`, `${dialIn.pin}#`] });
    const withCaller = await host
      .roster((list) => list.some((p) => p.phone), 30_000)
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\nsipp: ${(await sipp).output.slice(-2000)}\nserver: ${server.output().slice(-3000)}`);
      });
    const caller = withCaller.find((p) => p.phone)!;
    assert.equal(caller.displayName, '+49 551 ••• 99');
    host.send({ type: 'moderation.mute', id: 2, participantId: caller.id });
    assert.equal((await host.reply(2)).type, 'result');
    // The caller speaks 6 s after the PIN, for 4.7 s: muted in the AudioBridge, nobody hears it.
    const muted = await inboundDuring(anna, 9_000);
    assert.ok(muted.audioPackets > 100, `Anna still receives the mix (${muted.audioPackets} packets)`);
    assert.ok(muted.audioEnergy < 0.0002, `Anna hears nothing of the muted caller (energy ${muted.audioEnergy})`);

    host.send({ type: 'moderation.remove', id: 3, participantId: caller.id });
    assert.equal((await host.reply(3)).type, 'result');
    const run = await sipp;
    assert.equal(run.code, 0, `the caller got Plenum's BYE: ${run.output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const counts = packetCounts().at(-1)!;
    assert.ok(counts.toJanus > 200, `the muted caller's speech did reach Janus (${counts.toJanus} packets)`);
    const [record] = await calls();
    assert.equal(record?.callerNumber, '+4955112345699');
    assert.ok(record?.endedAt);
    host.socket.close();
  });

  it('hangs up after three wrong PINs (over TCP)', async () => {
    const digits = dialIn.meetingNumber.replace(/\s/g, '');
    const wrong = dialIn.pin === '999999' ? '888888' : '999999';
    const run = await runSipp('wrong-pin', {
      sipPort,
      transport: 't1',
      keys: [`${digits}#${wrong}#`, `${digits}#${wrong}#`, `${digits}#${wrong}#`],
    });
    assert.equal(run.code, 0, run.output);
    const [call] = await calls();
    assert.equal(call?.outcome, 'refused');
    assert.equal(call?.transport, 'tcp');
  });
});
