import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startTestCluster, testRedisUrl, type TestCluster } from '../testing/cluster.js';
import { adminCredentials, sessionCookieOf } from '../testing/plenum.js';
import { RoomSocketClient as Client } from '../testing/room-socket.js';
import { dialects } from '../testing/stores.js';
import { until } from '../testing/until.js';

const publicOrigin = 'https://meet.example.org';
const skip = dialects.includes('postgres') ? false : 'cluster mode runs on PostgreSQL only (TEST_DIALECTS leaves it out)';

/** Live rooms in cluster mode: one owner instance per room, its moderation shared, a stale owner fenced off. */
describe('one owner instance per live room (cluster mode)', { skip }, () => {
  let cluster: TestCluster;
  let origins: string[];
  let admin: string;
  let redis: Redis;
  let meeting: { id: string; meetingNumber: string; passcode: string };
  const sockets: Client[] = [];

  before(async () => {
    // One public address for all instances, as behind a balancer: browsers' Origin is that.
    cluster = await startTestCluster(2, { ROOM_LEASE_SECONDS: '2', PUBLIC_URL: publicOrigin });
    origins = await Promise.all(cluster.instances.map((plenum) => plenum.listen()));
    redis = new Redis(testRedisUrl);
    const [a] = cluster.instances;
    const token = a!.setupLink!.split('#')[1]!;
    const setup = await a!.app.inject({ method: 'POST', url: '/api/setup', payload: { token, ...adminCredentials, language: 'en' } });
    admin = sessionCookieOf(setup);
    meeting = (
      await a!.app.inject({
        method: 'POST',
        url: '/api/meetings',
        payload: { title: 'Owned', lobby: 'guests' },
        headers: { cookie: admin },
      })
    ).json();
  });
  after(async () => {
    for (const socket of sockets) socket.socket.close();
    redis?.disconnect();
    await cluster?.dispose();
  });

  const instance = (i: number) => cluster.instances[i]!;
  const joinOn = async (i: number, displayName: string) => {
    const answer = await instance(i).app.inject({
      method: 'POST',
      url: '/api/join',
      payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName },
    });
    return answer;
  };
  const hostToken = async () =>
    (await instance(0).app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/host-join`, headers: { cookie: admin } })).json<{
      joinToken: string;
    }>().joinToken;
  const hello = async (i: number, token: string) => {
    const client = await Client.open(`${origins[i]!.replace('http', 'ws')}/api/rooms/socket?room=${meeting.id}`, { origin: publicOrigin });
    sockets.push(client);
    client.send({ type: 'hello', id: 1, token });
    return { client, answer: await client.reply(1) };
  };
  const liveRooms = async (i: number) =>
    (await instance(i).app.inject({ url: '/api/meetings', headers: { cookie: admin } }))
      .json<{ meetings: { live: boolean }[] }>()
      .meetings.filter((m) => m.live).length;
  let host: Client;
  let guest: Client;
  let hostTokenValue: string;
  let guestToken: string;
  let hostOnB: Client;
  let guestBack: Client;

  it('opens the room on one instance; another relays its sockets there; a lock set on the owner refuses joins on the other', async () => {
    hostTokenValue = await hostToken();
    host = (await hello(0, hostTokenValue)).client;
    await host.next((m) => m.type === 'welcome');
    assert.deepEqual(await cluster.instances[1]!.app.inject({ url: '/healthz' }).then((r) => r.statusCode), 200);
    const lease = await redis.get(`${cluster.prefix}room:${meeting.id}:lease`);
    assert.match(lease ?? '', /^instance-a#[0-9a-f]+ 1$/, 'A owns the room, epoch 1');

    // A guest joins over HTTP on B, which names the room in the socket's address (for the balancer).
    const joined = await joinOn(1, 'Gabi');
    assert.equal(joined.statusCode, 200, joined.body);
    assert.equal(joined.json().socketPath, `/api/rooms/socket?room=${meeting.id}`);
    guestToken = joined.json<{ joinToken: string }>().joinToken;
    // Their socket reaches B: B does not open the room beside A, it carries the socket to A.
    const relayed = await hello(1, guestToken);
    guest = relayed.client;
    assert.deepEqual(relayed.answer.data, { waiting: true }, 'in the lobby on A');
    assert.match((await redis.get(`${cluster.prefix}room:${meeting.id}:lease`)) ?? '', /^instance-a#[0-9a-f]+ 1$/, 'B took no lease');
    assert.equal(await liveRooms(1), 1, 'B’s list shows the room live on A');
    const waiting = await host.next((m) => m.type === 'lobby.list' && (m.count as number) === 1);
    const guestId = (waiting.waiting as { participantId: string }[])[0]!.participantId;
    host.send({ type: 'lobby.admit', id: 2, participantId: guestId });
    assert.equal((await host.reply(2)).type, 'result');
    await guest.next((m) => m.type === 'welcome');
    guest.send({ type: 'chat.send', id: 2, text: 'Hallo aus dem Flur' });
    assert.equal((await guest.reply(2)).type, 'result');
    await host.next((m) => m.type === 'chat.message' && JSON.stringify(m.message).includes('Hallo aus dem Flur'));

    // A hand raised and a lock: the owner writes them into the shared state, B reads the lock.
    guest.send({ type: 'moderation.hand', id: 3, raised: true });
    assert.equal((await guest.reply(3)).type, 'result');
    host.send({ type: 'moderation.settings', id: 3, locked: true });
    assert.equal((await host.reply(3)).type, 'result');
    const refused = await joinOn(1, 'Late');
    assert.equal(refused.json().error.code, 'ERR_ROOM_LOCKED', 'B refuses joins while the room on A is locked');
  });

  it('hands the room to another instance when the lease lapses; the stale owner’s write is refused and its sockets sent over', async () => {
    // A stalls (a long pause, a lost network): its lease lapses and another instance holds the room
    // for a moment (epoch 2) and dies as well; then the host's browser reaches B.
    const leaseKey = `${cluster.prefix}room:${meeting.id}:lease`;
    await redis.multi().set(leaseKey, 'instance-x#0 2', 'PX', 300).incr(`${cluster.prefix}room:${meeting.id}:epoch`).exec();
    await until(async () => (await redis.exists(leaseKey)) === 0);
    const onB = await hello(1, hostTokenValue);
    assert.equal(onB.answer.type, 'result', JSON.stringify(onB.answer));
    hostOnB = onB.client;
    const state = await onB.client.next((m) => m.type === 'moderation.state');
    assert.equal(state.locked, true, 'B took the lock over');
    assert.equal((state.hands as unknown[]).length, 1, 'and the raised hand');
    assert.match((await redis.get(leaseKey)) ?? '', /^instance-b#[0-9a-f]+ 3$/);

    // The former owner acts on its old belief: its write is refused (or its next renewal, every
    // third of the lease, found the room taken first and closed it); its browsers are sent to reconnect.
    if (host.closeCode === undefined) host.send({ type: 'moderation.settings', id: 4, locked: false });
    const reply = host.reply(4).then(
      (m) => m.code,
      () => undefined,
    );
    const outcome = await Promise.race([reply, host.closed(3000)]);
    assert.ok(outcome === 'ERR_ROOM_MOVED' || outcome === 1012, `refused: ${outcome}`);
    assert.equal(await guest.closed(), 1012, 'the guest on A is told to reconnect');
    const lock = JSON.parse((await redis.hget(`${cluster.prefix}room:${meeting.id}:state`, 'moderation'))!) as { locked: boolean };
    assert.equal(lock.locked, true, 'the refused unlock changed nothing');

    // The guest comes back through A, which relays to B now: in the room again without waiting, although it is locked.
    const back = await hello(0, guestToken);
    assert.equal(back.answer.type, 'result', JSON.stringify(back.answer));
    assert.equal(back.answer.data, undefined, 'straight into the room, not the lobby');
    await back.client.next((m) => m.type === 'welcome');
    guestBack = back.client;
    const stranger = (await joinOn(0, 'Stranger')).json();
    assert.equal(stranger.error.code, 'ERR_ROOM_LOCKED', 'A, no longer the owner, still refuses joins to the locked room');
  });

  it('ends the room on its owner when the meeting is ended over HTTP on another instance', async () => {
    // B owns the room now; the host ends the meeting from the dashboard, which reached A.
    const ended = await instance(0).app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/end`, headers: { cookie: admin } });
    assert.equal(ended.statusCode < 300, true, ended.body);
    await hostOnB.next((m) => m.type === 'ended');
    assert.equal(await hostOnB.closed(), 4001, 'the host on the owner is let go: the meeting ended');
    assert.equal(await guestBack.closed(), 4001, 'and the guest relayed to it');
    assert.equal(await liveRooms(1), 0, 'the room is no longer live on its owner');
  });
});
