import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import type { Plenum } from '../plenum.js';
import { startTestCluster, testRedisUrl, type TestCluster } from './cluster.js';
import { adminCredentials, sessionCookieOf } from './plenum.js';
import { RoomSocketClient as Client, type RoomSocketMessage } from './room-socket.js';

/** Someone in a room, as their socket's welcome named them. */
export interface Entered {
  client: Client;
  self: { id: string; displayName: string; role: string };
  /** The join token the socket said hello with (to reconnect with it elsewhere). */
  token: string;
}

/**
 * Instances in cluster mode (startTestCluster) with the first admin set up, and the steps the
 * rooms' cluster tests share: create a meeting or webinar, grant a host's or a guest's join,
 * open a room socket on one instance (as nginx would have sent it there) and say hello.
 */
export async function startRoomCluster(count: number, env: Record<string, string> = {}) {
  const cluster: TestCluster = await startTestCluster(count, { RATE_LIMIT_PER_MINUTE: '1000', ROOM_LEASE_SECONDS: '3', ...env });
  const origins = await Promise.all(cluster.instances.map((plenum) => plenum.listen()));
  const first = cluster.instances[0]!;
  const setup = await first.app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { token: first.setupLink!.split('#')[1]!, ...adminCredentials, language: 'en' },
  });
  assert.equal(setup.statusCode, 204, setup.body);
  const admin = sessionCookieOf(setup);
  const redis = new Redis(testRedisUrl);
  const sockets: Client[] = [];
  let intentId = 100;
  const nextId = () => intentId++;

  async function createRoom(title: string, kind: 'meeting' | 'webinar' = 'meeting') {
    const response = await first.app.inject({
      method: 'POST',
      url: '/api/meetings',
      payload: { title, lobby: 'off', kind },
      headers: { cookie: admin },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; meetingNumber: string; passcode: string }>();
  }

  async function hostToken(plenum: Plenum, roomId: string): Promise<string> {
    const grant = await plenum.app.inject({ method: 'POST', url: `/api/meetings/${roomId}/host-join`, headers: { cookie: admin } });
    assert.equal(grant.statusCode, 200, grant.body);
    return grant.json<{ joinToken: string }>().joinToken;
  }

  /** A guest's join with the room's passcode (a webinar's attendee), answered by `plenum`. */
  async function guestGrant(plenum: Plenum, room: { meetingNumber: string; passcode: string }, displayName: string) {
    const response = await plenum.app.inject({
      method: 'POST',
      url: '/api/join',
      payload: { meetingNumber: room.meetingNumber, passcode: room.passcode, displayName },
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ joinToken: string; socketPath: string }>();
  }

  async function open(plenum: Plenum, language = 'en'): Promise<Client> {
    const origin = origins[cluster.instances.indexOf(plenum)]!;
    const client = await Client.open(`${origin.replace('http', 'ws')}/api/rooms/socket`, { origin, 'accept-language': language });
    sockets.push(client);
    return client;
  }

  async function enter(plenum: Plenum, token: string, language = 'en'): Promise<Entered> {
    const client = await open(plenum, language);
    const id = nextId();
    client.send({ type: 'hello', id, token });
    const reply = await client.next((m) => m.id === id, 8_000);
    assert.equal(reply.type, 'result', JSON.stringify(reply));
    const welcome = await client.next((m) => m.type === 'welcome');
    return { client, self: welcome.self as Entered['self'], token };
  }

  async function ask(client: Client, message: Record<string, unknown>, timeoutMs = 8_000): Promise<RoomSocketMessage> {
    const id = nextId();
    client.send({ ...message, id });
    return client.next((m) => m.id === id, timeoutMs);
  }

  return {
    cluster,
    admin,
    /** A Redis client on the run's Redis (the run's keys are under `cluster.prefix`). */
    redis,
    instance: (i: number) => cluster.instances[i]!,
    nextId,
    createRoom,
    hostToken,
    hostOn: async (plenum: Plenum, roomId: string) => enter(plenum, await hostToken(plenum, roomId)),
    guestGrant,
    open,
    enter,
    ask,
    async dispose() {
      for (const socket of sockets) socket.socket.terminate();
      redis.disconnect();
      await cluster.dispose();
    },
  };
}

export type RoomCluster = Awaited<ReturnType<typeof startRoomCluster>>;
