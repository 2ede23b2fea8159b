import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Plenum } from '../plenum.js';
import { RecordingFiles } from '../recording/files.js';
import type { RenderTools } from '../recording/render.js';
import { createRecordingService } from '../recording/service.js';
import { startTestCluster, testRedisUrl, type TestCluster } from '../testing/cluster.js';
import { adminCredentials, sessionCookieOf } from '../testing/plenum.js';
import { RoomSocketClient as Client } from '../testing/room-socket.js';
import { dialects } from '../testing/stores.js';
import { until } from '../testing/until.js';
import { connectCluster, createCluster, type Cluster } from './cluster.js';
import { createExclusiveRunner } from './jobs.js';
import { RoomLeases } from './room-lease.js';

const publicOrigin = 'https://meet.example.org';
const skip = dialects.includes('postgres') ? false : 'cluster mode runs on PostgreSQL only (TEST_DIALECTS leaves it out)';
const silent = pino({ level: 'silent' });

/**
 * Recordings across instances (issue #17): a restart of one instance never stops another's
 * recording; a recording whose room nobody owns any more is finished; the instance that takes a
 * room over finishes the recording its previous owner left and tells the room; each recording's
 * file is made once, however many instances start together.
 */
describe('recordings in cluster mode', { skip }, () => {
  let cluster: TestCluster;
  let origins: string[];
  let admin: string;
  let redis: Redis;
  const sockets: Client[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'plenum-recordings-cluster-'));

  before(async () => {
    cluster = await startTestCluster(2, { ROOM_LEASE_SECONDS: '2', PUBLIC_URL: publicOrigin });
    origins = await Promise.all(cluster.instances.map((plenum) => plenum.listen()));
    redis = new Redis(testRedisUrl);
    const a = cluster.instances[0]!;
    const token = a.setupLink!.split('#')[1]!;
    const setup = await a.app.inject({ method: 'POST', url: '/api/setup', payload: { token, ...adminCredentials, language: 'en' } });
    admin = sessionCookieOf(setup);
  });
  after(async () => {
    for (const socket of sockets) socket.socket.close();
    redis?.disconnect();
    await cluster?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  const instance = (i: number) => cluster.instances[i]!;
  /** The database is read through an instance that runs (the others restart). */
  let reader = 0;
  const db = () => instance(reader).store.db;
  const recordingRow = (id: string) =>
    db().selectFrom('recordings').select(['status', 'stopped_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const recordingsOf = (roomId: string) =>
    db().selectFrom('recordings').select(['id', 'status', 'stopped_at']).where('room_id', '=', roomId).orderBy('started_at').execute();
  const leaseOf = (roomId: string) => redis.get(`${cluster.prefix}room:${roomId}:lease`);

  /** A meeting that may be recorded, with its host's join token. */
  async function recordableMeeting(title: string): Promise<{ id: string; hostToken: string }> {
    const a = instance(0);
    const meeting = (
      await a.app.inject({ method: 'POST', url: '/api/meetings', payload: { title, lobby: 'off' }, headers: { cookie: admin } })
    ).json<{ id: string }>();
    const allowed = await a.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/recording-permission`,
      payload: { allowed: true },
      headers: { cookie: admin },
    });
    assert.equal(allowed.statusCode, 204, allowed.body);
    const grant = await a.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/host-join`, headers: { cookie: admin } });
    return { id: meeting.id, hostToken: grant.json<{ joinToken: string }>().joinToken };
  }

  /** The host's socket on instance `i` (its address may have changed with a restart). */
  async function hostOn(i: number, meeting: { id: string; hostToken: string }): Promise<Client> {
    const client = await Client.open(`${origins[i]!.replace('http', 'ws')}/api/rooms/socket?room=${meeting.id}`, { origin: publicOrigin });
    sockets.push(client);
    client.send({ type: 'hello', id: 1, token: meeting.hostToken });
    const answer = await client.reply(1);
    assert.equal(answer.type, 'result', JSON.stringify(answer));
    await client.next((m) => m.type === 'welcome');
    return client;
  }

  async function restart(i: number): Promise<Plenum> {
    const plenum = await cluster.restart(i);
    origins[i] = await plenum.listen();
    return plenum;
  }

  it('makes each recording’s file once when two instances start together', async () => {
    // Two instances' recording services (as each Plenum builds it) on the shared database and recordings folder.
    const files = new RecordingFiles(path.join(work, 'recordings'));
    const log = path.join(work, 'tools.log');
    writeFileSync(log, '');
    const tools = fakeTools(work, log);
    const clusters: Cluster[] = ['instance-a', 'instance-b'].map((instanceId) =>
      createCluster({ redisUrl: testRedisUrl, keyPrefix: cluster.prefix, instanceId }, silent),
    );
    await Promise.all(clusters.map((c) => connectCluster(c)));
    const leases = new RoomLeases(() => redis, cluster.prefix, 'instance-test');
    const services = [0, 1].map((i) =>
      createRecordingService(instance(i).store, files, tools, silent, 30, {
        exclusive: createExclusiveRunner(instance(i).store, clusters[i]!),
        abandoned: (roomId) => leases.fenceIfVacant(roomId),
      }),
    );
    const meeting = await recordableMeeting('Rendered once');
    const host = { roomId: meeting.id, role: 'host' as const, accountId: null, expiresAt: 0, registrationId: null };
    const session = { ...host, participantId: 'rita', displayName: 'Rita', role: 'participant' as const };
    // One recording stopped by an instance that died before making its file, one left recording in a room nobody owns.
    const stopped = await services[0]!.start(meeting.id, { ...host, participantId: 'h1', displayName: 'Host' });
    const abandoned = await services[0]!.start(meeting.id, { ...host, participantId: 'h2', displayName: 'Host' });
    for (const recording of [stopped, abandoned]) {
      const track = await services[0]!.openTrack(recording.id, session, 'audio', 1);
      writeFileSync(`${track.path}-audio.mjr`, 'raw');
    }
    await db().updateTable('recordings').set({ status: 'processing' }).where('id', '=', stopped.id).execute();

    try {
      await Promise.all(services.map((service) => service.finishInterrupted()));
      await Promise.all(services.map((service) => service.idle()));
      // Both instances' recording jobs a minute later: nothing is made again.
      await Promise.all(services.map((service) => service.finishAbandoned().then(() => service.renderPending())));
      await Promise.all(services.map((service) => service.idle()));
    } finally {
      await Promise.all(clusters.map((c) => c.close()));
    }
    for (const recording of [stopped, abandoned]) assert.equal((await recordingRow(recording.id)).status, 'ready');
    const runs = readFileSync(log, 'utf8').trim().split('\n');
    assert.equal(runs.filter((line) => line.startsWith('janus-pp-rec')).length, 2, `one decoding per raw track: ${runs.join(' | ')}`);
    assert.equal(runs.filter((line) => line.startsWith('ffmpeg')).length, 2, `one file per recording: ${runs.join(' | ')}`);
  });

  let live: { id: string; hostToken: string };
  let liveRecording: string;
  let hostOnA: Client;

  it('leaves the live recording of a room owned by A alone when B restarts', async () => {
    live = await recordableMeeting('Recorded on A');
    hostOnA = await hostOn(0, live);
    assert.match((await leaseOf(live.id)) ?? '', /^instance-a#/);
    hostOnA.send({ type: 'recording.start', id: 2 });
    assert.equal((await hostOnA.reply(2)).type, 'result');
    liveRecording = (await recordingsOf(live.id))[0]!.id;

    await restart(1);
    assert.deepEqual(await recordingRow(liveRecording), { status: 'recording', stopped_at: null }, 'B’s start left it recording');
    assert.match((await leaseOf(live.id)) ?? '', /^instance-a#/, 'A still owns the room');
    hostOnA.send({ type: 'recording.status', id: 3 });
    const view = await hostOnA.reply(3);
    assert.equal((view.data as { active: boolean }).active, true, 'and records it still');
  });

  it('finishes the recording when the room moves to B after A stopped mid-recording, and tells the room', async () => {
    // A stops (SIGTERM): its browsers are told to reconnect, the lease is handed over, the recording stays as it was.
    reader = 1;
    await instance(0).close();
    assert.equal(await hostOnA.closed(), 1012);
    assert.equal((await recordingRow(liveRecording)).status, 'recording');
    assert.equal(await leaseOf(live.id), null);

    // The host's browser reaches B, which takes the room over and finishes what A left.
    const hostOnB = await hostOn(1, live);
    const stoppedView = await hostOnB.next((m) => m.type === 'recording.state' && m.interrupted === true, 5_000);
    assert.equal(stoppedView.active, false, 'the room shows that nothing is recorded');
    assert.equal(stoppedView.mayStart, true, 'the host may start again');
    const finished = await until(async () => {
      const row = await recordingRow(liveRecording);
      return row.status === 'empty' ? row : undefined;
    });
    assert.ok(finished.stopped_at, 'stopped, and made into a file of what was recorded (here: nobody consented, nothing)');

    hostOnB.send({ type: 'recording.start', id: 2 });
    assert.equal((await hostOnB.reply(2)).type, 'result');
    const again = await hostOnB.next((m) => m.type === 'recording.state' && m.active === true);
    assert.equal(again.interrupted, false);
    const rows = await recordingsOf(live.id);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['empty', 'recording'],
      'a new recording: everyone is asked again',
    );
    liveRecording = rows[1]!.id;

    // A comes back: B owns the room, so A's start leaves B's recording alone.
    await restart(0);
    assert.equal((await recordingRow(liveRecording)).status, 'recording');
  });

  it('finishes at start a recording whose room no instance owns', async () => {
    // B stops and nobody comes back to the room: its recording is left without an owner.
    reader = 0;
    await instance(1).close();
    assert.equal(await leaseOf(live.id), null);
    assert.equal((await recordingRow(liveRecording)).status, 'recording');
    await restart(0);
    const finished = await until(async () => {
      const row = await recordingRow(liveRecording);
      return row.status === 'empty' ? row : undefined;
    });
    assert.ok(finished.stopped_at);
  });
});

/**
 * Stand-ins for janus-pp-rec, ffmpeg and ffprobe: each run is logged (to count them) and takes a
 * moment, so two instances' renderings would overlap; their output is what the renderer checks for.
 */
function fakeTools(dir: string, log: string): RenderTools {
  const script = (name: string, body: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o700);
    return file;
  };
  return {
    ppRec: script('janus-pp-rec', `echo "janus-pp-rec $1" >> '${log}'; sleep 0.3; printf decoded > "$2"`),
    ffmpeg: script('ffmpeg', `for arg; do out="$arg"; done; echo "ffmpeg $out" >> '${log}'; sleep 0.3; printf webm > "$out"`),
    ffprobe: script('ffprobe', 'echo 1.5'),
  };
}
