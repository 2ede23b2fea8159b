// test tier: heavy (embedded Janus, werift publishers); not in npm run test:unit
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMeeting, inject, joinAsGuest, joinAsHost, type Person, type RoomKit, startRoomKit } from '../chat/testing.js';
import { until } from '../testing/until.js';
import { ClipPublisher, preEncodedClip, type SessionDescription } from '../testing/werift-peers.js';

interface Detail {
  tracks: { participantId: string; kind: string; fileBase: string; stoppedAt: string | null }[];
}

let intentId = 5000;
/** An intent with room for a loaded machine (publishing waits for Janus), answered with its result's data. */
async function ask<T>(person: Person, type: string, payload: Record<string, unknown> = {}): Promise<T> {
  const id = ++intentId;
  person.socket.send({ type, id, ...payload });
  const reply = await person.socket.next((m) => m.id === id, 20_000);
  if (reply.type !== 'result') throw new Error(`${type}: ${JSON.stringify(reply)}`);
  return reply.data as T;
}

/**
 * A consenting participant's camera is written whenever it is published: before or after they
 * consent, and while its connection is still coming up (Janus 1.1.2 ignores a second `configure
 * {record: true, filename}` while a publisher records; the app must not believe it switched files).
 * Real embedded Janus, cameras sent by werift from a pre-encoded VP8 clip.
 */
describe('recording a consenting participant’s camera', () => {
  let kit: RoomKit;
  let clip: string;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-camera-recording-'));
  const publishers: ClipPublisher[] = [];

  before(async () => {
    clip = await preEncodedClip(path.join(dataDir, 'clip.webm'), 300, 10, '320x240');
    kit = await startRoomKit('sqlite', { DATA_DIR: dataDir, JANUS_MODE: 'embedded', JANUS_RTP_PORT_RANGE: '49000-49999' });
    const mediaUp = async () => (await inject(kit, 'GET', '/healthz')).json<{ media: { status: string } }>().media.status === 'ok';
    await until(mediaUp, { timeoutMs: 30_000, intervalMs: 200, what: 'Janus up' });
  });
  after(async () => {
    for (const publisher of publishers) await publisher.close().catch(() => undefined);
    await kit?.plenum.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends the camera's offer; the answer is taken (and the connection comes up) only when `connect` is called. */
  async function offerCamera(person: Person): Promise<{ connect(): Promise<void> }> {
    const publisher = new ClipPublisher();
    publishers.push(publisher);
    const { answer } = await ask<{ answer: SessionDescription }>(person, 'publish', { kind: 'camera', offer: await publisher.offer() });
    return { connect: () => publisher.start(answer, clip) };
  }

  async function consent(person: Person): Promise<void> {
    const state = await person.socket.next((m) => m.type === 'recording.state' && m.active === true, 10_000);
    await ask(person, 'recording.decide', {
      decision: 'consent',
      noticeHash: (state.notice as { texts: { hash: string }[] }).texts[0]!.hash,
    });
  }

  it('writes the camera of one who consents before publishing, after publishing, and while the camera connects', async () => {
    const meeting = await createMeeting(kit, 'Camera recording');
    const allowed = await inject(kit, 'POST', `/api/meetings/${meeting.id}/recording-permission`, {
      cookie: kit.admin,
      payload: { allowed: true },
    });
    assert.equal(allowed.statusCode, 204);
    const host = await joinAsHost(kit, meeting);
    const [before, afterLive, connecting] = [
      await joinAsGuest(kit, meeting, 'Before Publishing'),
      await joinAsGuest(kit, meeting, 'After Publishing'),
      await joinAsGuest(kit, meeting, 'While Connecting'),
    ];
    // Published and live before the recording starts.
    await (await offerCamera(afterLive)).connect();
    await until(
      async () => {
        return afterLive.socket.participants.some((p) => p.id === afterLive.id && p.camera);
      },
      { timeoutMs: 20_000, intervalMs: 100, what: 'the camera published before the recording live' },
    );

    await ask(host, 'recording.start');
    const { recordings } = (await inject(kit, 'GET', `/api/meetings/${meeting.id}/recordings`, { cookie: kit.admin })).json<{
      recordings: { id: string }[];
    }>();
    const recordingId = recordings[0]!.id;

    await consent(before);
    await consent(afterLive);
    // Janus has answered this camera's offer, but its connection is not up when the consent arrives.
    const pending = await offerCamera(connecting);
    await consent(connecting);
    await pending.connect();
    await (await offerCamera(before)).connect();

    // Every camera track the recording holds has its file, and each person's open one grows.
    const dir = path.join(dataDir, 'recordings', recordingId);
    const fileOf = (fileBase: string) => path.join(dir, `${fileBase}-video-0.mjr`);
    const cameraTracks = async () =>
      (await inject(kit, 'GET', `/api/recordings/${recordingId}`, { cookie: kit.admin }))
        .json<Detail>()
        .tracks.filter((t) => t.kind === 'camera');
    const people = [before, afterLive, connecting];
    const open = () => cameraTracks().then((tracks) => people.map((p) => tracks.find((t) => t.participantId === p.id && !t.stoppedAt)));
    // Bounded: the assertions below say which file is missing.
    await until(
      async () => (await open()).every((t) => t && existsSync(fileOf(t.fileBase)) && statSync(fileOf(t.fileBase)).size > 20_000),
      {
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    ).catch(() => undefined);
    const tracks = await cameraTracks();
    for (const person of people) {
      const own = tracks.filter((t) => t.participantId === person.id);
      assert.ok(own.length > 0, `a camera track of ${person.id}: ${JSON.stringify(tracks)}`);
      for (const track of own) assert.ok(existsSync(fileOf(track.fileBase)), `${track.fileBase} is written: ${JSON.stringify(tracks)}`);
      const current = own.find((t) => !t.stoppedAt);
      assert.ok(current, `${person.id} has an open camera track`);
      const size = statSync(fileOf(current.fileBase)).size;
      await until(() => statSync(fileOf(current.fileBase)).size > size, {
        timeoutMs: 10_000,
        intervalMs: 100,
        what: `${current.fileBase} grows`,
      });
    }
    await ask(host, 'recording.stop');
  });
});
