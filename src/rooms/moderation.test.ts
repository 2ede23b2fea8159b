import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildEvent, confirmLink, joinLink, linkToken, manageLink, solvedCaptcha } from '../events/testing.js';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient as Client, type RoomSocketMessage } from '../testing/room-socket.js';
import { replacedClose } from './live-room.js';
import { injectFromFreshClients } from '../testing/inject.js';
import { until } from '../testing/until.js';

type View = { id: string; displayName: string; muted: boolean };

for (const dialect of dialects) {
  describe(`moderation over the room WebSocket on ${dialect}`, () => {
    let plenum: TestPlenum;
    let url: string;
    let origin: string;
    let admin: string;
    const open: Client[] = [];

    before(async () => {
      plenum = await startTestPlenum(dialect, { PORT: '0' });
      origin = await plenum.listen();
      url = `${origin.replace('http', 'ws')}/api/rooms/socket`;
      admin = await setUpAdmin(plenum);
    });
    after(async () => {
      for (const client of open) client.socket.close();
      await plenum.dispose();
    });

    const inject = injectFromFreshClients(() => plenum.app);

    async function createMeeting(lobby?: string) {
      const response = await inject('POST', '/api/meetings', { title: 'Moderated', ...(lobby ? { lobby } : {}) }, { cookie: admin });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string; meetingNumber: string; passcode: string }>();
    }

    const joinWithPasscode = (meeting: { meetingNumber: string; passcode: string }, displayName: string, language = 'en') =>
      inject(
        'POST',
        '/api/join',
        { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName },
        { 'accept-language': language },
      );

    async function passcodeToken(meeting: { meetingNumber: string; passcode: string }, displayName: string): Promise<string> {
      const response = await joinWithPasscode(meeting, displayName);
      assert.equal(response.statusCode, 200, response.body);
      return response.json().joinToken;
    }

    const hostToken = async (roomId: string): Promise<string> =>
      (await inject('POST', `/api/meetings/${roomId}/host-join`, undefined, { cookie: admin })).json().joinToken;

    let nextId = 100;
    /** Sends one intent and returns its answer (result or error). */
    async function ask(client: Client, type: string, payload: Record<string, unknown> = {}): Promise<RoomSocketMessage> {
      const id = nextId++;
      client.send({ type, id, ...payload });
      return client.reply(id);
    }

    /** Opens a WebSocket and says hello; returns the client and the hello's answer. */
    async function hello(token: string, language = 'en'): Promise<{ client: Client; answer: RoomSocketMessage }> {
      const client = await Client.open(url, { origin, 'accept-language': language });
      open.push(client);
      return { client, answer: await ask(client, 'hello', { token }) };
    }

    async function enter(token: string, language?: string): Promise<{ client: Client; id: string }> {
      const { client, answer } = await hello(token, language);
      assert.equal(answer.type, 'result', JSON.stringify(answer));
      const welcome = await client.next((m) => m.type === 'welcome');
      return { client, id: (welcome.self as View).id };
    }

    /** The latest message of `type` that satisfies `match`, waiting for it. */
    /** The newest push of `type`, once the newest one matches (an older match would be out of date). */
    const latest = (client: Client, type: string, match: (m: RoomSocketMessage) => boolean = () => true) =>
      client.when(
        () => {
          const newest = client.messages.filter((m) => m.type === type).at(-1);
          return newest && match(newest) ? newest : undefined;
        },
        3000,
        () => `a ${type} push that matches`,
      );
    /** The participant list as the client keeps it (snapshot and deltas), once it matches. */
    const listed = async (client: Client, match: (m: { participants: View[] }) => boolean = () => true) => ({
      participants: await client.roster((participants) => match({ participants })),
    });
    const names = (m: { participants: unknown }) => (m.participants as View[]).map((p) => p.displayName).sort();
    const waitingNames = (m: RoomSocketMessage) => (m.waiting as { displayName: string }[]).map((w) => w.displayName);
    const closed = (client: Client) => client.closed();

    it('keeps passcode joiners in the lobby, out of the room, until the host admits them', async () => {
      const meeting = await createMeeting();
      const host = await enter(await hostToken(meeting.id));
      const annaToken = await passcodeToken(meeting, 'Anna');
      const anna = await hello(annaToken);
      assert.deepEqual(anna.answer.data, { waiting: true });
      assert.equal((await anna.client.next((m) => m.type === 'lobby.waiting')).title, 'Moderated');

      const list = await latest(host.client, 'lobby.list', (m) => (m.waiting as unknown[]).length === 1);
      const [waiting] = list.waiting as { participantId: string; displayName: string; since: string }[];
      assert.equal(waiting!.displayName, 'Anna');
      assert.equal(list.count, 1);
      assert.ok(Date.now() - Date.parse(waiting!.since) < 5000);

      for (const [type, payload] of [
        ['audio.mute', { muted: false }],
        ['video.show', { videos: [{ participantId: host.id, kind: 'camera' }] }],
        ['moderation.hand', { raised: true }],
        ['moderation.state', {}],
      ] as const) {
        assert.equal((await ask(anna.client, type, payload)).code, 'ERR_LOBBY_WAITING', `${type} while waiting`);
      }
      assert.ok(
        !anna.client.messages.some((m) => m.type === 'welcome' || m.type.startsWith('participants')),
        'no participant list in the lobby',
      );
      assert.deepEqual(names(await listed(host.client)), ['Ada Admin']);

      assert.equal((await ask(host.client, 'lobby.admit', { participantId: waiting!.participantId })).type, 'result');
      await anna.client.next((m) => m.type === 'lobby.admitted');
      const welcome = await anna.client.next((m) => m.type === 'welcome');
      assert.deepEqual(names({ participants: welcome.participants }), ['Ada Admin', 'Anna']);
      await latest(host.client, 'lobby.list', (m) => (m.waiting as unknown[]).length === 0);
      await listed(host.client, (m) => names(m).length === 2);
      assert.equal((await ask(host.client, 'lobby.admit', { participantId: waiting!.participantId })).code, 'ERR_NOT_FOUND');

      // An admitted participant whose connection drops comes back without waiting again.
      anna.client.socket.close();
      const back = await hello(annaToken);
      assert.equal(back.answer.data, undefined);
      await back.client.next((m) => m.type === 'welcome');
    });

    it('turns a rejected person away and ends their join session', async () => {
      const meeting = await createMeeting();
      const host = await enter(await hostToken(meeting.id));
      const token = await passcodeToken(meeting, 'Ben');
      const ben = await hello(token);
      const list = await latest(host.client, 'lobby.list', (m) => waitingNames(m).includes('Ben'));
      const benId = (list.waiting as { participantId: string }[])[0]!.participantId;
      assert.equal((await ask(host.client, 'lobby.reject', { participantId: benId })).type, 'result');
      await ben.client.next((m) => m.type === 'lobby.rejected');
      assert.equal(await closed(ben.client), 4003);
      await latest(host.client, 'lobby.list', (m) => (m.waiting as unknown[]).length === 0);
      assert.equal((await hello(token)).answer.code, 'ERR_JOIN_SESSION_INVALID', 'the rejected session is revoked');
    });

    it('takes someone who gives up waiting off the host’s list', async () => {
      const meeting = await createMeeting();
      const host = await enter(await hostToken(meeting.id));
      const gina = await hello(await passcodeToken(meeting, 'Gina'));
      const hugo = await hello(await passcodeToken(meeting, 'Hugo'));
      await latest(host.client, 'lobby.list', (m) => waitingNames(m).length === 2);
      gina.client.send({ type: 'leave', id: nextId++ });
      assert.equal(await closed(gina.client), 1000, 'leaving is the one thing allowed while waiting');
      assert.deepEqual(waitingNames(await latest(host.client, 'lobby.list', (m) => waitingNames(m).length === 1)), ['Hugo']);
      hugo.client.socket.close();
      await latest(host.client, 'lobby.list', (m) => waitingNames(m).length === 0);
    });

    it('keeps the room for those waiting when everyone inside has left, so the returning host admits them into it', async () => {
      const meeting = await createMeeting();
      const host = await enter(await hostToken(meeting.id));
      const ida = await hello(await passcodeToken(meeting, 'Ida'));
      await latest(host.client, 'lobby.list', (m) => waitingNames(m).length === 1);
      host.client.send({ type: 'leave', id: nextId++ });
      await closed(host.client);
      const back = await enter(await hostToken(meeting.id));
      const list = await latest(back.client, 'lobby.list', (m) => waitingNames(m).length === 1);
      await ask(back.client, 'lobby.admit', { participantId: (list.waiting as { participantId: string }[])[0]!.participantId });
      await ida.client.next((m) => m.type === 'welcome');
      assert.equal((await ask(ida.client, 'audio.mute', { muted: false })).type, 'result');
      assert.equal((await ask(ida.client, 'moderation.hand', { raised: true })).type, 'result');
      await latest(back.client, 'moderation.state', (m) => (m.hands as unknown[]).length === 1);
    });

    it('closes a room nobody is in once the last person waiting gives up', async () => {
      const meeting = await createMeeting();
      const jan = await hello(await passcodeToken(meeting, 'Jan'));
      await jan.client.next((m) => m.type === 'lobby.waiting');
      const summary = async () =>
        (await inject('GET', `/api/meetings/${meeting.id}`, undefined, { cookie: admin })).json<{ live: boolean }>();
      assert.equal((await summary()).live, true);
      jan.client.socket.close();
      await until(async () => !(await summary()).live, { what: 'the meeting no longer live' });
      assert.equal((await summary()).live, false);
    });

    it('admits everyone at once, and lets the waiting in when the host switches the lobby off (kept in the database)', async () => {
      const meeting = await createMeeting();
      const host = await enter(await hostToken(meeting.id));
      const carl = await hello(await passcodeToken(meeting, 'Carl'));
      const dora = await hello(await passcodeToken(meeting, 'Dora'));
      assert.deepEqual(waitingNames(await latest(host.client, 'lobby.list', (m) => waitingNames(m).length === 2)), ['Carl', 'Dora']);
      await ask(host.client, 'lobby.admitAll');
      await carl.client.next((m) => m.type === 'welcome');
      await dora.client.next((m) => m.type === 'welcome');

      const emil = await hello(await passcodeToken(meeting, 'Emil'));
      await latest(host.client, 'lobby.list', (m) => waitingNames(m).includes('Emil'));
      const settings = await ask(host.client, 'moderation.settings', { lobby: 'off' });
      assert.equal((settings.data as { lobby: string }).lobby, 'off');
      await emil.client.next((m) => m.type === 'welcome');
      const row = await plenum.store.db.selectFrom('rooms').select('lobby').where('id', '=', meeting.id).executeTakeFirstOrThrow();
      assert.equal(row.lobby, 'off');
      const audit = await plenum.store.db
        .selectFrom('audit_entries')
        .selectAll()
        .where('action', '=', 'meeting.lobby_changed')
        .where('subject_id', '=', meeting.id)
        .execute();
      assert.equal(audit.length, 1);

      const fritz = await hello(await passcodeToken(meeting, 'Fritz'));
      assert.equal(fritz.answer.data, undefined, 'with the lobby off people come straight in');
      await fritz.client.next((m) => m.type === 'welcome');
      assert.equal((await ask(host.client, 'moderation.settings', { lobby: 'sometimes' })).code, 'ERR_VALIDATION');
    });

    it('refuses every host intent from a participant', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const anna = await enter(await passcodeToken(meeting, 'Anna'));
      for (const [type, payload] of [
        ['lobby.admit', { participantId: anna.id }],
        ['lobby.admitAll', {}],
        ['lobby.reject', { participantId: anna.id }],
        ['moderation.settings', { locked: true }],
        ['moderation.mute', { participantId: host.id }],
        ['moderation.muteAll', { allowUnmute: false }],
        ['moderation.remove', { participantId: host.id }],
        ['moderation.lowerHand', { participantId: host.id }],
      ] as const) {
        assert.equal((await ask(anna.client, type, payload)).code, 'ERR_FORBIDDEN', type);
      }
      assert.equal(
        (await ask(anna.client, 'moderation.mute', { participantId: host.id, role: 'host' })).code,
        'ERR_VALIDATION',
        'no claims in the payload',
      );
      const state = await ask(anna.client, 'moderation.state');
      assert.deepEqual(
        state.data,
        { locked: false, lobby: 'off', unmuteBlocked: false, hands: [] },
        'participants do not see the waiting list',
      );
      assert.equal(
        (await ask(host.client, 'moderation.remove', { participantId: host.id })).code,
        'ERR_FORBIDDEN',
        'hosts cannot be removed',
      );
      assert.equal((await ask(host.client, 'moderation.mute', { participantId: 'nobody' })).code, 'ERR_NOT_FOUND');
    });

    it('locks the room: no new entries, not even to the lobby; those inside stay and may reconnect', async () => {
      const meeting = await createMeeting();
      const host = await enter(await hostToken(meeting.id));
      const early = await passcodeToken(meeting, 'Early');
      const waiting = await hello(await passcodeToken(meeting, 'Waiting'));
      await ask(host.client, 'moderation.settings', { lobby: 'off' });
      await waiting.client.next((m) => m.type === 'welcome');
      const insideToken = await passcodeToken(meeting, 'Inside');
      const inside = await enter(insideToken);

      await ask(host.client, 'moderation.settings', { locked: true });
      await latest(inside.client, 'moderation.state', (m) => m.locked === true);
      const refusedEn = await joinWithPasscode(meeting, 'Late');
      assert.equal(refusedEn.statusCode, 423);
      assert.equal(refusedEn.json().error.code, 'ERR_ROOM_LOCKED');
      assert.match(refusedEn.json().error.message, /locked/);
      assert.match((await joinWithPasscode(meeting, 'Spät', 'de')).json().error.message, /gesperrt/);
      assert.equal((await hello(early)).answer.code, 'ERR_ROOM_LOCKED', 'a session granted before the lock does not get in either');

      inside.client.socket.close();
      const again = await hello(insideToken);
      assert.equal(again.answer.type, 'result', 'someone inside comes back after a dropped connection');
      await again.client.next((m) => m.type === 'welcome');
      await enter(await hostToken(meeting.id));

      await ask(host.client, 'moderation.settings', { locked: false });
      assert.equal((await joinWithPasscode(meeting, 'Later')).statusCode, 200);
      assert.equal((await hello(early)).answer.type, 'result');
    });

    it('mutes one participant or everyone on the server, and the participant is told', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const anna = await enter(await passcodeToken(meeting, 'Anna'));
      const ben = await enter(await passcodeToken(meeting, 'Ben'));
      const mutedOf = (m: { participants: unknown }, id: string) => (m.participants as View[]).find((p) => p.id === id)?.muted;
      await ask(anna.client, 'audio.mute', { muted: false });
      await listed(host.client, (m) => mutedOf(m, anna.id) === false);

      assert.equal((await ask(host.client, 'moderation.mute', { participantId: anna.id })).type, 'result');
      assert.deepEqual(await anna.client.next((m) => m.type === 'moderation.muted'), { type: 'moderation.muted', all: false });
      await listed(ben.client, (m) => mutedOf(m, anna.id) === true);
      assert.equal((await ask(anna.client, 'audio.mute', { muted: false })).type, 'result', 'as in Zoom, one may unmute again');

      await ask(ben.client, 'audio.mute', { muted: false });
      await ask(host.client, 'audio.mute', { muted: false });
      await ask(host.client, 'moderation.muteAll', { allowUnmute: false });
      await ben.client.next((m) => m.type === 'moderation.muted' && m.all === true);
      const everyone = await listed(host.client, (m) => mutedOf(m, anna.id) === true && mutedOf(m, ben.id) === true);
      assert.equal(mutedOf(everyone, host.id), false, 'the host is not muted by mute all');
      await latest(anna.client, 'moderation.state', (m) => m.unmuteBlocked === true);
      const refused = await ask(anna.client, 'audio.mute', { muted: false });
      assert.equal(refused.code, 'ERR_UNMUTE_NOT_ALLOWED');
      assert.equal((await ask(anna.client, 'audio.mute', { muted: true })).type, 'result', 'muting oneself is always allowed');
      assert.equal((await ask(host.client, 'audio.mute', { muted: false })).type, 'result');

      await ask(host.client, 'moderation.settings', { allowUnmute: true });
      assert.equal((await ask(anna.client, 'audio.mute', { muted: false })).type, 'result');
    });

    it('removes a participant, who cannot come back with the same session', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const token = await passcodeToken(meeting, 'Mallory');
      const mallory = await enter(token);
      const ben = await enter(await passcodeToken(meeting, 'Ben'));
      await ask(mallory.client, 'moderation.hand', { raised: true });
      assert.equal((await ask(host.client, 'moderation.remove', { participantId: mallory.id })).type, 'result');
      assert.deepEqual(
        await mallory.client.next((m) => m.type === 'moderation.removed'),
        { type: 'moderation.removed' },
        'by the host: no other reason',
      );
      assert.equal(await closed(mallory.client), 4003);
      await listed(ben.client, (m) => !names(m).includes('Mallory'));
      await latest(ben.client, 'moderation.state', (m) => (m.hands as unknown[]).length === 0);
      assert.equal((await hello(token)).answer.code, 'ERR_JOIN_SESSION_INVALID');
      assert.equal((await ask(host.client, 'moderation.remove', { participantId: mallory.id })).code, 'ERR_NOT_FOUND');
    });

    it('keeps one socket per participant when several hellos with one session race, and a removal closes it', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const token = await passcodeToken(meeting, 'Mallory');
      // Both hellos at once: the second arrives while the first still records the attendance.
      const uses = await Promise.all(Array.from({ length: 8 }, () => Client.open(url, { origin }).then((client) => ({ client }))));
      open.push(...uses.map((u) => u.client));
      for (const use of uses) use.client.send({ type: 'hello', id: nextId++, token });
      const mallory = (await listed(host.client, (m) => names(m).includes('Mallory'))).participants;
      const id = mallory.find((p) => p.displayName === 'Mallory')!.id;
      await new Promise((r) => setTimeout(r, 300));
      const stillOpen = uses.filter((c) => c.client.closeCode === undefined);
      assert.equal(stillOpen.length, 1, `sockets still open for one participant: ${stillOpen.length}`);
      assert.equal((await ask(host.client, 'moderation.remove', { participantId: id })).type, 'result');
      const codes = await Promise.all(uses.map((c) => closed(c.client)));
      assert.ok(
        codes.every((c) => c !== undefined),
        'every socket of the removed participant is closed',
      );
    });

    it('admits one person per personal link: a second use replaces the first, a removal ends both; registrants skip the guest lobby', async () => {
      const created = await inject('POST', '/api/events', buildEvent(), { cookie: admin });
      assert.equal(created.statusCode, 201, created.body);
      const event = created.json<{ id: string; slug: string }>();
      const registered = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
        captcha: await solvedCaptcha(plenum),
        firstName: 'Erika',
        lastName: 'Mustermann',
        email: `erika-${dialect}@example.org`,
        language: 'de',
      });
      assert.equal(registered.statusCode, 202, registered.body);
      await inject('POST', '/api/public/registrations/confirm', {
        token: await linkToken(plenum, `erika-${dialect}@example.org`, confirmLink),
      });
      const link = await linkToken(plenum, `erika-${dialect}@example.org`, joinLink);
      const rooms = (await inject('GET', '/api/meetings', undefined, { cookie: admin })).json<{
        meetings: { id: string; eventId: string | null }[];
      }>();
      const roomId = rooms.meetings.find((m) => m.eventId === event.id)!.id;
      const host = await enter(await hostToken(roomId));

      const joined = await inject('POST', '/api/join/link', { token: link });
      assert.equal(joined.statusCode, 200, joined.body);
      const first = await enter(joined.json().joinToken);
      await listed(host.client, (m) => names(m).includes('Erika Mustermann'));

      // The same link in another tab or on another device: the same participant, the first connection told it was replaced.
      const secondUse = await inject('POST', '/api/join/link', { token: link });
      assert.equal(secondUse.statusCode, 200, secondUse.body);
      const erika = await enter(secondUse.json().joinToken);
      assert.equal(erika.id, first.id, 'one registration is one participant');
      assert.equal(await closed(first.client), replacedClose.code);
      assert.equal(first.client.closeReason, replacedClose.reason);
      const list = await listed(host.client);
      assert.deepEqual(
        names(list).filter((name) => name === 'Erika Mustermann'),
        ['Erika Mustermann'],
        'only one live participant',
      );

      assert.equal((await ask(host.client, 'moderation.remove', { participantId: erika.id })).type, 'result');
      assert.equal(await closed(erika.client), 4003);
      for (const use of [joined, secondUse])
        assert.equal((await hello(use.json().joinToken)).answer.code, 'ERR_JOIN_SESSION_INVALID', 'every use’s session ended');
      const again = await inject('POST', '/api/join/link', { token: link }, { 'accept-language': 'de' });
      assert.equal(again.statusCode, 403);
      assert.equal(again.json().error.code, 'ERR_REMOVED_FROM_ROOM');
      assert.match(again.json().error.message, /entfernt/);
    });

    it('ends a registrant’s join session when they cancel their registration or the host cancels the event', async () => {
      async function registrantInRoom(email: string) {
        const created = await inject('POST', '/api/events', buildEvent({ title: `Ends ${email}` }), { cookie: admin });
        assert.equal(created.statusCode, 201, created.body);
        const event = created.json<{ id: string; slug: string }>();
        const registered = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
          captcha: await solvedCaptcha(plenum),
          firstName: 'Kim',
          lastName: 'Ende',
          email,
          language: 'en',
        });
        assert.equal(registered.statusCode, 202, registered.body);
        await inject('POST', '/api/public/registrations/confirm', { token: await linkToken(plenum, email, confirmLink) });
        const joined = await inject('POST', '/api/join/link', { token: await linkToken(plenum, email, joinLink) });
        assert.equal(joined.statusCode, 200, joined.body);
        const token: string = joined.json().joinToken;
        const { client, answer } = await hello(token);
        assert.equal(answer.type, 'result', JSON.stringify(answer));
        client.socket.close();
        return { event, token, manage: await linkToken(plenum, email, manageLink) };
      }

      const cancelling = await registrantInRoom(`kim-cancels-${dialect}@example.org`);
      assert.equal((await inject('DELETE', `/api/public/registrations/${cancelling.manage}`)).statusCode, 204);
      assert.equal((await hello(cancelling.token)).answer.code, 'ERR_JOIN_SESSION_INVALID', 'the cancelled registration’s session ended');

      const cancelled = await registrantInRoom(`kim-event-${dialect}@example.org`);
      const cancel = await inject('POST', `/api/events/${cancelled.event.id}/cancel`, undefined, { cookie: admin });
      assert.equal(cancel.statusCode, 200, cancel.body);
      assert.equal((await hello(cancelled.token)).answer.code, 'ERR_JOIN_SESSION_INVALID', 'the cancelled event’s sessions ended');
    });

    it('lets everyone wait, registrants too, when the host asks for it', async () => {
      const meeting = await createMeeting('everyone');
      const host = await enter(await hostToken(meeting.id));
      const anna = await hello(await passcodeToken(meeting, 'Anna'));
      assert.deepEqual(anna.answer.data, { waiting: true });
      await ask(host.client, 'moderation.settings', { lobby: 'guests' });
      assert.equal(
        anna.client.messages.some((m) => m.type === 'welcome'),
        false,
        'a passcode joiner still waits with guests',
      );
      const state = await ask(host.client, 'moderation.state');
      assert.deepEqual(waitingNames(state.data as RoomSocketMessage), ['Anna']);
      host.client.send({ type: 'end', id: nextId++ });
      await anna.client.next((m) => m.type === 'ended');
      assert.equal(await closed(anna.client), 4001, 'people waiting are let go when the meeting ends');
    });

    it('raises and lowers hands, listed in the order they went up', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const anna = await enter(await passcodeToken(meeting, 'Anna'));
      const ben = await enter(await passcodeToken(meeting, 'Ben'));
      const hands = (m: RoomSocketMessage) => (m.hands as { participantId: string }[]).map((h) => h.participantId);
      await ask(ben.client, 'moderation.hand', { raised: true });
      await ask(anna.client, 'moderation.hand', { raised: true });
      await ask(ben.client, 'moderation.hand', { raised: true });
      assert.deepEqual(hands(await latest(host.client, 'moderation.state', (m) => hands(m).length === 2)), [ben.id, anna.id]);
      assert.equal(
        (await ask(anna.client, 'moderation.lowerHand', { participantId: ben.id })).code,
        'ERR_FORBIDDEN',
        'only the host lowers another’s hand',
      );
      await ask(anna.client, 'moderation.hand', { raised: false });
      assert.deepEqual(hands(await latest(ben.client, 'moderation.state', (m) => hands(m).length === 1)), [ben.id]);
      await ask(host.client, 'moderation.lowerHand', { participantId: ben.id });
      await latest(anna.client, 'moderation.state', (m) => hands(m).length === 0);
      const late = await enter(await passcodeToken(meeting, 'Late'));
      await ask(anna.client, 'moderation.hand', { raised: true });
      assert.deepEqual(
        hands(await latest(late.client, 'moderation.state', (m) => hands(m).length === 1)),
        [anna.id],
        'a newcomer gets the hands with its state',
      );
    });

    const roleOf = (m: { participants: unknown }, id: string) =>
      (m.participants as (View & { role: string })[]).find((p) => p.id === id)?.role;

    it('lets a co-host moderate (admit, mute, remove) but not end the meeting or name co-hosts', async () => {
      const meeting = await createMeeting();
      const host = await enter(await hostToken(meeting.id));
      // Anna comes through the lobby; the host admits her and makes her co-host.
      const annaWaiting = await hello(await passcodeToken(meeting, 'Anna'));
      const annaId = (
        (await latest(host.client, 'lobby.list', (m) => waitingNames(m).includes('Anna'))).waiting as { participantId: string }[]
      )[0]!.participantId;
      await ask(host.client, 'lobby.admit', { participantId: annaId });
      const anna = { client: annaWaiting.client, id: annaId };
      await anna.client.next((m) => m.type === 'welcome');
      assert.equal((await ask(anna.client, 'lobby.admitAll')).code, 'ERR_FORBIDDEN', 'a participant does not admit');
      assert.equal(
        (await ask(anna.client, 'invite.details')).code,
        'ERR_FORBIDDEN',
        'a participant gets no invitation (registrants never learn the passcode)',
      );
      assert.equal((await ask(host.client, 'moderation.role', { participantId: anna.id, role: 'cohost' })).type, 'result');
      assert.deepEqual(await anna.client.next((m) => m.type === 'moderation.role'), {
        type: 'moderation.role',
        role: 'cohost',
        reason: 'promoted',
      });
      await listed(host.client, (m) => roleOf(m, anna.id) === 'cohost');
      const invitation = (await ask(anna.client, 'invite.details')).data as { link: string };
      assert.ok(invitation.link.endsWith(`#pwd=${meeting.passcode}`), 'the co-host invites');

      const ben = await hello(await passcodeToken(meeting, 'Ben'));
      const benId = (
        (await latest(anna.client, 'lobby.list', (m) => waitingNames(m).includes('Ben'))).waiting as { participantId: string }[]
      )[0]!.participantId;
      assert.equal((await ask(anna.client, 'lobby.admit', { participantId: benId })).type, 'result', 'the co-host admits from the lobby');
      await ben.client.next((m) => m.type === 'welcome');
      assert.equal((await ask(anna.client, 'moderation.mute', { participantId: benId })).type, 'result');

      assert.equal((await ask(anna.client, 'end')).code, 'ERR_FORBIDDEN', 'only a host ends for all');
      assert.equal(
        (await ask(anna.client, 'moderation.role', { participantId: benId, role: 'cohost' })).code,
        'ERR_FORBIDDEN',
        'only a host names co-hosts',
      );
      assert.equal((await ask(anna.client, 'moderation.handOver', { participantId: benId })).code, 'ERR_FORBIDDEN');
      assert.equal(
        (await ask(anna.client, 'moderation.remove', { participantId: host.id })).code,
        'ERR_FORBIDDEN',
        'nobody removes a host',
      );
      assert.equal(
        (await ask(anna.client, 'moderation.mute', { participantId: host.id })).code,
        'ERR_FORBIDDEN',
        'a co-host does not mute the host',
      );
      assert.equal((await ask(anna.client, 'moderation.remove', { participantId: benId })).type, 'result');
      await ben.client.next((m) => m.type === 'moderation.removed');

      // Demoted, she moderates nothing any more.
      await ask(host.client, 'moderation.role', { participantId: anna.id, role: 'participant' });
      await listed(anna.client, (m) => roleOf(m, anna.id) === 'participant');
      assert.equal((await ask(anna.client, 'moderation.settings', { locked: true })).code, 'ERR_FORBIDDEN');
    });

    it('hands the host role to the one the leaving host names, who may then end the meeting', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const anna = await enter(await passcodeToken(meeting, 'Anna'));
      assert.equal((await ask(host.client, 'moderation.handOver', { participantId: host.id })).code, 'ERR_FORBIDDEN', 'not to oneself');
      assert.equal((await ask(host.client, 'moderation.handOver', { participantId: anna.id })).type, 'result');
      assert.deepEqual(await anna.client.next((m) => m.type === 'moderation.role'), {
        type: 'moderation.role',
        role: 'host',
        reason: 'handedOver',
      });
      const list = await listed(anna.client, (m) => roleOf(m, anna.id) === 'host');
      assert.equal(roleOf(list, host.id), 'participant');
      host.client.send({ type: 'leave', id: nextId++ });
      anna.client.send({ type: 'end', id: nextId++ });
      await anna.client.next((m) => m.type === 'ended');
      assert.equal(await closed(anna.client), 4001, 'the new host ended the meeting');
    });

    it('gives the host role to the first co-host when the last host goes without choosing; without one the room runs on for the host to return', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const anna = await enter(await passcodeToken(meeting, 'Anna'));
      const ben = await enter(await passcodeToken(meeting, 'Ben'));
      await ask(host.client, 'moderation.role', { participantId: ben.id, role: 'cohost' });
      host.client.send({ type: 'leave', id: nextId++ });
      assert.deepEqual(await ben.client.next((m) => m.type === 'moderation.role' && m.role === 'host'), {
        type: 'moderation.role',
        role: 'host',
        reason: 'automatic',
      });
      await listed(anna.client, (m) => roleOf(m, ben.id) === 'host');

      ben.client.send({ type: 'leave', id: nextId++ });
      const left = await listed(anna.client, (m) => names(m).length === 1);
      assert.equal(roleOf(left, anna.id), 'participant', 'a guest does not become host by chance');
      const back = await enter(await hostToken(meeting.id));
      await listed(anna.client, (m) => roleOf(m, back.id) === 'host');
    });

    it('refuses a raised hand toggled faster than a person does, which would push the list to everyone each time', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const paul = await enter(await passcodeToken(meeting, 'Paul Toggle'));
      const answers: RoomSocketMessage[] = [];
      for (let i = 0; i < 40; i++) answers.push(await ask(paul.client, 'moderation.hand', { raised: i % 2 === 0 }));
      const refused = answers.filter((a) => a.type === 'error');
      assert.ok(refused.length > 0, 'some toggles are refused');
      assert.ok(
        refused.every((a) => a.code === 'ERR_RATE_LIMITED'),
        JSON.stringify(refused[0]),
      );
      assert.equal(answers[0]!.type, 'result', 'a hand raised once goes up');
      host.client.socket.close();
    });

    it('refuses a microphone toggled in a loop past push-to-talk, on the server and in its language, and the room is not told', async () => {
      const meeting = await createMeeting('off');
      const host = await enter(await hostToken(meeting.id));
      const paul = await enter(await passcodeToken(meeting, 'Paul Toggle'));
      const mentionsPaul = (m: RoomSocketMessage) =>
        m.type === 'participants.delta' && JSON.stringify([m.joined, m.changed, m.left]).includes(paul.id);
      const unmutes: RoomSocketMessage[] = [];
      for (let i = 0; i < 30; i++) {
        const unmuted = await ask(paul.client, 'audio.mute', { muted: false });
        unmutes.push(unmuted);
        const muted = await ask(paul.client, 'audio.mute', { muted: true });
        // Switching off what one switched on goes through; muting again what a refused unmute left muted counts and is refused.
        assert.equal(muted.type, unmuted.type, JSON.stringify(muted));
      }
      const refusedAt = unmutes.findIndex((a) => a.type === 'error');
      assert.ok(refusedAt >= 10, `ten push-to-talk presses in a row go through (refused at ${refusedAt})`);
      assert.ok(
        unmutes.slice(refusedAt).every((a) => a.code === 'ERR_MEDIA_SWITCHED_TOO_OFTEN'),
        JSON.stringify(unmutes.at(-1)),
      );
      assert.match(String(unmutes.at(-1)!.message), /switched your microphone, camera or screen sharing on very often/);

      // Refused ones reach no one: after them, the host's list still shows Paul muted and no push named him.
      await listed(host.client, (m) => m.participants.find((p) => p.id === paul.id)?.muted === true);
      const before = host.client.messages.filter(mentionsPaul).length;
      for (let i = 0; i < 5; i++)
        assert.equal((await ask(paul.client, 'audio.mute', { muted: false })).code, 'ERR_MEDIA_SWITCHED_TOO_OFTEN');
      assert.equal((await ask(host.client, 'audio.mute', { muted: false })).type, 'result', 'the host is limited on their own');
      await listed(host.client, (m) => m.participants.find((p) => p.id === host.id)?.muted === false);
      assert.equal(host.client.messages.filter(mentionsPaul).length, before);
      assert.equal(host.client.participants.find((p) => p.id === paul.id)?.muted, true);
    });

    it('refuses camera and screen published over and over, in German for a German browser (Janus is off here: each publish that is let through fails there)', async () => {
      const meeting = await createMeeting('off');
      await enter(await hostToken(meeting.id));
      const petra = await enter(await passcodeToken(meeting, 'Petra Kamera'), 'de');
      const codes: string[] = [];
      for (let i = 0; i < 25; i++) {
        const kind = i % 2 === 0 ? 'camera' : 'screen';
        const published = await ask(petra.client, 'publish', { kind, offer: { type: 'offer', sdp: 'v=0' } });
        codes.push(String(published.code));
        if (published.code === 'ERR_MEDIA_SWITCHED_TOO_OFTEN') {
          assert.match(String(published.message), /Kamera oder Bildschirmfreigabe sehr oft/);
          continue;
        }
        assert.equal((await ask(petra.client, 'unpublish', { kind })).type, 'result', 'switching off is never refused');
      }
      assert.deepEqual([...new Set(codes.slice(0, 20))], ['ERR_MEDIA_UNAVAILABLE']);
      assert.deepEqual([...new Set(codes.slice(20))], ['ERR_MEDIA_SWITCHED_TOO_OFTEN']);
    });
  });
}
