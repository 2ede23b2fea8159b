import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { launchBrowser, type RunningServer } from './harness.js';
import { enterRoom, joinByPasscode, setUpHost, startServerWithJanus } from './room-steps.js';
import { until } from '../src/testing/until.js';

/**
 * Recording with consent, in real Chromium (fake camera and microphone) through the embedded
 * Janus: what lands on disk and in the final file is checked with ffprobe, by participant.
 */

interface Track {
  participantId: string;
  displayName: string;
  kind: string;
  fileBase: string;
}
interface Detail {
  id: string;
  status: string;
  tracks: Track[];
  consents: { participantId: string; displayName: string; decision: string; noticeHash: string; noticeVersion: string }[];
}

/** The host drives the room from a plain WebSocket (no media of their own): start and stop the recording. */
class HostSocket {
  private readonly messages: { type: string; id?: number; [key: string]: unknown }[] = [];
  private nextId = 1;
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => this.messages.push(JSON.parse(raw.toString()) as { type: string }));
  }

  static async open(url: string, joinToken: string): Promise<HostSocket> {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/rooms/socket`, { headers: { origin: url } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const host = new HostSocket(socket);
    await host.request('hello', { token: joinToken });
    // The lobby would hold the guests; these tests are about the room.
    await host.request('moderation.settings', { lobby: 'off' }).catch(() => undefined);
    return host;
  }

  async request(type: string, payload: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type, id, ...payload }));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const answer = this.messages.find((m) => m.id === id);
      if (answer?.type === 'result') return answer.data;
      if (answer) throw new Error(`${type}: ${JSON.stringify(answer)}`);
      if (Date.now() > deadline) throw new Error(`${type}: no answer`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** ffmpeg's volumedetect: the mean volume of a file's audio in dB (-Infinity when silent or absent). */
function meanVolume(file: string): number {
  const { stderr } = spawnSync(
    'ffmpeg',
    ['-nostdin', '-hide_banner', '-i', file, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1] ?? -Infinity);
}

const ffprobe = (file: string) =>
  JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,width,height:format=duration',
      '-of',
      'json',
      file,
    ]).toString(),
  ) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { duration: string };
  };

describe('recording with consent in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let cookie: string;
  let meeting: { id: string; meetingNumber: string; passcode: string };

  const api = async (method: string, url: string, options: { body?: unknown; cookie?: string } = {}) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: {
        origin: server.url,
        ...(options.body ? { 'content-type': 'application/json' } : {}),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });

  before(async () => {
    server = await startServerWithJanus('43000-43999');
    cookie = await setUpHost(server);
    meeting = (await (await api('POST', '/api/meetings', { cookie, body: { title: 'Recorded sync' } })).json()) as typeof meeting;
    assert.equal((await api('POST', `/api/meetings/${meeting.id}/recording-permission`, { cookie, body: { allowed: true } })).status, 204);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function hostSocket(): Promise<HostSocket> {
    const grant = (await (await api('POST', `/api/meetings/${meeting.id}/host-join`, { cookie })).json()) as { joinToken: string };
    return HostSocket.open(server.url, grant.joinToken);
  }

  async function participant(name: string, { media = true } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await joinByPasscode(page, server, meeting, name);
    await enterRoom(page);
    if (media) await startMedia(page);
    return page;
  }

  async function startMedia(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: 'Unmute', exact: true }).click();
    await page.getByRole('button', { name: 'Mute', exact: true }).waitFor();
  }

  async function recordings(): Promise<{ id: string; status: string }[]> {
    return (
      (await (await api('GET', `/api/meetings/${meeting.id}/recordings`, { cookie })).json()) as {
        recordings: { id: string; status: string }[];
      }
    ).recordings;
  }

  async function detail(id: string): Promise<Detail> {
    return (await (await api('GET', `/api/recordings/${id}`, { cookie })).json()) as Detail;
  }

  const untilStatusOf = (id: string, wanted: string) => untilStatus(id, wanted);

  async function untilStatus(id: string, wanted: string, timeoutMs = 120_000): Promise<Detail> {
    let current: Detail | undefined;
    return until(async () => ((current = await detail(id)).status === wanted ? current : undefined), {
      timeoutMs,
      intervalMs: 500,
      what: () => `recording ${wanted} (it stayed ${current?.status})`,
    });
  }

  const rawFiles = (id: string) => {
    const dir = path.join(server.dataDir, 'recordings', id);
    return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.mjr')) : [];
  };
  const sizes = (id: string, participantId: string) =>
    Object.fromEntries(
      rawFiles(id)
        .filter((name) => name.includes(participantId))
        .map((name) => [name, statSync(path.join(server.dataDir, 'recordings', id, name)).size]),
    );

  it('records only the two who consent, stops a withdrawing participant at once, and makes one file of them', async (t) => {
    const host = await hostSocket();
    const [anna, ben, cleo] = [await participant('Anna'), await participant('Ben'), await participant('Cleo')];
    await new Promise((r) => setTimeout(r, 1500));

    await host.request('recording.start');
    for (const page of [anna, ben, cleo]) await page.getByRole('dialog', { name: 'The host asks to record this meeting' }).waitFor();
    assert.equal(await cleo.evaluate('document.activeElement?.textContent'), 'Do not record me', 'declining has the focus first');
    await anna.getByRole('button', { name: 'I consent to being recorded' }).click();
    await ben.getByRole('button', { name: 'I consent to being recorded' }).click();
    await cleo.getByRole('button', { name: 'Do not record me' }).click();
    for (const page of [anna, ben, cleo]) await page.getByRole('status').filter({ hasText: 'Recording: Anna, Ben' }).waitFor();
    await cleo.getByText('You are not recorded.', { exact: true }).waitFor();

    const id = (await recordings())[0]!.id;
    assert.match(id, /^[\w-]{43}$/, 'the recording id is 32 random bytes');
    await new Promise((r) => setTimeout(r, 4000));

    const during = await detail(id);
    const participantOf = (name: string) => during.consents.find((c) => c.displayName === name)!.participantId;
    const [annaId, benId, cleoId] = ['Anna', 'Ben', 'Cleo'].map(participantOf) as [string, string, string];
    // A camera is recorded once its publication is live; on a slow machine that can come after the
    // first four seconds, so wait (bounded) for both consenting people's audio and camera files.
    const writtenFor = (pid: string) => {
      const own = rawFiles(id).filter((f) => f.includes(pid));
      return own.some((f) => f.endsWith('-audio.mjr')) && own.some((f) => f.includes('-camera-video'));
    };
    await until(() => writtenFor(annaId) && writtenFor(benId), {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: () => `audio and camera files of Anna and Ben (${rawFiles(id).join(', ')})`,
    }).catch(() => undefined);
    const files = rawFiles(id);
    for (const [name, pid] of [
      ['Anna', annaId],
      ['Ben', benId],
    ] as const) {
      assert.ok(
        files.some((f) => f.includes(pid) && f.endsWith('-audio.mjr')),
        `${name}'s own audio is written (${files.join(', ')})`,
      );
      assert.ok(
        files.some((f) => f.includes(pid) && f.includes('-camera-video')),
        `${name}'s camera is written (${files.join(', ')})`,
      );
    }
    assert.ok(!files.some((f) => f.includes(cleoId)), 'nothing of Cleo is written');
    assert.equal(files.length, files.filter((f) => f.includes(annaId) || f.includes(benId)).length, 'no other file (no mix) exists');
    assert.ok(!during.tracks.some((t) => t.displayName === 'Cleo'));

    // Ben withdraws: his tracks stop growing at once; Anna's keep growing.
    await ben.getByRole('button', { name: 'Stop recording me', exact: true }).click();
    await anna.getByRole('status').filter({ hasText: 'Recording: Anna' }).filter({ hasNotText: 'Ben' }).waitFor();
    await new Promise((r) => setTimeout(r, 500));
    const [benBefore, annaBefore] = [sizes(id, benId), sizes(id, annaId)];
    await new Promise((r) => setTimeout(r, 2500));
    assert.deepEqual(sizes(id, benId), benBefore, 'Ben’s track files no longer grow');
    const annaAfter = sizes(id, annaId);
    assert.ok(
      Object.keys(annaBefore).some((name) => (annaAfter[name] ?? 0) > (annaBefore[name] ?? 0)),
      'Anna’s tracks keep growing',
    );

    await host.request('recording.stop');
    const stoppedAt = Date.now();
    for (const page of [anna, ben, cleo])
      await page
        .getByRole('status')
        .filter({ hasText: /^Recording:/ })
        .waitFor({ state: 'detached' });
    const done = await untilStatus(id, 'ready');
    t.diagnostic(`rendered in ${Date.now() - stoppedAt} ms; raw files: ${rawFiles(id).join(', ')}`);
    assert.ok(!done.tracks.some((t) => t.participantId === cleoId));
    const decisions = done.consents.map((c) => [c.displayName, c.decision]);
    assert.deepEqual(decisions.sort(), [
      ['Anna', 'consent'],
      ['Ben', 'consent'],
      ['Ben', 'withdraw'],
      ['Cleo', 'decline'],
    ]);
    for (const consent of done.consents) {
      assert.match(consent.noticeHash, /^[0-9a-f]{64}$/);
      assert.equal(consent.noticeVersion, 'recording-1');
    }

    const final = path.join(server.dataDir, 'recordings', id, 'recording.webm');
    const probe = ffprobe(final);
    const video = probe.streams.filter((s) => s.codec_type === 'video');
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    assert.equal(audio.length, 1, 'one audio stream: the consenting participants mixed');
    assert.equal(video.length, 1);
    assert.deepEqual([video[0]!.width, video[0]!.height], [1280, 360], 'two tiles side by side: Anna and Ben, not Cleo');
    assert.ok(Number(probe.format.duration) > 4, `the file plays for ${probe.format.duration} s`);
    t.diagnostic(`final file: ${JSON.stringify(probe)}`);
    const loudness = meanVolume(final);
    assert.ok(loudness > -60, `the mixed audio carries sound (mean ${loudness} dB)`);

    // The download: the host gets it; nobody without the host's session does.
    const download = await api('GET', `/api/recordings/${id}/file`, { cookie });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'video/webm');
    assert.equal((await download.arrayBuffer()).byteLength, statSync(final).size);
    assert.equal((await api('GET', `/api/recordings/${id}/file`)).status, 401);

    await api('POST', '/api/staff/invitations', {
      cookie,
      body: { email: 'other@example.org', displayName: 'Otto Other', role: 'host', language: 'en' },
    });
    const outbox = (await (await api('GET', '/api/outbox', { cookie })).json()) as { messages: { text: string | null }[] };
    const invite = outbox.messages.map((m) => /\/invite\/([\w-]+)/.exec(m.text ?? '')?.[1]).find(Boolean);
    const accepted = await api('POST', `/api/invitations/${invite}/accept`, { body: { password: 'another long password' } });
    const otherCookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    assert.equal(
      (await api('GET', `/api/recordings/${id}/file`, { cookie: otherCookie })).status,
      404,
      'another host’s session is refused',
    );
    assert.equal((await api('GET', `/api/recordings/${id}`, { cookie: otherCookie })).status, 404);

    // The host deletes it: file and raw tracks go.
    assert.equal((await api('DELETE', `/api/recordings/${id}`, { cookie })).status, 204);
    assert.equal(existsSync(path.join(server.dataDir, 'recordings', id)), false);

    host.close();
    for (const page of [anna, ben, cleo]) await page.context().close();
  });

  it('asks a late joiner too, and writes no file at all when nobody consents', async () => {
    const host = await hostSocket();
    const [dana, emil] = [await participant('Dana'), await participant('Emil')];
    await host.request('recording.start');
    for (const page of [dana, emil]) await page.getByRole('dialog').waitFor();
    await dana.getByRole('button', { name: 'Do not record me' }).click();
    await emil.keyboard.press('Escape');
    await emil.getByText('You are not recorded.', { exact: true }).waitFor();
    await dana.getByRole('status').filter({ hasText: 'nobody is recorded yet' }).waitFor();
    // Someone joining now is asked first (the dialog is modal: nothing else on the page works before deciding).
    const fritz = await participant('Fritz', { media: false });
    await fritz.getByRole('dialog', { name: 'The host asks to record this meeting' }).waitFor();
    await fritz.getByRole('button', { name: 'Do not record me' }).click();
    await startMedia(fritz);
    await new Promise((r) => setTimeout(r, 2000));
    const [latest] = await recordings();
    assert.equal(existsSync(path.join(server.dataDir, 'recordings', latest!.id)), false, 'not even a directory while recording');
    await host.request('recording.stop');
    const done = await untilStatus(latest!.id, 'empty');
    assert.deepEqual(done.tracks, []);
    assert.deepEqual(done.consents.map((c) => c.decision).sort(), ['decline', 'decline', 'decline'], 'Escape counts as declining');
    assert.equal(existsSync(path.join(server.dataDir, 'recordings', latest!.id)), false, 'no file, no directory');
    assert.equal((await api('GET', `/api/recordings/${latest!.id}/file`, { cookie })).status, 409);
    host.close();
    for (const page of [dana, emil, fritz]) await page.context().close();
  });

  it('lets the host allow recording on the meeting page, record from the room and delete the recording there', async () => {
    const created = (await (await api('POST', '/api/meetings', { cookie, body: { title: 'Host page' } })).json()) as { id: string };
    const context = await browser.newContext({ locale: 'en-GB' });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/meetings`);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Host page' }) });
    await card.getByText('No recordings.').waitFor();
    await card.getByLabel('Recording', { exact: true }).selectOption('on');
    await new Promise((r) => setTimeout(r, 500));
    const allowed = (await (await api('GET', `/api/meetings/${created.id}/recordings`, { cookie })).json()) as { allowed: boolean };
    assert.equal(allowed.allowed, true);

    await card.getByRole('button', { name: /^(Start|Join)\b/ }).click();
    await page.getByRole('button', { name: 'Join now' }).click();
    await page.getByRole('button', { name: 'Leave' }).waitFor();
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: 'Record' }).click();
    const dialog = page.getByRole('dialog', { name: 'The host asks to record this meeting' });
    await dialog.getByText('Only the host of this meeting and Plenum administrators').waitFor();
    await dialog.getByRole('button', { name: 'I consent to being recorded' }).click();
    await page.getByRole('status').filter({ hasText: 'Recording: Hanna Host' }).waitFor();
    // Stop only once the camera's track is written: on a loaded machine the camera's connection
    // can come up after a fixed wait, and the recording would rightly end up empty.
    const started = (await (await api('GET', `/api/meetings/${created.id}/recordings`, { cookie })).json()) as {
      recordings: { id: string }[];
    };
    const recordingId = started.recordings[0]!.id;
    await until(
      () =>
        rawFiles(recordingId).some(
          (name) => name.includes('-video') && statSync(path.join(server.dataDir, 'recordings', recordingId, name)).size > 20_000,
        ),
      { timeoutMs: 60_000, intervalMs: 250, what: 'a video file of more than 20 kB' },
    );
    await page.getByRole('button', { name: 'Stop recording', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Recording:/ })
      .waitFor({ state: 'detached' });
    const recording = (await (await api('GET', `/api/meetings/${created.id}/recordings`, { cookie })).json()) as {
      recordings: { id: string }[];
    };
    await untilStatusOf(recording.recordings[0]!.id, 'ready');

    await page.getByRole('button', { name: 'Leave' }).click();
    await page.goto(`${server.url}/meetings`);
    await card.getByText('Ready').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Download recording' }).click()]);
    assert.match(download.suggestedFilename(), /^recording-Host-page\.webm$/);
    await card.getByRole('button', { name: 'Delete recording' }).click();
    await card.getByText('No recordings.').waitFor();
    await context.close();
  });

  it('states on the registration page of an event that it may be recorded, and only then', async () => {
    const start = new Date(Date.now() + 86_400_000);
    const base = {
      kind: 'meeting',
      description: '',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
    };
    const recorded = (await (
      await api('POST', '/api/events', { cookie, body: { ...base, title: 'Recorded talk', mayBeRecorded: true } })
    ).json()) as { slug: string };
    const plain = (await (await api('POST', '/api/events', { cookie, body: { ...base, title: 'Plain talk' } })).json()) as { slug: string };
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/e/${recorded.slug}`);
    await page.getByText('This event may be recorded. Nobody is recorded without consenting in the room').waitFor();
    await page.goto(`${server.url}/e/${plain.slug}`);
    await page.getByRole('heading', { name: 'Plain talk' }).waitFor();
    assert.equal(await page.getByText('This event may be recorded.').count(), 0);
    await context.close();

    // The host finds the event room's recordings on the events page.
    const hostContext = await browser.newContext({ locale: 'en-GB' });
    const [name, value] = cookie.split('=') as [string, string];
    await hostContext.addCookies([{ name, value, url: server.url }]);
    const hostPage = await hostContext.newPage();
    await hostPage.goto(`${server.url}/events`);
    await hostPage
      .getByRole('row', { name: /Recorded talk/ })
      .getByRole('button', { name: /^Registrants/ })
      .click();
    await hostPage.getByRole('heading', { name: 'Recordings' }).waitFor();
    await hostPage.getByText('This room follows its event’s recording setting.').waitFor();
    await hostPage.getByText('No recordings.').waitFor();
    await hostContext.close();
  });
});
