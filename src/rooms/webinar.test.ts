import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient as Client, type RoomSocketMessage } from '../testing/room-socket.js';

interface Listed {
  id: string;
  displayName: string;
  role: string;
}

/** Webinar roles over the room's WebSocket (JANUS_MODE=off: the refusals come before any media). */
describe('webinar roles', () => {
  let plenum: TestPlenum;
  let url: string;
  let origin: string;
  let admin: string;
  let webinar: { id: string; meetingNumber: string; passcode: string; kind: string };
  let host: Client;
  let anna: Client;
  let ben: Client;
  let annaId: string;
  let benId: string;
  let nextId = 100;

  before(async () => {
    plenum = await startTestPlenum('sqlite', { PORT: '0' });
    origin = await plenum.listen();
    url = `${origin.replace('http', 'ws')}/api/rooms/socket`;
    admin = await setUpAdmin(plenum);
    webinar = (
      await plenum.app.inject({
        method: 'POST',
        url: '/api/meetings',
        payload: { title: 'Launch webinar', lobby: 'off', kind: 'webinar' },
        headers: { cookie: admin },
      })
    ).json();
  });
  after(() => plenum.dispose());

  async function enter(token: string): Promise<{ client: Client; self: Listed }> {
    const client = await Client.open(url, { origin });
    client.send({ type: 'hello', id: 1, token });
    assert.equal((await client.reply(1)).type, 'result');
    const welcome = await client.next((m) => m.type === 'welcome');
    return { client, self: welcome.self as Listed };
  }

  async function attendee(displayName: string): Promise<{ client: Client; self: Listed }> {
    const response = await plenum.app.inject({
      method: 'POST',
      url: '/api/join',
      payload: { meetingNumber: webinar.meetingNumber, passcode: webinar.passcode, displayName },
    });
    return enter(response.json().joinToken);
  }

  async function ask(client: Client, message: Record<string, unknown>): Promise<RoomSocketMessage> {
    const id = nextId++;
    client.send({ ...message, id });
    return client.reply(id);
  }

  const names = (list: Listed[]) => list.map((p) => `${p.displayName}:${p.role}`).sort();

  it('makes the host the host and everyone else an attendee', async () => {
    assert.equal(webinar.kind, 'webinar');
    const hostToken = (
      await plenum.app.inject({ method: 'POST', url: `/api/meetings/${webinar.id}/host-join`, headers: { cookie: admin } })
    ).json().joinToken;
    host = (await enter(hostToken)).client;
    const a = await attendee('Anna Attendee');
    const b = await attendee('Ben Attendee');
    [anna, ben, annaId, benId] = [a.client, b.client, a.self.id, b.self.id];
    assert.equal(a.self.role, 'attendee');
  });

  it('shows attendees the panel and a count, never each other; the host sees everyone by name', async () => {
    assert.deepEqual(names(await host.roster((list) => list.length === 3)), [
      'Ada Admin:host',
      'Anna Attendee:attendee',
      'Ben Attendee:attendee',
    ]);
    assert.deepEqual(names(await ben.roster((_, attendees) => attendees === 2)), ['Ada Admin:host', 'Ben Attendee:attendee']);
    assert.ok(!JSON.stringify(ben.messages).includes('Anna'), 'no message to Ben names Anna');
  });

  it('refuses an attendee’s forged intents to send or to enter the meeting media', async () => {
    const offer = { type: 'offer', sdp: 'v=0' };
    for (const forged of [
      { type: 'audio.join', offer, muted: false },
      { type: 'publish', kind: 'camera', offer },
      { type: 'video.show', videos: [{ participantId: annaId, kind: 'camera' }] },
      { type: 'video.answer', answer: { type: 'answer', sdp: 'v=0' } },
    ]) {
      const reply = await ask(anna, forged);
      assert.equal(reply.code, 'ERR_WEBINAR_ATTENDEE', `${forged.type} is refused`);
    }
    assert.equal(
      (await ask(anna, { type: 'webinar.promote', participantId: annaId })).code,
      'ERR_FORBIDDEN',
      'attendees do not promote themselves',
    );
    assert.equal((await ask(anna, { type: 'webinar.promote', participantId: annaId, role: 'host' })).code, 'ERR_VALIDATION');
  });

  it('tells everyone it has not started, refuses watching until the host starts it, then tells everyone it is live', async () => {
    const state = await ben.next((m) => m.type === 'webinar.state');
    assert.equal(state.live, false);
    assert.deepEqual(state.details, { organiser: 'Plenum (unconfigured organisation)' }, 'a webinar without an event has no planned times');
    assert.equal((await ask(ben, { type: 'webinar.watch' })).code, 'ERR_WEBINAR_NOT_LIVE');
    assert.equal((await ask(ben, { type: 'webinar.goLive' })).code, 'ERR_FORBIDDEN', 'attendees do not start it');
    const before = ben.messages.length;
    assert.equal((await ask(host, { type: 'webinar.goLive' })).type, 'result');
    await ben.next((m) => ben.messages.indexOf(m) >= before && m.type === 'webinar.state' && m.live === true);
    await anna.next((m) => m.type === 'webinar.state' && m.live === true);
    assert.equal((await ask(ben, { type: 'webinar.watch' })).code, 'ERR_MEDIA_UNAVAILABLE', 'now watching gets as far as the media plane');
  });

  it('asks an invited attendee first: a decline keeps them in the audience and the host learns of it', async () => {
    assert.equal((await ask(anna, { type: 'webinar.reply', accept: true })).code, 'ERR_NOT_FOUND', 'nobody joins the panel uninvited');
    assert.equal((await ask(host, { type: 'webinar.promote', participantId: benId })).type, 'result');
    await ben.next((m) => m.type === 'webinar.invited');
    await host.next((m) => m.type === 'webinar.invitation' && m.participantId === benId && m.state === 'pending');
    assert.ok(!anna.messages.some((m) => m.type === 'webinar.invitation' || m.type === 'webinar.invited'), 'other attendees learn nothing');
    assert.equal((await ask(ben, { type: 'webinar.reply', accept: false })).type, 'result');
    const declined = await host.next((m) => m.type === 'webinar.invitation' && m.participantId === benId && m.state === 'declined');
    assert.equal(declined.displayName, 'Ben Attendee');
    assert.equal((await ask(ben, { type: 'publish', kind: 'camera', offer: { type: 'offer', sdp: 'v=0' } })).code, 'ERR_WEBINAR_ATTENDEE');
    assert.equal(
      (await ask(ben, { type: 'webinar.reply', accept: true })).code,
      'ERR_NOT_FOUND',
      'a declined invitation cannot be accepted later',
    );
  });

  it('lets the host withdraw an invitation that was not answered', async () => {
    assert.equal((await ask(host, { type: 'webinar.promote', participantId: benId })).type, 'result');
    assert.equal((await ask(host, { type: 'webinar.demote', participantId: benId })).type, 'result');
    await ben.next((m) => m.type === 'webinar.uninvited');
    await host.next((m) => m.type === 'webinar.invitation' && m.participantId === benId && m.state === 'withdrawn');
    assert.equal((await ask(ben, { type: 'webinar.reply', accept: true })).code, 'ERR_NOT_FOUND');
  });

  it('lets the host promote an attendee onto the panel once they accept, and demote them again', async () => {
    assert.equal((await ask(host, { type: 'webinar.promote', participantId: annaId })).type, 'result');
    assert.equal((await ask(anna, { type: 'webinar.reply', accept: true })).type, 'result');
    await host.next((m) => m.type === 'webinar.invitation' && m.participantId === annaId && m.state === 'accepted');
    await anna.roster((list) => list.some((p) => p.id === annaId && p.role === 'panelist'));
    await ben.roster((list) => list.some((p) => p.displayName === 'Anna Attendee' && p.role === 'panelist'));
    const panelistTries = await ask(anna, { type: 'audio.join', offer: { type: 'offer', sdp: 'v=0' }, muted: true });
    assert.equal(panelistTries.code, 'ERR_MEDIA_UNAVAILABLE', 'a panelist gets as far as the media plane (off in this test)');
    assert.equal((await ask(ben, { type: 'webinar.demote', participantId: annaId })).code, 'ERR_FORBIDDEN');
    assert.equal((await ask(host, { type: 'webinar.promote', participantId: annaId })).code, 'ERR_NOT_FOUND', 'already on the panel');

    assert.equal((await ask(host, { type: 'webinar.demote', participantId: annaId })).type, 'result');
    await anna.roster((list) => list.some((p) => p.id === annaId && p.role === 'attendee'));
    await ben.roster((list) => !list.some((p) => p.displayName === 'Anna Attendee'));
    assert.equal((await ask(anna, { type: 'publish', kind: 'camera', offer: { type: 'offer', sdp: 'v=0' } })).code, 'ERR_WEBINAR_ATTENDEE');
    assert.equal((await ask(host, { type: 'webinar.demote', participantId: benId })).code, 'ERR_NOT_FOUND', 'only panelists are demoted');
  });
});
