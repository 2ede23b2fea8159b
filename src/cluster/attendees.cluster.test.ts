// test tier: heavy (three app instances, two Janus processes and nginx; `npm run test:cluster`)
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { testRedisUrl } from '../testing/cluster.js';
import { ask, enterRoom, httpClient, publishCamera, watchWebinar } from '../testing/cluster-clients.js';
import { startClusterHarness, type ClusterHarness } from '../testing/cluster-harness.js';
import { adminCredentials } from '../testing/plenum.js';
import type { RoomSocketClient } from '../testing/room-socket.js';
import { until } from '../testing/until.js';
import { preEncodedClip, type CountingViewer } from '../testing/werift-peers.js';

interface Attendee {
  name: string;
  socketPath: string;
  token: string;
  socket: RoomSocketClient;
  viewer: CountingViewer;
  /** The instance holding the socket (nginx chose it by the seat in socketPath). */
  instance: string;
}

/**
 * Webinar attendees on every instance (#17 item 4) in the deployment of docs/operations.md: nginx
 * spreads attendees' sockets by their seat, the owner serves them over Redis, and when the owner
 * is killed (SIGKILL) the attendees on the other instances keep their sockets and watch again.
 */
describe('webinar attendees spread over three instances behind nginx', () => {
  let cluster: ClusterHarness;
  let api: ReturnType<typeof httpClient>;
  let cookie: string;
  let clip: string;
  const closers: (() => unknown)[] = [];
  /** Every bus message's kind and sender, as Redis carries them (who seats attendees for whom). */
  const busFrames: { channel: string; kind: string; from: string }[] = [];
  const listener = new Redis(testRedisUrl);
  let webinar: { id: string; meetingNumber: string; passcode: string };
  let presenter: RoomSocketClient;
  let hostGrant: { joinToken: string; socketPath: string };
  const attendees: Attendee[] = [];

  before(async () => {
    cluster = await startClusterHarness({ instances: 3, janusRoles: ['meeting', 'edge'] });
    api = httpClient(cluster.origin);
    clip = await preEncodedClip(path.join(tmpdir(), 'plenum-e2e-clip-180p.webm'), 150, 10, '320x180');
    const setup = await api(cluster.origin, 'POST', '/api/setup', { token: cluster.setupToken, ...adminCredentials, language: 'en' });
    assert.equal(setup.status, 204);
    cookie = setup.cookie!;
    await listener.psubscribe(`${cluster.prefix}bus:*`);
    listener.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, payload: Buffer) => {
      for (let offset = 0; offset < payload.length;) {
        const length = payload.readUInt32BE(offset);
        const header = JSON.parse(payload.toString('utf8', offset + 4, offset + 4 + length)) as { kind: string; from: string };
        offset += 4 + length;
        offset += 4 + payload.readUInt32BE(offset);
        busFrames.push({ channel: channel.toString(), kind: header.kind, from: header.from });
      }
    });
  });
  after(async () => {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    listener.disconnect();
    await cluster?.stop();
  });

  const staff = <T>(method: string, url: string, body?: unknown) => api<T>(cluster.origin, method, url, body, { cookie });
  const keepSocket = (socket: RoomSocketClient) => {
    closers.push(() => socket.socket.close());
    return socket;
  };
  const flowing = async (viewer: CountingViewer, what: string, timeoutMs: number) => {
    const from = viewer.video.received;
    await until(() => viewer.video.received > from + 30, {
      timeoutMs,
      intervalMs: 50,
      what: () => `${what} (${viewer.video.received - from} packets)`,
    });
  };
  /** The remote attendee's question as the asker and as another attendee see it (the other's view names the asker by pseudonym). */
  let asked: { mine: boolean; seenByOther: unknown };
  const questionsAt = async (asker: Attendee, other: Attendee) => {
    const listed = async (a: Attendee) =>
      ((await ask(a.socket, 'qa.list')).data as { questions: { text: string; mine: boolean; askerPseudonym: unknown }[] }).questions.find(
        (q) => q.text === `Question from ${asker.instance}`,
      )!;
    return { mine: (await listed(asker)).mine, seenByOther: (await listed(other)).askerPseudonym };
  };
  const watch = async (attendee: Pick<Attendee, 'socket' | 'name'>) => {
    const { viewer } = await watchWebinar(attendee.socket);
    closers.push(() => viewer.close());
    return viewer;
  };

  it('spreads attendees over the instances; each watches, and a question from one on another instance reaches the host', async () => {
    webinar = (await staff<typeof webinar>('POST', '/api/meetings', { title: 'Spread webinar', lobby: 'off', kind: 'webinar' })).json;
    hostGrant = (await staff<{ joinToken: string; socketPath: string }>('POST', `/api/meetings/${webinar.id}/host-join`)).json;
    presenter = keepSocket((await enterRoom(cluster.origin, cluster.origin, hostGrant.socketPath, hostGrant.joinToken)).socket);
    await presenter.next((m) => m.type === 'welcome');
    await ask(presenter, 'webinar.goLive');
    const camera = await publishCamera(presenter, clip);
    closers.push(() => camera.close());
    const owner = (await cluster.ownerOf(webinar.id))!;

    for (let i = 1; i <= 9; i++) {
      const name = `Viewer ${i}`;
      const joined = await api<{ joinToken: string; socketPath: string }>(cluster.origin, 'POST', '/api/join', {
        meetingNumber: webinar.meetingNumber,
        passcode: webinar.passcode,
        displayName: name,
      });
      const attendsBefore = busFrames.filter((f) => f.kind === 'attend').length;
      const { socket } = await enterRoom(cluster.origin, cluster.origin, joined.json.socketPath, joined.json.joinToken);
      keepSocket(socket);
      await socket.next((m) => m.type === 'webinar.state' && m.live === true && m.shown !== null, 10_000);
      // An attendee seated for the owner by another instance shows as one `attend` sent to the owner's channel.
      const attend = busFrames.filter((f) => f.kind === 'attend').slice(attendsBefore)[0];
      const viewer = await watch({ socket, name });
      attendees.push({
        name,
        socketPath: joined.json.socketPath,
        token: joined.json.joinToken,
        socket,
        viewer,
        instance: attend?.from ?? owner.id,
      });
    }
    const spread = new Set(attendees.map((a) => a.instance));
    assert.ok(spread.size >= 2, `attendees on ${[...spread].join(', ')}`);
    await Promise.all(attendees.map((a) => flowing(a.viewer, `the broadcast at ${a.name} (${a.instance})`, 15_000)));

    const remote = attendees.find((a) => a.instance !== owner.id)!;
    await ask(remote.socket, 'qa.ask', { text: `Question from ${remote.instance}`, anonymous: false });
    await presenter.next((m) => m.type === 'qa.question' && JSON.stringify(m).includes(`Question from ${remote.instance}`), 5_000);
    asked = await questionsAt(remote, attendees.find((a) => a.instance !== owner.id && a !== remote) ?? remote);
    assert.equal(asked.mine, true, 'the asker sees their question as theirs');
    await ask(presenter, 'chat.send', { text: 'Thanks for watching' });
    await Promise.all(
      attendees.map((a) => a.socket.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes('Thanks for'), 5_000)),
    );
    console.log(
      `attendees per instance: ${JSON.stringify(Object.fromEntries([...spread].map((i) => [i, attendees.filter((a) => a.instance === i).length])))} (owner ${owner.id})`,
    );
  });

  it('keeps attendees on the other instances connected when the owner is killed: a new welcome, watching again within 10 s', async () => {
    const owner = (await cluster.ownerOf(webinar.id))!;
    const survivors = attendees.filter((a) => a.instance !== owner.id);
    assert.ok(survivors.length > 0, 'attendees on other instances');
    const welcomesBefore = new Map(survivors.map((a) => [a, a.socket.messages.filter((m) => m.type === 'welcome').length]));
    const resetsBefore = new Map(survivors.map((a) => [a, a.socket.messages.filter((m) => m.type === 'media.reset').length]));
    const killedAt = Date.now();
    await cluster.kill(owner.id);
    // The presenter's socket was on the owner: it reconnects through nginx, as the browser does, and presents again.
    await presenter.closed(10_000);
    presenter = keepSocket((await enterRoom(cluster.origin, cluster.origin, hostGrant.socketPath, hostGrant.joinToken, 20_000)).socket);
    const camera = await publishCamera(presenter, clip);
    closers.push(() => camera.close());
    await Promise.all(
      survivors.map(async (a) => {
        await until(() => a.socket.messages.filter((m) => m.type === 'media.reset').length > resetsBefore.get(a)!, {
          timeoutMs: 10_000,
          what: `media.reset at ${a.name}`,
        });
        assert.ok(a.socket.messages.filter((m) => m.type === 'welcome').length > welcomesBefore.get(a)!, `a new welcome at ${a.name}`);
        assert.equal(a.socket.closeCode, undefined, `${a.name}’s socket stayed open`);
        // The new owner's word on the webinar: still live (the shared state kept it), showing the presenter again.
        const reset = a.socket.messages.findLastIndex((m) => m.type === 'media.reset');
        await until(() => a.socket.messages.slice(reset).some((m) => m.type === 'webinar.state' && m.live === true && m.shown !== null), {
          timeoutMs: 10_000,
          what: `the webinar live at ${a.name}`,
        });
        a.viewer = await watch(a);
        await flowing(a.viewer, `the broadcast at ${a.name} again`, Math.max(1, killedAt + 10_000 - Date.now()));
      }),
    );
    console.log(
      `owner ${owner.id} killed: ${survivors.length} attendees on other instances watching again ${Date.now() - killedAt} ms later, sockets kept`,
    );
    const newOwner = (await cluster.ownerOf(webinar.id))!;
    assert.notEqual(newOwner.id, owner.id);
    // The next owner kept who asked (from the shared state): still theirs, under the same pseudonym for the others.
    const asker = survivors[0]!;
    const other = survivors.find((a) => a !== asker) ?? asker;
    assert.deepEqual(await questionsAt(asker, other), asked, 'the question after the takeover as before it');
    const chatter = survivors.find((a) => a.instance !== newOwner.id) ?? survivors[0]!;
    await ask(chatter.socket, 'chat.send', { text: 'Still watching' });
    await presenter.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes('Still watching'), 5_000);
  });
});
