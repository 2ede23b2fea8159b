// test tier: heavy (network namespaces, Janus, coturn, Chromium; needs root)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { freePort, launchBrowser, type RunningServer } from './harness.js';
import { inboundDuring, selectedPaths, trackPeerConnections, untilVideoFlows } from './media.js';
import { selfSignedCertificate } from '../src/testing/certificate.js';
import { buildNetworks, canBuildNetworks, type SiteName, type TestNetworks } from './netns.js';
import { joinWithCamera, smallClip, type CameraPublisher } from './room-publishers.js';
import { createMeeting, enterRoom, joinByPasscode, setUpHost, startServerWithJanus } from './room-steps.js';

type Meeting = { meetingNumber: string; passcode: string };

/**
 * Joining from real networks (issue #19), built with network namespaces on this machine
 * (e2e/netns.ts): a participant behind a home router's NAT, and one in a corporate network whose
 * firewall lets only TCP 443 out. Each is a real Chromium inside its namespace; the meeting,
 * Janus and coturn run outside. A werift participant's camera is what they must receive.
 */
describe('joining from real networks', { skip: canBuildNetworks() }, () => {
  let networks: TestNetworks;
  let certificate: ReturnType<typeof selfSignedCertificate>;
  const browsers: Browser[] = [];

  before(() => {
    networks = buildNetworks();
    certificate = selfSignedCertificate(networks.turnTls);
  });

  after(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    certificate?.remove();
    networks?.remove();
  });

  /** The app on web:443 as behind a reverse proxy, with Janus, and the TURN settings of the case. */
  const startServer = (turn: Record<string, string>) => startServerWithJanus('50000-50999', { HOST: networks.web, PORT: '443', ...turn });

  /** A participant's browser inside `site`, on the meeting's join page in `locale`. */
  async function participant(server: RunningServer, site: SiteName, locale: string): Promise<Page> {
    const browser = await launchBrowser({
      executablePath: networks.chromiumIn(site),
      // The app is served over plain HTTP on a test address: let it use camera and microphone; and
      // accept the relay's self-signed certificate (TURN over TLS checks it like a web server's).
      args: [`--unsafely-treat-insecure-origin-as-secure=${server.url}`, '--ignore-certificate-errors'],
    });
    browsers.push(browser);
    const context = await browser.newContext({ locale });
    await context.addInitScript(trackPeerConnections);
    return context.newPage();
  }

  describe('with the TURN relay running (coturn beside the app, TLS on a second address’s 443)', () => {
    let server: RunningServer;
    let meeting: Meeting;
    let camera: CameraPublisher;

    before(async () => {
      server = await startServer({
        TURN_MODE: 'embedded',
        TURN_PORT: String(await freePort()),
        TURN_RELAY_PORT_RANGE: '51000-51199',
        TURN_TLS_LISTEN_IP: networks.turnTls,
        TURN_TLS_PORT: '443',
        TURN_TLS_CERT: certificate.cert,
        TURN_TLS_KEY: certificate.key,
      });
      const cookie = await setUpHost(server);
      meeting = await createMeeting<Meeting>(server, cookie, { title: 'Across networks', lobby: 'off' });
      camera = await joinWithCamera(server, meeting, 'Dora', await smallClip());
    });

    after(async () => {
      await camera?.close();
      await server?.stop();
    });

    async function joinFrom(site: SiteName): Promise<{ page: Page; paths: string[] }> {
      const page = await participant(server, site, 'en-GB');
      await joinByPasscode(page, server, meeting, `Guest at ${site}`);
      await enterRoom(page);
      await untilVideoFlows(page, 20_000);
      const flow = await inboundDuring(page, 1000);
      assert.ok(flow.framesDecoded > 0, `${site}: video frames keep coming`);
      assert.ok(flow.audioPackets > 0, `${site}: the meeting's audio arrives`);
      return { page, paths: await selectedPaths(page) };
    }

    it('lets a participant behind a home router’s NAT join: video and audio flow', async (t) => {
      const { paths } = await joinFrom('home');
      // Which path ICE chose is observed, not prescribed: seen so far is relay/udp, since Janus'
      // direct pair with the NAT's address stays in progress (docs/operations.md, TURN relay).
      t.diagnostic(`home: paths ${paths.join(', ')}`);
      assert.ok(paths.length >= 2, 'the audio and the video connection are up');
      assert.ok(
        paths.every((p) => /^(host|srflx|prflx)\/udp$|^relay\/(udp|tcp)$/.test(p)),
        `UDP, direct or through the relay: ${paths.join(', ')}`,
      );
    });

    it('lets a participant in a network that allows only TCP 443 join through TURN over TLS on 443', async (t) => {
      const { paths } = await joinFrom('corporate');
      t.diagnostic(`corporate: paths ${paths.join(', ')}`);
      assert.ok(paths.length >= 2, 'the audio and the video connection are up');
      assert.deepEqual(new Set(paths), new Set(['relay/tls']), 'every connection goes through the relay over TLS');
    });
  });

  describe('with the TURN relay stopped', () => {
    let server: RunningServer;
    let meeting: Meeting;

    before(async () => {
      // The relay's machine is down: nothing listens where the browser is sent.
      server = await startServer({
        TURN_MODE: 'external',
        TURN_URLS: `turns:${networks.turnTls}:443?transport=tcp`,
        TURN_SECRET: 'a-test-secret-that-is-long-enough-for-coturn',
      });
      const cookie = await setUpHost(server);
      meeting = await createMeeting<Meeting>(server, cookie, { title: 'Relay down', lobby: 'off' });
    });

    after(async () => {
      await server?.stop();
    });

    it('tells a participant in the 443-only network clearly, in their language, and stops trying', async () => {
      const page = await participant(server, 'corporate', 'de-DE');
      await page.goto(`${server.url}/join?meeting=${meeting.meetingNumber.replaceAll(' ', '')}`);
      await page.getByLabel('Kenncode').fill(meeting.passcode);
      await page.getByLabel('Ihr Name').fill('Gast im Firmennetz');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
      // The join budget is 15 s (web/src/features/room/connectivity.ts); the message comes within it.
      await page
        .getByRole('alert')
        .filter({ hasText: 'Ton und Video erreichen Sie nicht: Ihr Netzwerk blockiert die Verbindung zum Meeting-Server.' })
        .waitFor({ timeout: 25_000 });
      // No endless retry: no new connection is tried afterwards, and the room stays usable.
      const connections = () => page.evaluate(() => (window as unknown as { __pcs: unknown[] }).__pcs.length);
      const tried = await connections();
      await page.waitForTimeout(5000);
      assert.equal(await connections(), tried, 'no further connection attempts after the message');
      await page.getByRole('button', { name: 'Verlassen' }).waitFor();
    });
  });
});
