import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from '../e2e/harness.js';

/**
 * Time from clicking "Join now" to the first remote video frame on screen, through the app and
 * the embedded Janus, in real Chromium with a fake camera: 20 joins one after another, then 10
 * people joining within 5 s. Baseline, same run and browser: two peer connections in one page
 * connected directly (no server), from creating them to the first decoded frame.
 * Bounded: at most 31 browser pages, 15 s per join, loopback only.
 */

const sequentialJoins = 20;
const burstJoins = 10;
const burstWindowMs = 5_000;
const joinTimeoutMs = 15_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function post<T>(server: RunningServer, path: string, body: unknown, cookie?: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A page on the room's device check, for a join token placed in its session storage. */
async function roomPage(browser: Browser, server: RunningServer, joinToken: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const key = Math.random().toString(16).slice(2);
  await context.addInitScript(([k, t]) => sessionStorage.setItem(`plenum.join.${k}`, t!), [key, joinToken]);
  const page = await context.newPage();
  await page.goto(`${server.url}/room?k=${key}`);
  await page.getByRole('button', { name: 'Join now' }).waitFor();
  return page;
}

/**
 * Clicks "Join now" and resolves with the milliseconds until the first remote video frame is
 * decoded and shown (requestVideoFrameCallback on the remote tile: event-driven, so ten pages
 * waiting at once do not load the machine by polling).
 */
async function timeToFirstFrame(page: Page): Promise<number> {
  const clickedAt = Date.now();
  await page.getByRole('button', { name: 'Join now' }).click();
  // A string, not a function: the bundler's helpers would not exist inside the page.
  const shownAt = await page.evaluate<number>(`new Promise((resolve) => {
    const deadline = Date.now() + ${joinTimeoutMs};
    const look = () => {
      const video = document.querySelector('video[data-participant-id]');
      if (video) video.requestVideoFrameCallback(() => resolve(Date.now()));
      else if (Date.now() > deadline) resolve(-1);
      else setTimeout(look, 20);
    };
    look();
    setTimeout(() => resolve(-1), ${joinTimeoutMs});
  })`);
  if (shownAt < 0) throw new Error('no remote frame');
  return shownAt - clickedAt;
}

/** Two peer connections in one page, no server: the WebRTC cost of a first frame on this box. */
async function directBaseline(browser: Browser, server: RunningServer): Promise<number> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/join`); // a secure context (loopback), where getUserMedia exists
  const ms = await page.evaluate(async () => {
    const started = Date.now();
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.addEventListener('icecandidate', (e) => void b.addIceCandidate(e.candidate ?? undefined));
    b.addEventListener('icecandidate', (e) => void a.addIceCandidate(e.candidate ?? undefined));
    stream.getTracks().forEach((t) => a.addTrack(t, stream));
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription!);
    for (;;) {
      let decoded = 0;
      (await b.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') decoded += r.framesDecoded ?? 0;
      });
      if (decoded > 0) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  await page.context().close();
  return ms;
}

const server = await startServer({ database: 'sqlite', env: { JANUS_MODE: 'embedded', RATE_LIMIT_PER_MINUTE: '100000' } });
const browser = await launchBrowser();
try {
  const setupToken = server.setupLink!.split('#')[1];
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: setupToken, email: 'bench@example.org', displayName: 'Bench Host', password: 'benchmark password' }),
  });
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  const meeting = await post<{ id: string }>(server, '/api/meetings', { title: 'Join benchmark' }, cookie);
  const joinToken = async () => (await post<{ joinToken: string }>(server, `/api/meetings/${meeting.id}/host-join`, {}, cookie)).joinToken;

  // The presenter everyone sees.
  const presenter = await roomPage(browser, server, await joinToken());
  await presenter.getByRole('button', { name: 'Join now' }).click();
  await presenter.getByRole('button', { name: 'Start camera' }).click();
  await presenter.getByRole('button', { name: 'Stop camera' }).waitFor();
  await presenter.waitForTimeout(1500);

  const baselines: number[] = [];
  for (let i = 0; i < 5; i++) baselines.push(await directBaseline(browser, server));

  const sequential: number[] = [];
  for (let i = 0; i < sequentialJoins; i++) {
    const page = await roomPage(browser, server, await joinToken());
    sequential.push(await timeToFirstFrame(page));
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.context().close();
  }

  const burstPages = await Promise.all(Array.from({ length: burstJoins }, async () => roomPage(browser, server, await joinToken())));
  const burst = await Promise.all(
    burstPages.map(async (page, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * burstWindowMs) / burstJoins));
      return timeToFirstFrame(page).catch(() => undefined);
    }),
  );
  const burstOk = burst.filter((ms): ms is number => ms !== undefined);
  const failures = burst.length - burstOk.length;

  const p50 = percentile(sequential, 50);
  const p95 = percentile(sequential, 95);
  const burstP95 = percentile(burstOk, 95);
  const baselineP50 = percentile(baselines, 50);
  console.log('Join → first decoded remote frame, Chromium + app + embedded Janus on this machine:');
  console.log(`  baseline: direct in-page WebRTC, first frame   p50 ${baselineP50} ms (n=${baselines.length})`);
  console.log(
    `  ${sequentialJoins} sequential joins                       p50 ${p50} ms, p95 ${p95} ms (${(p50 / baselineP50).toFixed(1)}× baseline)`,
  );
  console.log(`  ${burstJoins} joins within ${burstWindowMs / 1000} s                       p95 ${burstP95} ms, ${failures} failed`);
  console.log(`RESULT join_p50_ms=${p50} join_p95_ms=${p95} burst_p95_ms=${burstP95} burst_failures=${failures}`);
} finally {
  await browser.close();
  await server.stop();
}
