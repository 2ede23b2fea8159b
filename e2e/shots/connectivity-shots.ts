import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort, launchBrowser, type RunningServer } from '../harness.js';
import { label, shotsDir, shotSizes } from './shots.js';
import { selfSignedCertificate } from '../../src/testing/certificate.js';
import { buildNetworks } from '../netns.js';
import { createMeeting, setUpHost, startServerWithJanus } from '../room-steps.js';

/**
 * Screenshots of the room's connection notices for a person to look at (not a test): "connecting
 * via relay" and "no connection possible", each at 1366×768 and 390×844, German and English. A
 * participant in the 443-only network (e2e/netns.ts) joins through TURN over TLS while an nft rule
 * here holds the relay's traffic to Janus, so the join is slow through the relay and then finds
 * no path. Needs root. Run: flock /tmp/plenum-heavy.lock npx tsx e2e/shots/connectivity-shots.ts <dir>
 */
const out = shotsDir('/tmp/connectivity-shots');
const sizes = shotSizes;
const relayPorts = '54000-54199';
const holdTable = `plenum_${process.pid}_hold`;

const networks = buildNetworks();
const certificate = selfSignedCertificate(networks.turnTls);
let server: RunningServer | undefined;
let browser: Browser | undefined;

async function shoot(page: Page, lang: string, screen: string): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    const file = path.join(out, `${screen}-${lang}-${size.name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
}

try {
  server = await startServerWithJanus('55000-55999', {
    HOST: networks.web,
    PORT: '443',
    TURN_MODE: 'embedded',
    TURN_PORT: String(await freePort()),
    TURN_RELAY_PORT_RANGE: relayPorts,
    TURN_TLS_LISTEN_IP: networks.turnTls,
    TURN_TLS_PORT: '443',
    TURN_TLS_CERT: certificate.cert,
    TURN_TLS_KEY: certificate.key,
  });
  const cookie = await setUpHost(server);
  // The relay's packets to and from Janus are held: the relay is tried and never gets through.
  execFileSync('nft', ['-f', '-'], {
    input: `table inet ${holdTable} {
      chain output { type filter hook output priority filter; udp sport ${relayPorts} drop; udp dport ${relayPorts} drop; }
    }`,
  });
  browser = await launchBrowser({
    executablePath: networks.chromiumIn('corporate'),
    args: [`--unsafely-treat-insecure-origin-as-secure=${server.url}`, '--ignore-certificate-errors'],
  });
  for (const lang of ['en', 'de']) {
    // A meeting per language: the other language's participant would still be leaving in the shot.
    const meeting = await createMeeting<{ meetingNumber: string; passcode: string }>(server, cookie, {
      title: lang === 'de' ? 'Abteilungsrunde' : 'Team round',
      lobby: 'off',
    });
    const context = await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: sizes[0] });
    const page = await context.newPage();
    await page.goto(`${server.url}/join?meeting=${meeting.meetingNumber.replaceAll(' ', '')}`);
    await page.getByLabel(label('Passcode', 'Kenncode')).fill(meeting.passcode);
    await page.getByLabel(label('Your name', 'Ihr Name')).fill(lang === 'de' ? 'Gast im Firmennetz' : 'Guest at the office');
    await page.getByRole('button', { name: label('Continue', 'Weiter') }).click();
    await page.getByRole('button', { name: label('Join now', 'Jetzt teilnehmen') }).click();
    await page.locator('.room-relay-notice').waitFor({ timeout: 10_000 });
    await shoot(page, lang, 'relay-notice');
    await page.setViewportSize(sizes[0]);
    await page.getByRole('alert').waitFor({ timeout: 20_000 });
    await shoot(page, lang, 'no-media-path');
    await context.close();
  }
} finally {
  try {
    execFileSync('nft', ['delete', 'table', 'inet', holdTable], { stdio: 'ignore' });
  } catch {
    // Not made.
  }
  await browser?.close();
  await server?.stop();
  certificate.remove();
  networks.remove();
}
