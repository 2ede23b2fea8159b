// test tier: heavy (three app instances, three Janus processes and nginx; `npm run test:cluster`)
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { confirmLink } from '../events/testing.js';
import {
  ask,
  candidatePorts,
  clientAddress,
  enterRoom,
  httpClient,
  publishCamera,
  showCamera,
  solvedCaptcha,
  watchWebinar,
} from '../testing/cluster-clients.js';
import { startClusterHarness, type ClusterHarness } from '../testing/cluster-harness.js';
import { adminCredentials } from '../testing/plenum.js';
import type { RoomSocketClient } from '../testing/room-socket.js';
import { until } from '../testing/until.js';
import { preEncodedClip, type ClipPublisher, type CountingViewer } from '../testing/werift-peers.js';

/**
 * The deployment of docs/operations.md on one machine: three app instances behind nginx, three
 * Janus nodes (janus-1 meetings and webinar origin, janus-2 and janus-3 edges), Redis, one
 * PostgreSQL schema, a real SMTP peer. Clients reach different instances, as a balancer spreads
 * them; media flows between werift peers and the Janus nodes.
 */
describe('three app instances and three Janus nodes behind nginx', () => {
  let cluster: ClusterHarness;
  let api: ReturnType<typeof httpClient>;
  let cookie: string;
  let clip: string;
  const closers: (() => unknown)[] = [];
  const keep = <T extends { close(): unknown } | RoomSocketClient>(thing: T): T => {
    closers.push(() => ('socket' in thing ? thing.socket.close() : thing.close()));
    return thing;
  };
  let startedAt: number;

  before(async () => {
    cluster = await startClusterHarness({
      env: { JANUS_EDGE_VIEWER_CAP: '2', RETENTION_INTERVAL_MINUTES: '1' },
    });
    startedAt = Date.now();
    api = httpClient(cluster.origin);
    clip = await preEncodedClip(path.join(tmpdir(), 'plenum-e2e-clip-180p.webm'), 150, 10, '320x180');
    const setup = await api(cluster.origin, 'POST', '/api/setup', { token: cluster.setupToken, ...adminCredentials, language: 'en' });
    assert.equal(setup.status, 204);
    cookie = setup.cookie!;
  });
  after(async () => {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    await cluster?.stop();
  });

  const instanceUrl = (i: number) => cluster.instances[i]!.url;
  const staff = <T>(method: string, url: string, body?: unknown, base = cluster.origin) => api<T>(base, method, url, body, { cookie });

  // Registrations on every instance first: the reminder job (every minute) finds them while the other cases run.
  const registrants = ['rita', 'rolf', 'rosa', 'ruth', 'rudi', 'ralf'].map((name) => `${name}@example.org`);
  let eventSlug = '';
  it('takes registrations on every instance and mails each registrant once per mail', async () => {
    // The 1-hour reminder falls due 35 s from now: after the seats are given (a seat given when a
    // reminder is already due skips it), before the instances' reminder timers first fire.
    const startsAt = new Date(Date.now() + 60 * 60_000 + 35_000);
    const event = await staff<{ slug: string }>('POST', '/api/events', {
      kind: 'webinar',
      title: 'Cluster webinar',
      description: 'Three instances.',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
    });
    assert.equal(event.status, 201, JSON.stringify(event.json));
    eventSlug = event.json.slug;
    await Promise.all(
      registrants.map(async (email, i) => {
        const base = cluster.instances[i % 3]!.url;
        const address = clientAddress();
        const registered = await api(
          base,
          'POST',
          `/api/public/events/${eventSlug}/registrations`,
          { captcha: await solvedCaptcha(base, address), firstName: email.split('@')[0], lastName: 'Test', email, language: 'en' },
          { 'x-forwarded-for': address },
        );
        assert.equal(registered.status, 202, JSON.stringify(registered.json));
      }),
    );
    // Each confirms through another instance than the one that took the registration.
    await Promise.all(
      registrants.map(async (email, i) => {
        const mail = await mailTo(email, /confirm/i);
        const token = confirmLink.exec(mail.text ?? '')?.[1];
        assert.ok(token, `a confirmation link for ${email}`);
        const confirmed = await api<{ state: string }>(cluster.instances[(i + 1) % 3]!.url, 'POST', '/api/public/registrations/confirm', {
          token,
        });
        assert.equal(confirmed.json.state, 'confirmed');
      }),
    );
    await Promise.all(registrants.map((email) => mailTo(email, /join link/i)));
  });

  async function mailsTo(address: string) {
    return Promise.all(cluster.smtp.received.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
  }
  async function mailTo(address: string, subject: RegExp, timeoutMs = 20_000) {
    return until(async () => (await mailsTo(address)).find((m) => subject.test(m.subject ?? '')), {
      timeoutMs,
      intervalMs: 100,
      what: () => `a mail to ${address} matching ${subject} (the SMTP peer has ${cluster.smtp.received.length} mails)\n${cluster.logs()}`,
    });
  }

  interface Person {
    name: string;
    base: string;
    token: string;
    socketPath: string;
    socket: RoomSocketClient;
    id: string;
  }
  const meeting = { id: '', meetingNumber: '', passcode: '' };
  let host: Person;
  let gabi: Person;
  let hans: Person;
  let hostCamera: ClipPublisher;
  let gabiSees: CountingViewer;
  let hansSees: CountingViewer;

  /** Joins by passcode at `base` (HTTP and socket there: that instance relays to the owner unless it owns the room). */
  async function guest(name: string, base: string): Promise<Person & { waiting: boolean }> {
    const grant = await api<{ joinToken: string; socketPath: string }>(base, 'POST', '/api/join', {
      meetingNumber: meeting.meetingNumber,
      passcode: meeting.passcode,
      displayName: name,
    });
    assert.equal(grant.status, 200, JSON.stringify(grant.json));
    const { socket, answer } = await enterRoom(base, cluster.origin, grant.json.socketPath, grant.json.joinToken);
    keep(socket);
    return {
      name,
      base,
      token: grant.json.joinToken,
      socketPath: grant.json.socketPath,
      socket,
      id: '',
      waiting: (answer.data as { waiting?: boolean } | undefined)?.waiting === true,
    };
  }
  const received = (viewer: CountingViewer) => viewer.video.received;
  const flowing = async (viewer: CountingViewer, what: string, timeoutMs = 15_000) => {
    const from = received(viewer);
    await until(() => received(viewer) > from + 30, {
      timeoutMs,
      intervalMs: 50,
      what: () => `${what} (${received(viewer) - from} packets)`,
    });
  };

  it('holds a meeting whose people reach three different instances: lobby, media, chat, moderation, lock', async () => {
    const created = await staff<{ id: string }>('POST', '/api/meetings', { title: 'Cluster meeting', lobby: 'guests' }, instanceUrl(0));
    Object.assign(meeting, created.json);
    Object.assign(meeting, (await staff<typeof meeting>('GET', `/api/meetings/${meeting.id}`, undefined, instanceUrl(1))).json);
    const hostGrant = await staff<{ joinToken: string; socketPath: string }>(
      'POST',
      `/api/meetings/${meeting.id}/host-join`,
      undefined,
      instanceUrl(0),
    );
    const hostIn = await enterRoom(cluster.origin, cluster.origin, hostGrant.json.socketPath, hostGrant.json.joinToken);
    host = {
      name: 'Ada',
      base: cluster.origin,
      token: hostGrant.json.joinToken,
      socketPath: hostGrant.json.socketPath,
      socket: keep(hostIn.socket),
      id: '',
    };
    host.id = ((await host.socket.next((m) => m.type === 'welcome')).self as { id: string }).id;
    const owner = await cluster.ownerOf(meeting.id);
    assert.ok(owner, 'the room has an owner instance');

    // Gabi and Hans come in through the two other instances, past nginx, and wait in the lobby.
    const others = cluster.instances.filter((i) => i !== owner);
    const waitingGabi = await guest('Gabi', others[0]!.url);
    const waitingHans = await guest('Hans', others[1]!.url);
    assert.ok(waitingGabi.waiting && waitingHans.waiting, 'both wait in the lobby');
    const lobby = await host.socket.next((m) => m.type === 'lobby.list' && (m.waiting as unknown[]).length === 2, 10_000);
    for (const waiting of lobby.waiting as { participantId: string }[])
      await ask(host.socket, 'lobby.admit', { participantId: waiting.participantId });
    const admitted = await Promise.all(
      [waitingGabi, waitingHans].map(async (person) => {
        const welcome = await person.socket.next((m) => m.type === 'welcome', 10_000);
        return { ...person, id: (welcome.self as { id: string }).id };
      }),
    );
    [gabi, hans] = [admitted[0]!, admitted[1]!];

    // Media: Ada's camera (a werift peer) reaches Gabi and Hans through janus-1.
    hostCamera = keep(await publishCamera(host.socket, clip));
    await gabi.socket.roster((list) => list.some((p) => p.id === host.id && p.camera), 15_000);
    gabiSees = keep(await showCamera(gabi.socket, host.id));
    hansSees = keep(await showCamera(hans.socket, host.id));
    await Promise.all([flowing(gabiSees, 'Ada’s camera at Gabi'), flowing(hansSees, 'Ada’s camera at Hans')]);

    // Chat from one instance's client reaches the others'.
    await ask(gabi.socket, 'chat.send', { text: 'Hallo aus Instanz zwei' });
    for (const person of [host, hans]) {
      await person.socket.next(
        (m) => m.type === 'chat.message' && (m.message as unknown as { text: string }).text === 'Hallo aus Instanz zwei',
        5_000,
      );
    }

    // Moderation: the host mutes Hans, then locks the room; a join through any instance is refused.
    await ask(host.socket, 'moderation.mute', { participantId: hans.id });
    await hans.socket.next((m) => m.type === 'moderation.muted', 5_000);
    await ask(host.socket, 'moderation.settings', { locked: true });
    for (const instance of cluster.instances) {
      const refused = await api<{ error: { code: string } }>(instance.url, 'POST', '/api/join', {
        meetingNumber: meeting.meetingNumber,
        passcode: meeting.passcode,
        displayName: 'Late',
      });
      assert.equal(refused.json.error.code, 'ERR_ROOM_LOCKED', `${instance.id} refuses a join into the locked room`);
    }
  });

  it('spreads a webinar’s attendees over both edges, on every instance, and each receives the broadcast', async () => {
    const webinar = (
      await staff<{ id: string; meetingNumber: string; passcode: string }>('POST', '/api/meetings', {
        title: 'Cluster webinar room',
        lobby: 'off',
        kind: 'webinar',
      })
    ).json;
    const grant = (await staff<{ joinToken: string; socketPath: string }>('POST', `/api/meetings/${webinar.id}/host-join`)).json;
    const { socket: presenter } = await enterRoom(cluster.origin, cluster.origin, grant.socketPath, grant.joinToken);
    keep(presenter);
    await presenter.next((m) => m.type === 'welcome');
    await ask(presenter, 'webinar.goLive');
    keep(await publishCamera(presenter, clip));
    const watching = [];
    for (const [i, name] of ['Ina', 'Jan', 'Kai', 'Lea'].entries()) {
      const base = cluster.instances[i % 3]!.url;
      const joined = await api<{ joinToken: string; socketPath: string }>(base, 'POST', '/api/join', {
        meetingNumber: webinar.meetingNumber,
        passcode: webinar.passcode,
        displayName: name,
      });
      const { socket } = await enterRoom(base, cluster.origin, joined.json.socketPath, joined.json.joinToken);
      keep(socket);
      await socket.next(
        (m) => m.type === 'webinar.state' && m.live === true && m.shown !== null && (m.shown as unknown) !== undefined,
        10_000,
      );
      const { viewer, offer } = await watchWebinar(socket);
      keep(viewer);
      const port = candidatePorts(offer.sdp)[0]!;
      const node = cluster.janus.find((n) => port >= n.rtpPorts.min && port <= n.rtpPorts.max)?.name;
      watching.push({ name, node, viewer });
    }
    // JANUS_EDGE_VIEWER_CAP=2: the first edge fills, the next viewers go to the other.
    assert.deepEqual(watching.map((w) => w.node).sort(), ['janus-2', 'janus-2', 'janus-3', 'janus-3']);
    await Promise.all(watching.map((w) => flowing(w.viewer, `the broadcast at ${w.name} (${w.node})`)));
  });

  it('sends each mail once and runs each job once per period across the instances', async () => {
    await Promise.all(registrants.map((email) => mailTo(email, /^Reminder:/, 80_000)));
    // The instances' reminder timers fire every minute from each one's start, a few seconds apart:
    // the others' turns of the same minute have passed too (and found nothing left to send).
    await new Promise((resolve) => setTimeout(resolve, Math.max(8_000, startedAt + 66_000 - Date.now())));
    for (const email of registrants) {
      const subjects = (await mailsTo(email)).map((m) => m.subject ?? '').sort();
      assert.equal(new Set(subjects).size, subjects.length, `no mail twice to ${email}: ${subjects.join(' | ')}`);
      assert.equal(subjects.length, 3, `confirmation, join link and one reminder to ${email}: ${subjects.join(' | ')}`);
    }
    // Retention (RETENTION_INTERVAL_MINUTES=1) runs a minute after each instance's start, then every
    // minute on each: once per period in all, so no two runs closer than 90% of the period.
    const retentionRuns = (
      await cluster.query<{ at: string }>(`select at from audit_entries where action = 'retention.run' order by at`)
    ).map((r) => Date.parse(r.at));
    assert.ok(retentionRuns.length >= 1, 'retention ran');
    for (const [i, at] of retentionRuns.entries()) {
      if (i > 0) assert.ok(at - retentionRuns[i - 1]! >= 54_000, `retention runs ${at - retentionRuns[i - 1]!} ms apart`);
    }
    const [claim] = await cluster.query<{ instance_id: string }>(`select instance_id from job_runs where name = 'retention'`);
    assert.ok(
      cluster.instances.some((i) => i.id === claim?.instance_id),
      `one of the instances claimed it: ${claim?.instance_id}`,
    );
  });

  it('moves a meeting to another instance when its owner is killed (SIGKILL): everyone back in media within 10 s', async () => {
    const owner = (await cluster.ownerOf(meeting.id))!;
    const killedAt = Date.now();
    await cluster.kill(owner.id);
    await Promise.all([host, gabi, hans].map((person) => person.socket.closed(10_000)));
    // The browsers reconnect through nginx and set their media up again.
    const back = async (person: Person) => {
      const { socket } = await enterRoom(cluster.origin, cluster.origin, person.socketPath, person.token, 10_000);
      keep(socket);
      const welcome = await socket.next((m) => m.type === 'welcome', 10_000);
      return { ...person, socket, id: (welcome.self as { id: string }).id };
    };
    [host, gabi, hans] = await Promise.all([back(host), back(gabi), back(hans)]);
    const camera = keep(await publishCamera(host.socket, clip));
    await gabi.socket.roster((list) => list.some((p) => p.id === host.id && p.camera), 10_000);
    const [gabiAgain, hansAgain] = [keep(await showCamera(gabi.socket, host.id)), keep(await showCamera(hans.socket, host.id))];
    const deadline = killedAt + 10_000;
    await Promise.all([
      flowing(gabiAgain, 'Ada’s camera at Gabi again', Math.max(1, deadline - Date.now())),
      flowing(hansAgain, 'Ada’s camera at Hans again', Math.max(1, deadline - Date.now())),
    ]);
    console.log(`owner ${owner.id} killed: media back at both viewers ${Date.now() - killedAt} ms later (ROOM_LEASE_SECONDS=2)`);
    const state = await gabi.socket.next((m) => m.type === 'moderation.state', 5_000);
    assert.equal(state.locked, true, 'the lock held through the failover');
    void camera;
    void hostCamera;
  });
});
