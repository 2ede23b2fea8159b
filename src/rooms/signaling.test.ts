import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient as Client } from '../testing/room-socket.js';

describe('room signaling', () => {
  let plenum: TestPlenum;
  let url: string;
  let origin: string;
  let admin: string;
  let meeting: { id: string; meetingNumber: string; passcode: string };

  before(async () => {
    plenum = await startTestPlenum('sqlite', { PORT: '0' });
    const address = await plenum.listen();
    url = `${address.replace('http', 'ws')}/api/rooms/socket`;
    origin = address;
    admin = await setUpAdmin(plenum);
    meeting = (await plenum.app.inject({ method: 'POST', url: '/api/meetings', payload: { title: 'Signaling', lobby: 'off' }, headers: { cookie: admin } })).json();
  });
  after(() => plenum.dispose());

  async function joinToken(displayName: string): Promise<string> {
    const response = await plenum.app.inject({ method: 'POST', url: '/api/join', payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName } });
    return response.json().joinToken;
  }

  it('refuses a WebSocket without Plenum’s own Origin', async () => {
    await assert.rejects(Client.open(url, {}), /HTTP 403/);
    await assert.rejects(Client.open(url, { origin: 'https://evil.example' }), /HTTP 403/);
  });

  it('answers bad messages with translated errors and keeps the connection', async () => {
    const client = await Client.open(url, { origin, 'accept-language': 'de' });
    client.send('{not json');
    assert.equal((await client.next((m) => m.code === 'ERR_MALFORMED_JSON')).type, 'error');
    client.send({ type: 'audio.mute', id: 1, muted: true });
    assert.equal((await client.reply(1)).code, 'ERR_JOIN_SESSION_INVALID');
    client.send({ type: 'hello', id: 2, token: 'forged' });
    const forged = await client.reply(2);
    assert.equal(forged.code, 'ERR_JOIN_SESSION_INVALID');
    assert.match(forged.message!, /abgelaufen/);
    client.send({ type: 'teleport', id: 3 });
    assert.equal((await client.reply(3)).code, 'ERR_VALIDATION');
    client.send({ type: 'hello', id: 4, token: await joinToken('Anna'), admin: true });
    assert.equal((await client.reply(4)).code, 'ERR_VALIDATION', 'unknown fields are rejected');
    assert.equal(client.closeCode, undefined);
    client.socket.close();
  });

  it('closes a connection that floods the room with messages', async () => {
    const client = await Client.open(url, { origin });
    for (let i = 0; i < 400; i++) client.send({ type: 'audio.mute', id: i, muted: true });
    const deadline = Date.now() + 3000;
    while (client.closeCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(client.closeCode, 4429);
  });

  it('lets participants in, shows them to each other and checks every intent', async () => {
    const anna = await Client.open(url, { origin });
    anna.send({ type: 'hello', id: 1, token: await joinToken('Anna') });
    assert.equal((await anna.reply(1)).type, 'result');
    const welcome = await anna.next((m) => m.type === 'welcome');
    const annaId = (welcome.self as { id: string }).id;
    assert.deepEqual(welcome.self, { id: annaId, displayName: 'Anna', role: 'participant', muted: true, camera: null, screen: null, talking: false, connected: true });

    const host = await Client.open(url, { origin });
    const hostToken = (await plenum.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/host-join`, headers: { cookie: admin } })).json().joinToken;
    host.send({ type: 'hello', id: 1, token: hostToken });
    await host.reply(1);
    const seen = await anna.next((m) => m.type === 'participants' && (m.participants as unknown[]).length === 2);
    assert.deepEqual((seen.participants as { displayName: string; role: string }[]).map((p) => [p.displayName, p.role]).sort(), [['Ada Admin', 'host'], ['Anna', 'participant']]);

    anna.send({ type: 'subscribe', id: 2, participantId: 'nobody', kind: 'camera' });
    assert.equal((await anna.reply(2)).code, 'ERR_NOT_FOUND', 'only existing publications can be subscribed');
    anna.send({ type: 'end', id: 3 });
    assert.equal((await anna.reply(3)).code, 'ERR_FORBIDDEN', 'only the host ends the meeting');
    anna.send({ type: 'audio.join', id: 4, muted: true, offer: { type: 'offer', sdp: 'v=0' } });
    assert.equal((await anna.reply(4)).code, 'ERR_MEDIA_UNAVAILABLE', 'JANUS_MODE=off in this test');

    host.send({ type: 'end', id: 2 });
    await anna.next((m) => m.type === 'ended');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(anna.closeCode, 4001);
    const again = await plenum.app.inject({ method: 'POST', url: '/api/join', payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: 'Late' } });
    assert.equal(again.json().error.code, 'ERR_MEETING_ENDED');

    const attendance = (await plenum.app.inject({ method: 'GET', url: `/api/meetings/${meeting.id}/attendance`, headers: { cookie: admin } })).json().attendance;
    assert.deepEqual(attendance.map((a: { displayName: string }) => a.displayName).sort(), ['Ada Admin', 'Anna']);
    assert.ok(attendance.every((a: { leftAt: string | null }) => a.leftAt));
  });
});
