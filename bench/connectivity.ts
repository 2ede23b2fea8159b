import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { turnCredential } from '../src/media/turn-credentials.js';
import { allocate, TurnSession } from '../src/testing/turn-client.js';
import { freePort, launchBrowser, type RunningServer } from '../e2e/harness.js';
import { selectedPaths, trackPeerConnections } from '../e2e/media.js';
import { selfSignedCertificate } from '../src/testing/certificate.js';
import { buildNetworks, canBuildNetworks, type SiteName } from '../e2e/netns.js';
import { joinWithCamera, smallClip } from '../e2e/room-publishers.js';
import { createMeeting, joinByPasscode, setUpHost, startServerWithJanus } from '../e2e/room-steps.js';
import { cpuSecondsOf } from './cpu.js';

/**
 * bench:connectivity — how long a join takes from each kind of network, and what the relay costs.
 * Real Chromium joins one meeting (a werift camera in it) from: this machine directly (the
 * baseline, same run), a home network behind NAT, a network that lets out only UDP to the relay,
 * and a corporate network that lets out only TCP 443 (TURN over TLS); network namespaces as in
 * e2e/netns.ts. Per path: join click to the first decoded remote frame, median of `rounds`.
 * Then coturn's CPU per Mbit/s it relays (UDP and TLS, its idle CPU subtracted), and whether the
 * relay refuses addresses other than Janus'. Bounded: 4 paths x `rounds` joins, 20 s each.
 * Needs root (namespaces); run under the heavy lock.
 */

const rounds = 5;
const joinTimeoutMs = 20_000;
const costWindowMs = 10_000;

const notPossible = canBuildNetworks();
if (notPossible) {
  console.error(`bench:connectivity: ${notPossible}`);
  process.exit(1);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const janusAddress = loadConfig({}).janus.ice.interfaces;
const turnPort = await freePort();
const turnSecret = randomBytes(32).toString('base64url');
const networks = buildNetworks({ relayUdp: { port: turnPort } });
const certificate = selfSignedCertificate(networks.turnTls);
const browsers: Browser[] = [];
let server: RunningServer | undefined;

/** The path names of the RESULT line, and the network each runs in (undefined: this namespace). */
const paths = [
  { name: 'direct', site: undefined },
  { name: 'nat', site: 'home' },
  { name: 'turn_udp', site: 'relayUdp' },
  { name: 'turn_tls443', site: 'corporate' },
] as const satisfies readonly { name: string; site: SiteName | undefined }[];

try {
  server = await startServerWithJanus('52000-52999', {
    HOST: networks.web,
    PORT: '443',
    TURN_MODE: 'embedded',
    TURN_PORT: String(turnPort),
    TURN_SECRET: turnSecret,
    TURN_RELAY_PORT_RANGE: '53000-53199',
    TURN_TLS_LISTEN_IP: networks.turnTls,
    TURN_TLS_PORT: '443',
    TURN_TLS_CERT: certificate.cert,
    TURN_TLS_KEY: certificate.key,
  });
  const running = server;
  const cookie = await setUpHost(running);
  const meeting = await createMeeting<{ meetingNumber: string; passcode: string }>(running, cookie, {
    title: 'Connectivity bench',
    lobby: 'off',
  });
  const camera = await joinWithCamera(running, meeting, 'Dora', await smallClip());

  const browserFor = new Map<string, Browser>();
  for (const { name, site } of paths) {
    const browser = await launchBrowser({
      ...(site && { executablePath: networks.chromiumIn(site) }),
      args: [`--unsafely-treat-insecure-origin-as-secure=${running.url}`, '--ignore-certificate-errors'],
    });
    browsers.push(browser);
    browserFor.set(name, browser);
  }

  /** A participant on the device check, ready to click "Join now". */
  async function readyToJoin(browser: Browser, label: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.addInitScript(trackPeerConnections);
    const page = await context.newPage();
    await joinByPasscode(page, running, meeting, label);
    await page.getByRole('button', { name: 'Join now' }).waitFor();
    return page;
  }

  /** Clicks "Join now" and measures, in the page, until the first remote video frame is decoded. */
  async function joinClickToFirstFrame(page: Page): Promise<number> {
    await page.evaluate(() => {
      (window as unknown as { __clicked: number }).__clicked = performance.now();
    });
    await page.getByRole('button', { name: 'Join now' }).click();
    return page.evaluate(async (timeoutMs) => {
      const w = window as unknown as { __clicked: number; __pcs: RTCPeerConnection[] };
      for (;;) {
        let frames = 0;
        for (const pc of w.__pcs)
          (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
            if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
          });
        const elapsed = performance.now() - w.__clicked;
        if (frames > 0) return elapsed;
        if (elapsed > timeoutMs) throw new Error(`no remote frame within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }, joinTimeoutMs);
  }

  // Rounds interleave the paths, so what else the machine does meanwhile falls on all of them alike.
  const times = new Map<string, number[]>(paths.map((p) => [p.name, []]));
  const seen = new Map<string, Set<string>>(paths.map((p) => [p.name, new Set()]));
  for (let round = 0; round < rounds; round++) {
    for (const { name } of paths) {
      const page = await readyToJoin(browserFor.get(name)!, `${name} ${round + 1}`);
      times.get(name)!.push(await joinClickToFirstFrame(page));
      for (const used of await selectedPaths(page)) seen.get(name)!.add(used);
      await page.context().close();
    }
  }
  for (const { name } of paths) {
    const ms = times.get(name)!;
    console.log(
      `${name.padEnd(12)} join click → first frame: median ${median(ms).toFixed(0)} ms (${ms.map((t) => t.toFixed(0)).join(', ')}); paths ${[...seen.get(name)!].join(', ')}`,
    );
  }

  // The relay's cost: coturn's CPU while one participant sends its camera and receives Dora's through it.
  const coturnPid = Number(readFileSync(path.join(running.dataDir, 'coturn', 'turnserver.pid'), 'utf8').trim());
  const idle0 = cpuSecondsOf(coturnPid);
  await new Promise((r) => setTimeout(r, costWindowMs));
  const idlePercent = (100 * (cpuSecondsOf(coturnPid) - idle0)) / (costWindowMs / 1000);
  const relayCost = async (name: 'turn_udp' | 'turn_tls443') => {
    const page = await readyToJoin(browserFor.get(name)!, `${name} sender`);
    await joinClickToFirstFrame(page);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForTimeout(3000); // the camera's bitrate ramps up
    const bytes = () =>
      page.evaluate(async () => {
        let total = 0;
        for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs)
          (await pc.getStats()).forEach((r: { type: string; bytesSent?: number; bytesReceived?: number }) => {
            if (r.type === 'transport') total += (r.bytesSent ?? 0) + (r.bytesReceived ?? 0);
          });
        return total;
      });
    const bytes0 = await bytes();
    const cpu0 = cpuSecondsOf(coturnPid);
    const started = performance.now();
    await page.waitForTimeout(costWindowMs);
    const seconds = (performance.now() - started) / 1000;
    const mbits = ((await bytes()) - bytes0) * 8e-6;
    const cpuPercent = (100 * (cpuSecondsOf(coturnPid) - cpu0)) / seconds - idlePercent;
    const relayed = await selectedPaths(page);
    await page.context().close();
    const mbitPerSecond = mbits / seconds;
    console.log(
      `${name.padEnd(12)} relay cost: ${mbitPerSecond.toFixed(2)} Mbit/s through coturn (${relayed.join(', ')}), coturn CPU ${cpuPercent.toFixed(2)} % of a core above idle (${idlePercent.toFixed(2)} %) → ${(cpuPercent / mbitPerSecond).toFixed(2)} % per Mbit/s`,
    );
    return { perMbit: cpuPercent / mbitPerSecond, relayed };
  };
  const udpCost = await relayCost('turn_udp');
  const tlsCost = await relayCost('turn_tls443');

  // No open relay: a participant's credential allocates, and may send to Janus and to nothing else.
  camera.socket.send({ type: 'ice.servers', id: 1 });
  const answer = await camera.socket.next((m) => m.id === 1);
  const { username, credential } = (answer.data as { iceServers: { username: string; credential: string }[] }).iceServers[0]!;
  const relay = new TurnSession([networks.turnTls, turnPort], username, credential);
  let openRelayRefused = false;
  try {
    const allocated = await relay.allocate();
    const janus = await relay.permit(janusAddress);
    const others = await Promise.all(['8.8.8.8', '10.1.2.3', '127.0.0.1', networks.web].map((peer) => relay.permit(peer)));
    openRelayRefused = allocated === 'ok' && janus === 'ok' && others.every((code) => code === 403);
    console.log(`open relay: allocate ${allocated}, permission to Janus ${janus}, to others ${others.join(', ')}`);
  } finally {
    relay.close();
  }
  const outdated = turnCredential(turnSecret, -60);
  const expired = await allocate([networks.turnTls, turnPort], outdated.username, outdated.credential);
  console.log(`expired credential: ${expired}`);

  const relayOnly = ['turn_udp', 'turn_tls443'].every((name) => [...seen.get(name)!].every((p) => p.startsWith('relay/')));
  const ms = Object.fromEntries(paths.map(({ name }) => [name, Math.round(median(times.get(name)!))]));
  console.log(
    `baseline (same run): direct ${ms.direct} ms; TURN/TLS 443 − direct = ${ms.turn_tls443! - ms.direct!} ms (goal ≤ 1500); coturn per Mbit/s: UDP ${udpCost.perMbit.toFixed(2)} %, TLS ${tlsCost.perMbit.toFixed(2)} %`,
  );
  console.log(
    `RESULT direct_ms=${ms.direct} nat_ms=${ms.nat} turn_udp_ms=${ms.turn_udp} turn_tls443_ms=${ms.turn_tls443} coturn_cpu_pct_per_mbit_udp=${udpCost.perMbit.toFixed(2)} coturn_cpu_pct_per_mbit_tls=${tlsCost.perMbit.toFixed(2)} relay_only_ok=${relayOnly ? 1 : 0} open_relay_refused=${openRelayRefused && expired === 401 ? 1 : 0}`,
  );
  await camera.close();
} finally {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await server?.stop();
  certificate.remove();
  networks.remove();
}
