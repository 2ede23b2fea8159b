import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { buildEvent, confirmLink, joinLink, linkToken, solvedCaptcha } from '../events/testing.js';
import type { TestCluster } from '../testing/cluster.js';
import { startRoomCluster, type RoomCluster } from '../testing/room-cluster.js';
import type { RoomSocketClient as Client } from '../testing/room-socket.js';
import { type RoomSocketMessage } from '../testing/room-socket.js';
import { dialects } from '../testing/stores.js';
import { until } from '../testing/until.js';
import type { Plenum } from '../plenum.js';
import type { Pseudonym } from './pseudonyms.js';

const skip = dialects.includes('postgres') ? false : 'cluster mode runs on PostgreSQL only (TEST_DIALECTS leaves it out)';

/**
 * Webinar pseudonyms in cluster mode (#17 item 2): the owner keeps each attendee's pseudonym in
 * the room's shared state, so after the owner goes the new owner shows everyone as before; an
 * erased or revoked registration's pseudonym leaves the shared state. Two instances: the host
 * and the room on B, the attendees' sockets on A (re-seated at A when B goes).
 */
describe('webinar pseudonyms across an owner failover', { skip }, () => {
  let rooms: RoomCluster;
  let cluster: TestCluster;
  let admin: string;
  let redis: Redis;
  const [a, b] = [() => rooms.instance(0), () => rooms.instance(1)];

  before(async () => {
    rooms = await startRoomCluster(2);
    ({ cluster, admin, redis } = rooms);
  });
  after(() => rooms?.dispose());

  /** Into the room on `plenum`; the socket. */
  const enter = async (plenum: Plenum, joinToken: string) => (await rooms.enter(plenum, joinToken)).client;
  const ask = (client: Client, message: Record<string, unknown>) => rooms.ask(client, message);

  /** Registers, confirms and joins through the personal link on A; returns the socket and the registration id. */
  async function registrant(event: { id: string; slug: string }, firstName: string) {
    const email = `${firstName.toLowerCase()}@example.org`;
    const registered = await a().app.inject({
      method: 'POST',
      url: `/api/public/events/${event.slug}/registrations`,
      payload: { captcha: await solvedCaptcha(a()), firstName, lastName: 'Registrant', email, language: 'en' },
    });
    assert.equal(registered.statusCode, 202, registered.body);
    const confirmed = await a().app.inject({
      method: 'POST',
      url: '/api/public/registrations/confirm',
      payload: { token: await linkToken(a(), email, confirmLink) },
    });
    assert.ok(confirmed.statusCode < 300, confirmed.body);
    const grant = await a().app.inject({
      method: 'POST',
      url: '/api/join/link',
      payload: { token: await linkToken(a(), email, joinLink) },
    });
    assert.equal(grant.statusCode, 200, grant.body);
    const list = await a().app.inject({ url: `/api/events/${event.id}/registrations`, headers: { cookie: admin } });
    const registrationId = list.json<{ registrations: { id: string; email: string }[] }>().registrations.find((r) => r.email === email)!.id;
    return { client: await enter(a(), grant.json<{ joinToken: string }>().joinToken), registrationId };
  }

  /** How `viewer` sees the author of the next chat message with `text`. */
  async function seenAs(viewer: Client, text: string) {
    const push = await viewer.next((m) => m.type === 'chat.message' && (m.message as unknown as { text: string }).text === text);
    return (push.message as unknown as { author: { name?: string; pseudonym?: Pseudonym } }).author;
  }

  const stateKey = (roomId: string) => `${cluster.prefix}room:${roomId}:state`;
  const kept = async (roomId: string, registrationId: string) => {
    const value = await redis.hget(stateKey(roomId), `ps:r:${registrationId}`);
    return value === null ? null : (JSON.parse(value) as { number: number; chosen?: string });
  };
  const revoke = (plenum: Plenum, eventId: string, registrationId: string) =>
    plenum.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/registrations/${registrationId}/join-link`,
      payload: { action: 'revoke' },
      headers: { cookie: admin },
    });

  it('shows the chosen name and the numbers as before after the owner goes, and forgets a revoked registration’s', async () => {
    const created = await a().app.inject({
      method: 'POST',
      url: '/api/events',
      payload: buildEvent({ language: 'en' }),
      headers: { cookie: admin },
    });
    assert.equal(created.statusCode, 201, created.body);
    const event = created.json<{ id: string; slug: string }>();
    const meetings = (await a().app.inject({ url: '/api/meetings', headers: { cookie: admin } })).json<{
      meetings: { id: string; eventId: string | null }[];
    }>();
    const roomId = meetings.meetings.find((m) => m.eventId === event.id)!.id;
    const grant = await b().app.inject({ method: 'POST', url: `/api/meetings/${roomId}/host-join`, headers: { cookie: admin } });
    const host = await enter(b(), grant.json<{ joinToken: string }>().joinToken);
    assert.ok((await redis.get(`${cluster.prefix}room:${roomId}:lease`))?.startsWith('instance-b#'), 'B owns the room');

    const rosa = await registrant(event, 'Rosa');
    const nils = await registrant(event, 'Nils');
    const erwin = await registrant(event, 'Erwin');
    const vera = await registrant(event, 'Vera');

    // Rosa's chosen name is in the shared state when she is told it is hers.
    const chosen = await ask(rosa.client, { type: 'chat.pseudonym', name: 'Blue Heron' });
    assert.deepEqual(chosen.data, { pseudonym: { chosen: 'Blue Heron' } }, JSON.stringify(chosen));
    const rosaKept = await kept(roomId, rosa.registrationId);
    assert.equal(rosaKept?.chosen, 'Blue Heron');
    assert.ok(rosaKept.number >= 1_000, 'her number stays reserved with her chosen name');

    await ask(nils.client, { type: 'chat.send', text: 'Nils before' });
    const nilsBefore = (await seenAs(vera.client, 'Nils before')).pseudonym as { number: number };
    assert.equal(typeof nilsBefore.number, 'number');
    assert.equal((await seenAs(host, 'Nils before')).name, 'Nils Registrant', 'the host sees the name');
    // A number handed out in a push is written after it, without holding it up.
    await until(async () => (await kept(roomId, nils.registrationId))?.number === nilsBefore.number, {
      what: 'Nils’ number in the shared state',
    });

    // Revoked on A while B owns the room: the owner, told over Redis, drops Erwin's pseudonym.
    assert.equal((await ask(erwin.client, { type: 'chat.pseudonym', name: 'Short Stay' })).type, 'result');
    assert.equal((await kept(roomId, erwin.registrationId))?.chosen, 'Short Stay');
    assert.equal((await revoke(a(), event.id, erwin.registrationId)).statusCode, 204);
    await until(async () => (await kept(roomId, erwin.registrationId)) === null, { what: 'Erwin’s pseudonym gone from the shared state' });

    // B stops: A takes the room over, the attendees' sockets on A stay open and are seated there.
    const welcomes = (client: Client) => client.messages.filter((m: RoomSocketMessage) => m.type === 'welcome').length;
    await b().close();
    for (const attendee of [rosa, nils, vera])
      await until(() => welcomes(attendee.client) >= 2, { timeoutMs: 15_000, what: 'a second welcome at the new owner' });
    assert.ok((await redis.get(`${cluster.prefix}room:${roomId}:lease`))?.startsWith('instance-a#'), 'A owns the room now');
    const history = rosa.client.messages.filter((m) => m.type === 'chat.history').at(-1);
    assert.deepEqual(history?.pseudonym, { chosen: 'Blue Heron' }, 'the new owner tells Rosa the name she chose');

    await ask(nils.client, { type: 'chat.send', text: 'Nils after' });
    assert.deepEqual((await seenAs(vera.client, 'Nils after')).pseudonym, nilsBefore, 'the same number as before');
    await ask(rosa.client, { type: 'chat.send', text: 'Rosa after' });
    assert.deepEqual((await seenAs(vera.client, 'Rosa after')).pseudonym, { chosen: 'Blue Heron' }, 'the same chosen name');
    assert.equal(
      (await ask(vera.client, { type: 'chat.pseudonym', name: 'blue heron' })).code,
      'ERR_PSEUDONYM_TAKEN',
      'still Rosa’s at the new owner',
    );

    // Revoked on A, the owner now: the field goes at once.
    assert.equal((await revoke(a(), event.id, rosa.registrationId)).statusCode, 204);
    assert.equal(await kept(roomId, rosa.registrationId), null);
    assert.deepEqual(await kept(roomId, nils.registrationId), { number: nilsBefore.number }, 'the others stay');
  });
});
