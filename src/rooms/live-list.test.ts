import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { testRedisUrl, type TestCluster } from '../testing/cluster.js';
import { startRoomCluster, type RoomCluster } from '../testing/room-cluster.js';
import type { RoomSocketClient as Client } from '../testing/room-socket.js';
import { dialects } from '../testing/stores.js';
import { until } from '../testing/until.js';
import type { Plenum } from '../plenum.js';

const skip = dialects.includes('postgres') ? false : 'cluster mode runs on PostgreSQL only (TEST_DIALECTS leaves it out)';

interface Listed {
  id: string;
  live: boolean;
  participants: number;
}

/**
 * The meetings list and a meeting's detail on an instance that does not own the live room
 * (#17): live while another instance holds the room's lease, with the count its owner keeps in
 * the room's shared state; one Redis round trip for a whole list. Three instances in cluster
 * mode on one PostgreSQL schema and one Redis prefix; sockets opened on each directly.
 */
describe('meetings live on another instance', { skip }, () => {
  let rooms: RoomCluster;
  let cluster: TestCluster;
  let admin: string;
  const [a, b, c] = [() => rooms.instance(0), () => rooms.instance(1), () => rooms.instance(2)];

  before(async () => {
    rooms = await startRoomCluster(3);
    ({ cluster, admin } = rooms);
  });
  after(() => rooms?.dispose());

  /** Who holds the room's lease (room-lease.ts), as Redis has it. */
  const leaseOf = (roomId: string) => rooms.redis.get(`${cluster.prefix}room:${roomId}:lease`);
  const guestToken = async (plenum: Plenum, room: { meetingNumber: string; passcode: string }, displayName: string) =>
    (await rooms.guestGrant(plenum, room, displayName)).joinToken;

  async function leave(client: Client) {
    client.send({ type: 'leave', id: rooms.nextId() });
    assert.equal(await client.closed(), 1000);
  }

  async function listed(plenum: Plenum, roomId: string): Promise<Listed> {
    const response = await plenum.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie: admin } });
    assert.equal(response.statusCode, 200, response.body);
    const meeting = response.json<{ meetings: Listed[] }>().meetings.find((m) => m.id === roomId);
    assert.ok(meeting, 'the meeting is listed');
    return { id: meeting.id, live: meeting.live, participants: meeting.participants };
  }

  async function detail(plenum: Plenum, roomId: string): Promise<Listed> {
    const response = await plenum.app.inject({ method: 'GET', url: `/api/meetings/${roomId}`, headers: { cookie: admin } });
    assert.equal(response.statusCode, 200, response.body);
    const meeting = response.json<Listed>();
    return { id: meeting.id, live: meeting.live, participants: meeting.participants };
  }

  /** Waits until the list on `plenum` shows the room so (the owner writes its count as people come and go). */
  const shows = (plenum: Plenum, roomId: string, live: boolean, participants: number) =>
    until(
      async () => {
        const seen = await listed(plenum, roomId);
        return seen.live === live && seen.participants === participants;
      },
      { what: `list shows live=${live} participants=${participants}` },
    );

  it('shows a meeting owned by A as live with its count on B, in the list and the detail, and not live once everyone left', async () => {
    const meeting = await rooms.createRoom('Owned by A');
    assert.deepEqual(await listed(b(), meeting.id), { id: meeting.id, live: false, participants: 0 });

    const host = await rooms.enter(a(), await rooms.hostToken(a(), meeting.id));
    const guests = [];
    for (const name of ['Gina Guest', 'Gus Guest']) guests.push(await rooms.enter(a(), await guestToken(b(), meeting, name)));
    assert.match((await leaseOf(meeting.id)) ?? '', /^instance-a#/);

    await shows(b(), meeting.id, true, 3);
    assert.deepEqual(await detail(b(), meeting.id), { id: meeting.id, live: true, participants: 3 });
    assert.deepEqual(await listed(a(), meeting.id), { id: meeting.id, live: true, participants: 3 }, 'the owner answers alike');

    await leave(guests[0]!.client);
    await shows(b(), meeting.id, true, 2);
    await leave(guests[1]!.client);
    await leave(host.client);
    await shows(b(), meeting.id, false, 0);
    assert.deepEqual(await detail(b(), meeting.id), { id: meeting.id, live: false, participants: 0 });
    assert.equal(await leaseOf(meeting.id), null, 'the lease went with the last one out');
  });

  it('counts webinar attendees seated from other instances', async () => {
    const webinar = await rooms.createRoom('Attendees everywhere', 'webinar');
    const host = await rooms.enter(a(), await rooms.hostToken(a(), webinar.id));
    const attendees = [];
    for (const [plenum, name] of [
      [b(), 'Anna Attendee'],
      [b(), 'Bert Attendee'],
      [c(), 'Cleo Attendee'],
      [a(), 'Dora Attendee'],
    ] as const)
      attendees.push(await rooms.enter(plenum, await guestToken(plenum, webinar, name)));
    await host.client.roster((_list, count) => count === 4);

    for (const plenum of [a(), b(), c()]) await shows(plenum, webinar.id, true, 5);
    await leave(attendees[0]!.client);
    await shows(b(), webinar.id, true, 4);
    for (const { client } of [...attendees.slice(1), host]) await leave(client);
    await shows(c(), webinar.id, false, 0);
  });

  it('lists fifty meetings with one round trip to Redis, whichever instance owns the live ones', async () => {
    const fifty = [];
    for (let i = 0; i < 50; i++) fifty.push(await rooms.createRoom(`Meeting ${i}`));
    const live = fifty[7]!;
    const host = await rooms.enter(a(), await rooms.hostToken(a(), live.id));
    await shows(b(), live.id, true, 1);

    const monitor = await new Redis(testRedisUrl).monitor();
    const ids = fifty.map((room) => room.id);
    const sent: string[][] = [];
    const inScripts: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (!args.some((arg) => ids.some((id) => arg.includes(id)))) return;
      (source === 'lua' ? inScripts : sent).push(args);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // MONITOR sees what is sent after it started
      const response = await b().app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie: admin } });
      assert.equal(response.statusCode, 200);
      const meetings = response.json<{ meetings: Listed[] }>().meetings.filter((m) => ids.includes(m.id));
      assert.equal(meetings.length, 50);
      assert.deepEqual(
        meetings.filter((m) => m.live).map((m) => [m.id, m.participants]),
        [[live.id, 1]],
      );
      await until(() => inScripts.length >= 100, { what: 'MONITOR shows the script’s reads' });
    } finally {
      monitor.disconnect();
    }
    // Lease renewals of the live room by A are sent too; everything else about these rooms is one command.
    const listing = sent.filter((args) => !args.includes(`${cluster.prefix}room:${live.id}:lease`) || args.length > 10);
    assert.equal(listing.length, 1, `one command for the list: ${listing.map((args) => args[0]).join(', ')}`);
    assert.equal(listing[0]![0]!.toLowerCase(), 'eval');
    for (const id of ids) assert.ok(listing[0]!.includes(`${cluster.prefix}room:${id}:lease`), 'every room’s lease is asked for');
    assert.equal(inScripts.filter((args) => args[0]!.toLowerCase() === 'get').length, 50, 'one lease read per room, inside the script');
    await leave(host.client);
  });

  it('counts who came back after the owner went, not who the previous owner had', async () => {
    const meeting = await rooms.createRoom('Taken over');
    const host = await rooms.enter(a(), await rooms.hostToken(a(), meeting.id));
    const guests = [];
    for (const name of ['Hugo Guest', 'Ida Guest']) guests.push(await rooms.enter(a(), await guestToken(a(), meeting, name)));
    await shows(b(), meeting.id, true, 3);

    // A restarts: it hands the room over (the shared state stays), and two of the three come back through C.
    await a().close();
    const back = [await rooms.enter(c(), host.token), await rooms.enter(c(), guests[0]!.token)];
    assert.match((await leaseOf(meeting.id)) ?? '', /^instance-c#/);
    await shows(b(), meeting.id, true, 2);
    for (const { client } of back) await leave(client);
    await shows(b(), meeting.id, false, 0);
  });
});
