import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { buildEvent, joinLink, linkToken } from '../events/testing.js';
import { hashToken } from '../shared/secrets.js';
import { testRedisUrl, type TestCluster } from '../testing/cluster.js';
import { startRoomCluster, type RoomCluster } from '../testing/room-cluster.js';
import { dialects } from '../testing/stores.js';
import { until } from '../testing/until.js';

const skip = dialects.includes('postgres') ? false : 'cluster mode runs on PostgreSQL only (TEST_DIALECTS leaves it out)';

/**
 * Webinar attendees on any instance (#17 item 4): their sockets stay on the instance they
 * reached, the owner carries out their intents over Redis and sends each broadcast once per
 * instance. Two instances in cluster mode on one PostgreSQL schema and one Redis prefix,
 * sockets opened on each directly (as nginx would spread them).
 */
describe('webinar attendees connected to an instance that does not own the room', { skip }, () => {
  let rooms: RoomCluster;
  let cluster: TestCluster;
  let admin: string;
  const [a, b] = [() => rooms.instance(0), () => rooms.instance(1)];

  before(async () => {
    rooms = await startRoomCluster(2);
    ({ cluster, admin } = rooms);
  });
  after(() => rooms?.dispose());

  const createWebinar = (title: string) => rooms.createRoom(title, 'webinar');

  it('lets attendees on B in, carries their question and chat to the host on A and the host’s chat to them', async () => {
    const webinar = await createWebinar('Remote attendees');
    const host = await rooms.hostOn(a(), webinar.id);
    const grant = await rooms.guestGrant(b(), webinar, 'Anna Attendee');
    assert.match(
      grant.socketPath,
      /^\/api\/rooms\/socket\?room=[0-9a-f-]+&seat=[0-9a-f]{12}$/,
      'an attendee’s socket has a seat of its own',
    );
    const anna = await rooms.enter(b(), grant.joinToken);
    assert.equal(anna.self.role, 'attendee');
    assert.equal(anna.self.displayName, 'Anna Attendee');
    const bert = await rooms.enter(b(), (await rooms.guestGrant(b(), webinar, 'Bert Attendee')).joinToken);
    await host.client.roster((list) => list.some((p) => p.displayName === 'Bert Attendee'));
    await anna.client.roster((_list, attendees) => attendees === 2);

    const asked = await rooms.ask(anna.client, { type: 'qa.ask', text: 'Will the slides be shared?', anonymous: false });
    assert.equal(asked.type, 'result', JSON.stringify(asked));
    const question = await host.client.next((m) => m.type === 'qa.question' && JSON.stringify(m).includes('slides be shared'));
    assert.match(JSON.stringify(question), /Anna Attendee/, 'the host sees who asked');

    const hostSaid = await rooms.ask(host.client, { type: 'chat.send', text: 'Welcome, everyone' });
    assert.equal(hostSaid.type, 'result');
    for (const attendee of [anna, bert])
      await attendee.client.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes('Welcome, everyone'));

    const annaSaid = await rooms.ask(anna.client, { type: 'chat.send', text: 'Thanks!' });
    assert.equal(annaSaid.type, 'result', JSON.stringify(annaSaid));
    await host.client.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes('Thanks!'));

    // Refusals come back with the intent's id, worded where the socket is.
    const refused = await rooms.ask(anna.client, { type: 'webinar.goLive' });
    assert.equal(refused.code, 'ERR_FORBIDDEN');
    const invalid = await rooms.ask(anna.client, { type: 'chat.send', text: 'x', unknown: true });
    assert.equal(invalid.code, 'ERR_VALIDATION');

    // Leaving ends their place at the owner.
    bert.client.send({ type: 'leave', id: rooms.nextId() });
    assert.equal(await bert.client.closed(), 1000);
    await host.client.roster((list) => !list.some((p) => p.displayName === 'Bert Attendee'));
    anna.client.socket.close();
    host.client.socket.close();
  });

  it('sends a broadcast to all of B’s attendees in one message over Redis, encoded once', async () => {
    const webinar = await createWebinar('One message per instance');
    const host = await rooms.hostOn(a(), webinar.id);
    const attendees = [];
    for (let i = 0; i < 30; i++)
      attendees.push(await rooms.enter(b(), (await rooms.guestGrant(b(), webinar, `Viewer ${i + 1}`)).joinToken));
    await host.client.roster((list) => list.length === 31, 10_000);
    // Listen on B's channel as B does: every frame the owner sends there.
    const listener = new Redis(testRedisUrl);
    const frames: { header: Record<string, unknown>; body: string }[] = [];
    await listener.subscribe(`${cluster.prefix}bus:instance-b`);
    listener.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
      for (let offset = 0; offset < payload.length;) {
        const headerLength = payload.readUInt32BE(offset);
        const header = JSON.parse(payload.toString('utf8', offset + 4, offset + 4 + headerLength)) as Record<string, unknown>;
        offset += 4 + headerLength;
        const bodyLength = payload.readUInt32BE(offset);
        frames.push({ header, body: payload.toString('utf8', offset + 4, offset + 4 + bodyLength) });
        offset += 4 + bodyLength;
      }
    });
    try {
      await rooms.ask(host.client, { type: 'chat.send', text: 'One frame for thirty' });
      for (const attendee of attendees)
        await attendee.client.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes('thirty'));
      const carrying = frames.filter((frame) => frame.body.includes('One frame for thirty'));
      assert.equal(carrying.length, 1, 'one frame carries the message to all thirty');
      assert.equal(carrying[0]!.header.kind, 'push');
      assert.equal((carrying[0]!.header.to as string[]).length, 30, 'naming each of the thirty');
    } finally {
      listener.disconnect();
      for (const attendee of attendees) attendee.client.socket.close();
      host.client.socket.close();
    }
  });

  it('gives each of many attendees arriving on B at once their own welcome, and nobody another’s', async () => {
    const webinar = await createWebinar('Arriving together');
    const host = await rooms.hostOn(a(), webinar.id);
    const names = Array.from({ length: 12 }, (_, i) => `Guest ${i + 1}`);
    const grants = await Promise.all(names.map((name) => rooms.guestGrant(b(), webinar, name)));
    const clients = await Promise.all(names.map(() => rooms.open(b())));
    // One after another, a few milliseconds apart: each arrives while the one before is still being let in.
    for (const [i, client] of clients.entries()) {
      client.send({ type: 'hello', id: 1, token: grants[i]!.joinToken });
      await new Promise((resolve) => setTimeout(resolve, 15 * (i % 4)));
    }
    for (const [i, client] of clients.entries()) {
      await client.next((m) => m.id === 1, 8_000);
      const welcomes = client.messages.filter((m) => m.type === 'welcome');
      assert.deepEqual(
        welcomes.map((w) => (w.self as { displayName: string }).displayName),
        [names[i]],
        'exactly one welcome, their own',
      );
    }
    for (const client of clients) client.socket.close();
    host.client.socket.close();
  });

  it('ends the webinar for attendees on B, and the owner forgets them (no heartbeat to B afterwards)', async () => {
    const webinar = await createWebinar('Ends with attendees elsewhere');
    const host = await rooms.hostOn(a(), webinar.id);
    const ulla = await rooms.enter(b(), (await rooms.guestGrant(b(), webinar, 'Ulla Until-the-end')).joinToken);
    host.client.send({ type: 'end', id: rooms.nextId() });
    await ulla.client.next((m) => m.type === 'ended');
    assert.equal(await ulla.client.closed(), 4001);
    const listener = new Redis(testRedisUrl);
    const heartbeats: string[] = [];
    try {
      await listener.subscribe(`${cluster.prefix}bus:instance-b`);
      listener.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
        if (payload.includes('"heartbeat"')) heartbeats.push(payload.toString());
      });
      // The owner's heartbeat goes every 5 s to each instance it still holds attendees of.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      assert.deepEqual(heartbeats, [], 'the owner holds no connection of B’s any more');
    } finally {
      listener.disconnect();
    }
  });

  it('sends no join token over Redis: the owner is asked with its hash', async () => {
    const webinar = await createWebinar('Hashed');
    const host = await rooms.hostOn(a(), webinar.id);
    const grant = await rooms.guestGrant(b(), webinar, 'Hanna Hashed');
    const listener = new Redis(testRedisUrl);
    const seen: string[] = [];
    try {
      await listener.psubscribe(`${cluster.prefix}bus*`);
      listener.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, payload: Buffer) => void seen.push(payload.toString('latin1')));
      const hanna = await rooms.enter(b(), grant.joinToken);
      await rooms.ask(hanna.client, { type: 'chat.send', text: 'hashed hello' });
      assert.ok(
        seen.some((frame) => frame.includes(hashToken(grant.joinToken))),
        'the attend named the token’s hash',
      );
      assert.ok(!seen.some((frame) => frame.includes(grant.joinToken)), 'the token itself crossed no channel');
      hanna.client.socket.close();
    } finally {
      listener.disconnect();
      host.client.socket.close();
    }
  });

  it('tells the attendee in their language when the owner does not answer, and lets them in once it does', async () => {
    const webinar = await createWebinar('Stalled owner');
    const host = await rooms.hostOn(a(), webinar.id);
    const grant = await rooms.guestGrant(b(), webinar, 'Paula Patient');
    // A stalled owner: its lease stands, but nothing answers on its channel (something listens, so it is not "gone").
    const redis = new Redis(testRedisUrl);
    const stalled = new Redis(testRedisUrl);
    const leaseKey = `${cluster.prefix}room:${webinar.id}:lease`;
    const lease = await redis.get(leaseKey);
    assert.ok(lease?.startsWith('instance-a#'), `A owns the room (${lease})`);
    try {
      await stalled.subscribe(`${cluster.prefix}bus:instance-z`);
      await redis.set(leaseKey, 'instance-z#0 999', 'PX', 60_000);
      const paula = await rooms.open(b(), 'de');
      paula.send({ type: 'hello', id: 1, token: grant.joinToken });
      const refused = await paula.next((m) => m.id === 1, 15_000);
      assert.equal(refused.code, 'ERR_ROOM_NO_ANSWER');
      assert.match(String(refused.message), /nicht rechtzeitig geantwortet/);
    } finally {
      await redis.set(leaseKey, lease!, 'PX', 10_000);
      stalled.disconnect();
      redis.disconnect();
    }
    const paula = await rooms.enter(b(), grant.joinToken, 'de');
    assert.equal(paula.self.displayName, 'Paula Patient');
    paula.client.socket.close();
    host.client.socket.close();
  });

  it('takes a panelist out of the room on A when the host withdraws the invitation on B', async () => {
    const event = (
      await a().app.inject({ method: 'POST', url: '/api/events', payload: buildEvent({ language: 'en' }), headers: { cookie: admin } })
    ).json<{ id: string }>();
    const invited = await a().app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/panelists`,
      payload: { name: 'Rita Remote', email: 'rita@example.org' },
      headers: { cookie: admin },
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const token = await linkToken(a(), 'rita@example.org', joinLink);
    const grant = await a().app.inject({ method: 'POST', url: '/api/join/link', payload: { token } });
    const rita = await rooms.enter(a(), grant.json<{ joinToken: string }>().joinToken);
    assert.equal(rita.self.role, 'panelist');
    const withdrawn = await b().app.inject({
      method: 'DELETE',
      url: `/api/events/${event.id}/panelists/${invited.json<{ id: string }>().id}`,
      headers: { cookie: admin },
    });
    assert.equal(withdrawn.statusCode, 204, withdrawn.body);
    const removed = await rita.client.next((m) => m.type === 'moderation.removed');
    assert.equal(removed.reason, 'panelistWithdrawn', 'told why by the owner, though withdrawn on another instance');
    assert.equal(await rita.client.closed(), 4003);
  });

  it('does not carry out what a removed attendee sends after being put out, even if their browser never answers the close', async () => {
    const webinar = await createWebinar('Removed stays out');
    const host = await rooms.hostOn(a(), webinar.id);
    const mallory = await rooms.enter(b(), (await rooms.guestGrant(b(), webinar, 'Mallory Remote')).joinToken);
    // Olga is seated from B too: her message after Mallory's takes the same way to the owner, in order.
    const olga = await rooms.enter(b(), (await rooms.guestGrant(b(), webinar, 'Olga Onlooker')).joinToken);
    await host.client.roster((list) => list.some((p) => p.id === mallory.self.id) && list.some((p) => p.id === olga.self.id));
    // The browser does not answer the server's close: its socket stays half open for ws's close timeout.
    mallory.client.socket.close = () => undefined;
    const removed = await rooms.ask(host.client, { type: 'moderation.remove', participantId: mallory.self.id });
    assert.equal(removed.type, 'result', JSON.stringify(removed));
    await mallory.client.next((m) => m.type === 'moderation.removed');
    mallory.client.socket.send(JSON.stringify({ type: 'chat.send', id: rooms.nextId(), text: 'still here after removal' }));
    mallory.client.socket.send(JSON.stringify({ type: 'qa.ask', id: rooms.nextId(), text: 'a question after removal?', anonymous: false }));
    await new Promise((resolve) => setTimeout(resolve, 100)); // B has read Mallory's frames before Olga's
    const marker = await rooms.ask(olga.client, { type: 'chat.send', text: 'olga marker' });
    assert.equal(marker.type, 'result', JSON.stringify(marker));
    await host.client.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes('olga marker'));
    const leaked = host.client.messages.filter((m) => JSON.stringify(m).includes('after removal'));
    assert.deepEqual(leaked, [], 'nothing of the removed attendee reached the room');
    mallory.client.socket.terminate();
    olga.client.socket.close();
    host.client.socket.close();
  });

  it('does the same for a removed attendee connected to the owner itself', async () => {
    const webinar = await createWebinar('Removed stays out, local');
    const host = await rooms.hostOn(a(), webinar.id);
    const mallory = await rooms.enter(a(), (await rooms.guestGrant(b(), webinar, 'Mallory Local')).joinToken);
    await host.client.roster((list) => list.some((p) => p.id === mallory.self.id));
    mallory.client.socket.close = () => undefined;
    await rooms.ask(host.client, { type: 'moderation.remove', participantId: mallory.self.id });
    await mallory.client.next((m) => m.type === 'moderation.removed');
    mallory.client.socket.send(JSON.stringify({ type: 'chat.send', id: rooms.nextId(), text: 'local after removal' }));
    await rooms.ask(host.client, { type: 'chat.send', text: 'local host marker' });
    await host.client.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes('local host marker'));
    assert.deepEqual(
      host.client.messages.filter((m) => JSON.stringify(m).includes('after removal')),
      [],
      'nothing of the removed attendee reached the room',
    );
    mallory.client.socket.terminate();
    host.client.socket.close();
  });

  it('closes the socket of an attendee who leaves and sends more: they do not come back in', async () => {
    const webinar = await createWebinar('Leave means leave');
    const host = await rooms.hostOn(a(), webinar.id);
    const lena = await rooms.enter(b(), (await rooms.guestGrant(b(), webinar, 'Lena Leaving')).joinToken);
    await host.client.roster((list) => list.some((p) => p.id === lena.self.id));
    const welcomes = () => lena.client.messages.filter((m) => m.type === 'welcome').length;
    // Leave, and in the same breath another intent (a browser's queued messages).
    lena.client.send({ type: 'leave', id: rooms.nextId() });
    lena.client.send({ type: 'chat.send', id: rooms.nextId(), text: 'after leaving' });
    assert.equal(await lena.client.closed(8_000), 1000, 'the socket closes as after a leave');
    assert.equal(welcomes(), 1, 'no second welcome: not seated again');
    await host.client.roster((list) => !list.some((p) => p.id === lena.self.id));
    host.client.socket.close();
  });

  it('relays only a bounded number of one attendee’s intents at a time: a burst of large ones is refused on B, not piled into Redis', async () => {
    const webinar = await createWebinar('Burst of large intents');
    const host = await rooms.hostOn(a(), webinar.id);
    const fred = await rooms.enter(b(), (await rooms.guestGrant(b(), webinar, 'Fred Flood')).joinToken);
    await host.client.roster((list) => list.some((p) => p.id === fred.self.id));
    // Every intent B relays to A, as A receives it.
    const listener = new Redis(testRedisUrl);
    let relayed = 0;
    await listener.subscribe(`${cluster.prefix}bus:instance-a`);
    listener.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
      for (let offset = 0; offset < payload.length;) {
        const headerLength = payload.readUInt32BE(offset);
        const header = payload.toString('utf8', offset + 4, offset + 4 + headerLength);
        if (header.includes('"kind":"intent"') && header.includes('"type":"publish"')) relayed++;
        offset += 4 + headerLength;
        offset += 4 + payload.readUInt32BE(offset);
      }
    });
    try {
      // 100 offers of ~100 kB in one burst (below the socket's flood limit): about 10 MB if all were relayed.
      const offer = { type: 'offer', sdp: `v=0\r\n${'a'.repeat(99_000)}` };
      const ids = Array.from({ length: 100 }, () => rooms.nextId());
      for (const id of ids) fred.client.send({ type: 'publish', id, kind: 'camera', offer });
      const answers = await Promise.all(ids.map((id) => fred.client.next((m) => m.id === id, 15_000)));
      const refusedOnB = answers.filter((m) => m.code === 'ERR_RATE_LIMITED').length;
      assert.ok(refusedOnB > 0, 'B refused part of the burst itself');
      await until(() => relayed === 100 - refusedOnB, { timeoutMs: 5_000, what: 'the relayed intents counted at A' });
      assert.equal(fred.client.closeCode, undefined, 'the socket stays open');
    } finally {
      listener.disconnect();
      fred.client.socket.close();
      host.client.socket.close();
    }
  });

  it('keeps attendees’ sockets open when the owner goes: they get a new welcome and watch again', async () => {
    const webinar = await createWebinar('Owner goes');
    const host = await rooms.hostOn(b(), webinar.id);
    const grant = await rooms.guestGrant(a(), webinar, 'Otto Onward');
    const otto = await rooms.enter(a(), grant.joinToken);
    await host.client.roster((list) => list.some((p) => p.displayName === 'Otto Onward'));
    const welcomes = () => otto.client.messages.filter((m) => m.type === 'welcome').length;
    // B stops (a restart): its rooms are handed over, its browsers told to come back (1012).
    await b().close();
    assert.equal(await host.client.closed(), 1012);
    await until(() => welcomes() >= 2, { timeoutMs: 15_000, what: 'a second welcome on the same socket' });
    await otto.client.next((m) => m.type === 'media.reset');
    assert.equal(otto.client.closeCode, undefined, 'the attendee’s socket stayed open');
    // A took the room; the attendee goes on there.
    const said = await rooms.ask(otto.client, { type: 'chat.send', text: 'Still here' });
    assert.equal(said.type, 'result', JSON.stringify(said));
    const lease = await new Redis(testRedisUrl).get(`${cluster.prefix}room:${webinar.id}:lease`);
    assert.ok(lease?.startsWith('instance-a#'), `A owns the room now (${lease})`);
  });
});
