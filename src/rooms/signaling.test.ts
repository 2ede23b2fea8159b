import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import WebSocket from 'ws';
import { RoomSocketClient as Client } from '../testing/room-socket.js';

describe('room signaling', () => {
  let plenum: TestPlenum;
  let url: string;
  let origin: string;
  let admin: string;
  let meeting: { id: string; meetingNumber: string; passcode: string };
  /** Where the tests of bad clients join, so that the meeting above holds only Anna and the host. */
  let scratch: typeof meeting;

  before(async () => {
    plenum = await startTestPlenum('sqlite', { PORT: '0' });
    const address = await plenum.listen();
    url = `${address.replace('http', 'ws')}/api/rooms/socket`;
    origin = address;
    admin = await setUpAdmin(plenum);
    meeting = (
      await plenum.app.inject({
        method: 'POST',
        url: '/api/meetings',
        payload: { title: 'Signaling', lobby: 'off' },
        headers: { cookie: admin },
      })
    ).json();
    scratch = (
      await plenum.app.inject({
        method: 'POST',
        url: '/api/meetings',
        payload: { title: 'Scratch', lobby: 'off' },
        headers: { cookie: admin },
      })
    ).json();
  });
  after(() => plenum.dispose());

  async function joinToken(displayName: string, into = scratch): Promise<string> {
    const response = await plenum.app.inject({
      method: 'POST',
      url: '/api/join',
      payload: { meetingNumber: into.meetingNumber, passcode: into.passcode, displayName },
    });
    return response.json().joinToken;
  }

  it('refuses a WebSocket without Plenum’s own Origin', async () => {
    await assert.rejects(Client.open(url, {}), /HTTP 403/);
    await assert.rejects(Client.open(url, { origin: 'https://evil.example' }), /HTTP 403/);
  });

  it('takes no permessage-deflate a browser offers: room frames are small and encoded once for all sockets', async () => {
    const socket = new WebSocket(url, { headers: { origin }, perMessageDeflate: true });
    await once(socket, 'open');
    assert.equal(socket.extensions, '');
    socket.close();
  });

  /** A socket that said hello with a fresh participant's join token. */
  async function greeted(name: string): Promise<Client> {
    const client = await Client.open(url, { origin, 'accept-language': 'de' });
    client.send({ type: 'hello', id: 0, token: await joinToken(name) });
    assert.equal((await client.reply(0)).type, 'result');
    return client;
  }

  const closed = (client: Client) => client.closed(8_000);

  it('before hello takes exactly one message: anything but a good hello is answered with a translated error and the socket closed', async () => {
    const firstMessages: [unknown, string][] = [
      ['{not json', 'ERR_MALFORMED_JSON'],
      [{ type: 'audio.mute', id: 1, muted: true }, 'ERR_JOIN_SESSION_INVALID'],
      [{ type: 'hello', id: 1, token: 'forged' }, 'ERR_JOIN_SESSION_INVALID'],
      [{ type: 'hello', id: 1, token: await joinToken('Anna'), admin: true }, 'ERR_VALIDATION'],
    ];
    for (const [message, code] of firstMessages) {
      const client = await Client.open(url, { origin, 'accept-language': 'de' });
      client.send(message);
      const error = await client.next((m) => m.type === 'error');
      assert.equal(error.code, code);
      if (code === 'ERR_JOIN_SESSION_INVALID') assert.match(error.message!, /abgelaufen|ungültig/);
      assert.equal(await closed(client), 4401);
    }
    const eager = await Client.open(url, { origin });
    eager.send({ type: 'hello', id: 1, token: await joinToken('Eager') });
    eager.send({ type: 'audio.mute', id: 2, muted: true });
    assert.equal(await closed(eager), 4429, 'a second message before hello is answered is one too many');
  });

  it('before hello refuses a large message at the frame (1009) and more than 20 sockets from one address, and closes silent sockets after a few seconds', async () => {
    const large = await Client.open(url, { origin });
    large.send({ type: 'hello', id: 1, token: 'x'.repeat(4_000) });
    assert.equal(await closed(large), 1009);

    const silent = await Promise.all(Array.from({ length: 20 }, () => Client.open(url, { origin })));
    const extra = await Client.open(url, { origin });
    assert.equal(await closed(extra), 4429);
    const later = await Promise.all(silent.map((client) => closed(client)));
    assert.deepEqual([...new Set(later)], [4401], 'no hello within the time: closed');
    const afterwards = await greeted('Afterwards');
    assert.equal(afterwards.closeCode, undefined, 'closed sockets no longer count');
    afterwards.socket.close();
  });

  it('after hello answers bad messages with translated errors and keeps the connection; an offer-sized message passes', async () => {
    const client = await greeted('Bea');
    client.send('{not json');
    assert.equal((await client.next((m) => m.code === 'ERR_MALFORMED_JSON')).type, 'error');
    client.send({ type: 'teleport', id: 3 });
    assert.equal((await client.reply(3)).code, 'ERR_VALIDATION');
    client.send({ type: 'hello', id: 4, token: await joinToken('Bea again') });
    assert.equal((await client.reply(4)).code, 'ERR_VALIDATION', 'one hello per socket');
    client.send({ type: 'audio.join', id: 5, muted: true, offer: { type: 'offer', sdp: `v=0\r\n${'a=x\r\n'.repeat(15_000)}` } });
    assert.equal((await client.reply(5)).code, 'ERR_MEDIA_UNAVAILABLE', 'a 90 kB offer is read after hello (JANUS_MODE=off here)');
    assert.equal(client.closeCode, undefined);
    client.socket.close();
  });

  it('closes a connection that floods the room with messages', async () => {
    const client = await greeted('Flood');
    for (let i = 0; i < 400; i++) client.send({ type: 'audio.mute', id: i + 1, muted: true });
    assert.equal(await closed(client), 4429);
  });

  it('lets participants in, shows them to each other and checks every intent', async () => {
    const anna = await Client.open(url, { origin });
    anna.send({ type: 'hello', id: 1, token: await joinToken('Anna', meeting) });
    assert.equal((await anna.reply(1)).type, 'result');
    const welcome = await anna.next((m) => m.type === 'welcome');
    const annaId = (welcome.self as { id: string }).id;
    assert.deepEqual(welcome.self, {
      id: annaId,
      displayName: 'Anna',
      role: 'participant',
      muted: true,
      camera: null,
      screen: null,
      talking: false,
      connected: true,
    });

    const host = await Client.open(url, { origin });
    const hostToken = (
      await plenum.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/host-join`, headers: { cookie: admin } })
    ).json().joinToken;
    host.send({ type: 'hello', id: 1, token: hostToken });
    await host.reply(1);
    const seen = await anna.roster((list) => list.length === 2);
    assert.deepEqual(seen.map((p) => [p.displayName, p.role]).sort(), [
      ['Ada Admin', 'host'],
      ['Anna', 'participant'],
    ]);

    anna.send({ type: 'video.show', id: 2, videos: Array.from({ length: 17 }, (_, i) => ({ participantId: `p${i}`, kind: 'camera' })) });
    assert.equal((await anna.reply(2)).code, 'ERR_VALIDATION', 'a stage never asks for more than 16 videos at once');
    anna.send({ type: 'end', id: 3 });
    assert.equal((await anna.reply(3)).code, 'ERR_FORBIDDEN', 'only the host ends the meeting');
    anna.send({ type: 'audio.join', id: 4, muted: true, offer: { type: 'offer', sdp: 'v=0' } });
    assert.equal((await anna.reply(4)).code, 'ERR_MEDIA_UNAVAILABLE', 'JANUS_MODE=off in this test');

    host.send({ type: 'end', id: 2 });
    await anna.next((m) => m.type === 'ended');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(anna.closeCode, 4001);
    const again = await plenum.app.inject({
      method: 'POST',
      url: '/api/join',
      payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: 'Late' },
    });
    assert.equal(again.json().error.code, 'ERR_MEETING_ENDED');

    const attendance = (
      await plenum.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}/attendance`, headers: { cookie: admin } })
    ).json().attendance;
    assert.deepEqual(attendance.map((a: { displayName: string }) => a.displayName).sort(), ['Ada Admin', 'Anna']);
    assert.ok(attendance.every((a: { leftAt: string | null }) => a.leftAt));
  });

  it('closes the connection of a browser that stops reading, rather than keeping every push for it', async () => {
    const slow = await greeted('Slow Reader');
    // A chat history of 60 messages of 2,000 characters (10 per person within the chat's limit): each answer to chat.history carries ≈120 kB.
    const talkers = await Promise.all(['Tara', 'Tom', 'Till', 'Tina', 'Theo', 'Tilda'].map((name) => greeted(name)));
    for (const talker of talkers) {
      for (let i = 0; i < 10; i++) talker.send({ type: 'chat.send', id: 100 + i, text: `${i}`.repeat(2_000) });
      assert.equal((await talker.reply(109)).type, 'result');
    }
    const tcp = (slow.socket as unknown as { _socket: Socket })._socket;
    tcp.pause(); // reads nothing from now on
    const asked = 250; // ≈ 30 MB of answers, within the flood limit
    for (let i = 0; i < asked; i++) slow.send({ type: 'chat.history', id: 1_000 + i });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    tcp.resume();
    const code = await slow.closed(10_000);
    assert.ok(code === 1013 || code === 1006, `closed (${code}): 1013, or cut after it`);
    const answered = slow.messages.filter((m) => typeof m.id === 'number' && m.id >= 1_000).length;
    assert.ok(answered < asked, `${answered} of ${asked} answers sent before the server let the connection go`);
    for (const talker of talkers) talker.socket.close();
  });
});
