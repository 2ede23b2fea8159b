import type { Page } from 'playwright-core';
import { setUpAdmin, startServer, type RunningServer } from './harness.js';
import { until } from '../src/testing/until.js';

/** The steps the browser tests of live rooms share: a server with Janus, its host, a meeting, and joining it by passcode. */

/** The admin the room tests set up, who hosts their meetings. */
export const roomHost = { email: 'host@example.org', displayName: 'Hanna Host', password: 'a long host password' };

/** The built server on SQLite with an embedded Janus; each test file takes its own RTP port range. */
/**
 * A server with its embedded Janus, once /healthz says the media plane is up: Janus starts in the
 * background, and a werift publisher that publishes at once would otherwise meet ERR_MEDIA_UNAVAILABLE.
 */
export async function startServerWithJanus(rtpPorts: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startServer({ database: 'sqlite', env: { JANUS_MODE: 'embedded', JANUS_RTP_PORT_RANGE: rtpPorts, ...env } });
  const mediaUp = async () =>
    ((await (await fetch(`${server.url}/healthz`)).json()) as { media: { status: string } }).media.status === 'ok';
  try {
    await until(mediaUp, { timeoutMs: 30_000, intervalMs: 100, what: 'the embedded Janus up' });
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export const setUpHost = (server: RunningServer) => setUpAdmin(server, roomHost);

/** Creates a meeting as the signed-in host with the given settings (e.g. `{ title, lobby: 'off' }`); returns the API's answer. */
export async function createMeeting<T>(server: RunningServer, cookie: string, settings: Record<string, unknown>): Promise<T> {
  const created = await fetch(`${server.url}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(settings),
  });
  return (await created.json()) as T;
}

/** On /join with the meeting ID in the link: types the passcode and the name and continues (to the device check, or an error). */
export async function joinByPasscode(
  page: Page,
  server: RunningServer,
  meeting: { meetingNumber: string; passcode: string },
  name: string,
  passcode = meeting.passcode,
) {
  await page.goto(`${server.url}/join?meeting=${meeting.meetingNumber.replaceAll(' ', '')}`);
  await page.getByLabel('Passcode').fill(passcode);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** From the device check into the room. */
export async function enterRoom(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join now' }).click();
  await page.getByRole('button', { name: 'Leave' }).waitFor();
}
