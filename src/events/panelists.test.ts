import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../shared/secrets.js';
import { injectFromFreshClients } from '../testing/inject.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient as Client } from '../testing/room-socket.js';
import { dialects } from '../testing/stores.js';
import { createEventsSubjectData, eventsRetentionTasks } from './subject-data.js';
import { buildEvent, joinLink, linkToken, mailsTo } from './testing.js';

interface Listed {
  id: string;
  displayName: string;
  role: string;
}

/** Panelists the host invites to a webinar by mail (src/events/panelists.ts), over HTTP and the room's WebSocket, on both stores. */
for (const dialect of dialects) {
  describe(`invited panelists on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    let origin: string;
    let nextId = 10;

    before(async () => {
      plenum = await startTestPlenum(dialect, { PORT: '0' });
      origin = await plenum.listen();
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    const inject = injectFromFreshClients(() => plenum.app);
    const asAdmin = () => ({ cookie: admin });

    async function createEvent(overrides: Record<string, unknown> = {}) {
      const response = await inject('POST', '/api/events', buildEvent({ language: 'en', ...overrides }), { cookie: admin });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string; slug: string }>();
    }

    async function invite(eventId: string, name: string, email: string) {
      const response = await inject('POST', `/api/events/${eventId}/panelists`, { name, email }, { cookie: admin });
      assert.equal(response.statusCode, 201, response.body);
      return {
        invitation: response.json<{ id: string; name: string; email: string; revokedAt: string | null }>(),
        token: await linkToken(plenum, email.trim().toLowerCase(), joinLink),
      };
    }

    async function enter(joinToken: string) {
      const client = await Client.open(`${origin.replace('http', 'ws')}/api/rooms/socket`, { origin });
      const id = nextId++;
      client.send({ type: 'hello', id, token: joinToken });
      assert.equal((await client.reply(id)).type, 'result');
      const welcome = await client.next((m) => m.type === 'welcome');
      return { client, self: welcome.self as Listed };
    }

    const join = (token: string) => inject('POST', '/api/join/link', { token });

    it('mails a personal link in the event’s language and keeps the link only as its hash', async () => {
      const event = await createEvent({ title: 'Data minimisation', language: 'de' });
      const { invitation, token } = await invite(event.id, 'Petra Podium', 'Petra@Example.org ');
      assert.deepEqual([invitation.name, invitation.email, invitation.revokedAt], ['Petra Podium', 'petra@example.org', null]);
      const [mail] = await mailsTo(plenum, 'petra@example.org');
      assert.match(mail!.subject, /^Einladung zum Sprechen: Data minimisation$/);
      assert.match(mail!.body_text, /Ada Admin lädt Sie ein/);
      assert.ok(!mail!.body_text.includes('[removed]'), 'the process holds the whole text until it is sent');
      const stored = await plenum.store.db
        .selectFrom('panelist_invitations')
        .selectAll()
        .where('id', '=', invitation.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.token_hash, hashToken(token));
      const everyText = JSON.stringify(await plenum.store.db.selectFrom('mail_messages').selectAll().execute()) + JSON.stringify(stored);
      assert.ok(!everyText.includes(token), 'the link is in no table');
      const listed = await inject('GET', `/api/events/${event.id}/panelists`, undefined, asAdmin());
      assert.deepEqual(
        listed.json<{ panelists: { name: string }[] }>().panelists.map((p) => p.name),
        ['Petra Podium'],
      );
    });

    it('refuses a meeting, a second invitation to the same address, unknown fields and a bad address', async () => {
      const meeting = await createEvent({ kind: 'meeting' });
      const onMeeting = await inject('POST', `/api/events/${meeting.id}/panelists`, { name: 'Mia', email: 'mia@example.org' }, asAdmin());
      assert.equal(onMeeting.json<{ error: { code: string } }>().error.code, 'ERR_PANELISTS_WEBINAR_ONLY');
      const webinar = await createEvent();
      await invite(webinar.id, 'Mia Mikro', 'mia@example.org');
      const twice = await inject('POST', `/api/events/${webinar.id}/panelists`, { name: 'Mia', email: 'MIA@example.org' }, asAdmin());
      assert.equal(twice.json<{ error: { code: string } }>().error.code, 'ERR_PANELIST_ALREADY_INVITED');
      const extra = await inject(
        'POST',
        `/api/events/${webinar.id}/panelists`,
        { name: 'Max', email: 'max@example.org', role: 'host' },
        asAdmin(),
      );
      assert.equal(extra.statusCode, 400);
      const badAddress = await inject('POST', `/api/events/${webinar.id}/panelists`, { name: 'Max', email: 'max' }, asAdmin());
      assert.equal(badAddress.statusCode, 400);
      const noName = await inject('POST', `/api/events/${webinar.id}/panelists`, { name: ' ', email: 'max@example.org' }, asAdmin());
      assert.equal(noName.statusCode, 400);
    });

    it('lets the link in on the panel, backstage, as one person however often it is opened, with no host powers', async () => {
      const event = await createEvent({ title: 'Panel webinar' });
      const { token } = await invite(event.id, 'Paul Panel', 'paul@example.org');
      const first = await join(token);
      assert.equal(first.statusCode, 200, first.body);
      const grant = first.json<{ joinToken: string; watchOnly: boolean; kind: string }>();
      assert.deepEqual([grant.watchOnly, grant.kind], [false, 'webinar'], 'a panelist sends: the device check comes first');
      const paul = await enter(grant.joinToken);
      assert.equal(paul.self.role, 'panelist', 'on the panel from the first message');
      assert.equal(paul.self.displayName, 'Paul Panel');
      const state = await paul.client.next((m) => m.type === 'webinar.state');
      assert.equal(state.live, false, 'backstage until the host starts');

      // No host powers: the webinar's and the room's moderation intents are refused.
      for (const intent of [
        { type: 'webinar.goLive' },
        { type: 'webinar.promote', participantId: paul.self.id },
        { type: 'moderation.settings', locked: true },
        { type: 'moderation.role', participantId: paul.self.id, role: 'cohost' },
      ]) {
        const id = nextId++;
        paul.client.send({ ...intent, id });
        assert.equal((await paul.client.reply(id)).code, 'ERR_FORBIDDEN', intent.type);
      }

      // The same link again (another tab or device): the same person, and the earlier connection is replaced.
      const second = await join(token);
      const again = await enter(second.json<{ joinToken: string }>().joinToken);
      assert.equal(again.self.id, paul.self.id);
      assert.equal(again.self.role, 'panelist');
      assert.equal(await paul.client.closed(), 4000);
      again.client.socket.close();
    });

    it('takes a panelist out of the room when the host withdraws the invitation, and the link then says why', async () => {
      const event = await createEvent({ title: 'Withdrawn' });
      const { invitation, token } = await invite(event.id, 'Rita Revoked', 'rita@example.org');
      const rita = await enter((await join(token)).json<{ joinToken: string }>().joinToken);
      const revoked = await inject('DELETE', `/api/events/${event.id}/panelists/${invitation.id}`, undefined, asAdmin());
      assert.equal(revoked.statusCode, 204, revoked.body);
      const listed = await inject('GET', `/api/events/${event.id}/panelists`, undefined, asAdmin());
      assert.ok(listed.json<{ panelists: { revokedAt: string | null }[] }>().panelists[0]!.revokedAt, 'the list says it was withdrawn');
      const removed = await rita.client.next((m) => m.type === 'moderation.removed');
      assert.deepEqual(removed, { type: 'moderation.removed', reason: 'panelistWithdrawn' }, 'told why, not “the host removed you”');
      assert.equal(await rita.client.closed(), 4003);
      const refused = await join(token);
      assert.equal(refused.statusCode, 410);
      assert.equal(refused.json<{ error: { code: string } }>().error.code, 'ERR_PANELIST_LINK_REVOKED');
      // Someone else's event: nothing to withdraw there.
      const other = await createEvent();
      assert.equal((await inject('DELETE', `/api/events/${other.id}/panelists/${invitation.id}`, undefined, asAdmin())).statusCode, 404);
    });

    it('takes a panelist out of the room when the webinar is cancelled, mails them in the event’s language, and the link then says so', async () => {
      const event = await createEvent({ title: 'Called off', language: 'de' });
      const { token } = await invite(event.id, 'Carl Cancelled', 'carl@example.org');
      const withdrawn = await invite(event.id, 'Wanda Withdrawn', 'wanda@example.org');
      const revoked = await inject('DELETE', `/api/events/${event.id}/panelists/${withdrawn.invitation.id}`, undefined, asAdmin());
      assert.equal(revoked.statusCode, 204, revoked.body);
      const carl = await enter((await join(token)).json<{ joinToken: string }>().joinToken);
      const cancelled = await inject('POST', `/api/events/${event.id}/cancel`, undefined, asAdmin());
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      const removed = await carl.client.next((m) => m.type === 'moderation.removed');
      assert.equal(removed.reason, 'eventCancelled');
      assert.equal(await carl.client.closed(), 4003);
      assert.equal((await join(token)).json<{ error: { code: string } }>().error.code, 'ERR_EVENT_CANCELLED');

      const [invitation, cancellation, ...more] = await mailsTo(plenum, 'carl@example.org');
      assert.match(invitation!.subject, /^Einladung zum Sprechen/);
      assert.equal(cancellation?.subject, 'Abgesagt: Called off');
      assert.match(
        cancellation!.body_text,
        /^Guten Tag Carl Cancelled,\n\n„Called off“ \(.+\) wurde abgesagt\. Ihr Zugangslink funktioniert nicht mehr\./,
      );
      assert.deepEqual(more, []);
      const toWanda = (await mailsTo(plenum, 'wanda@example.org')).map((mail) => mail.subject);
      assert.deepEqual(toWanda, ['Einladung zum Sprechen: Called off'], 'a panelist already withdrawn is not told again');
      const again = await inject('POST', `/api/events/${event.id}/cancel`, undefined, asAdmin());
      assert.equal(again.statusCode, 200, again.body);
      assert.equal((await mailsTo(plenum, 'carl@example.org')).length, 2, 'cancelling twice mails once');
    });

    it('lets a staff role without events.manage list panelists but neither invite nor withdraw', async () => {
      const event = await createEvent();
      const { invitation } = await invite(event.id, 'Dora Data', 'dora@example.org');
      const created = await inject('POST', '/api/api-tokens', { name: 'dpo', role: 'dpo' }, asAdmin());
      assert.equal(created.statusCode, 201, created.body);
      const dpo = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
      const invited = await inject('POST', `/api/events/${event.id}/panelists`, { name: 'Eve', email: 'eve@example.org' }, dpo);
      assert.equal(invited.statusCode, 403, invited.body);
      const withdrawn = await inject('DELETE', `/api/events/${event.id}/panelists/${invitation.id}`, undefined, dpo);
      assert.equal(withdrawn.statusCode, 403, withdrawn.body);
      const listed = await inject('GET', `/api/events/${event.id}/panelists`, undefined, asAdmin());
      assert.deepEqual(
        listed.json<{ panelists: { revokedAt: string | null }[] }>().panelists.map((p) => p.revokedAt),
        [null],
      );
    });

    it('keeps an event’s kind: a meeting edited into a webinar would keep its meeting room, where everyone sees everyone', async () => {
      const meeting = await createEvent({ kind: 'meeting', title: 'Still a meeting' });
      const edited = await inject(
        'POST',
        `/api/events/${meeting.id}`,
        buildEvent({ language: 'en', kind: 'webinar', title: 'Now a webinar?' }),
        {
          ...asAdmin(),
          'accept-language': 'de',
        },
      );
      assert.equal(edited.statusCode, 409, edited.body);
      assert.equal(edited.json<{ error: { code: string; message: string } }>().error.code, 'ERR_EVENT_KIND_FIXED');
      assert.match(edited.json<{ error: { message: string } }>().error.message, /Meeting|Webinar/);
      const onMeeting = await inject('POST', `/api/events/${meeting.id}/panelists`, { name: 'Mo', email: 'mo@example.org' }, asAdmin());
      assert.equal(onMeeting.json<{ error: { code: string } }>().error.code, 'ERR_PANELISTS_WEBINAR_ONLY');
      const same = await inject(
        'POST',
        `/api/events/${meeting.id}`,
        buildEvent({ language: 'en', kind: 'meeting', title: 'Renamed' }),
        asAdmin(),
      );
      assert.equal(same.statusCode, 200, same.body);
    });

    it('says a link is over when its webinar ended, and a made-up link is invalid', async () => {
      const event = await createEvent();
      const { token } = await invite(event.id, 'Otto Over', 'otto@example.org');
      await plenum.store.db
        .updateTable('events')
        .set({ ends_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', event.id)
        .execute();
      const over = await join(token);
      assert.equal(over.json<{ error: { code: string } }>().error.code, 'ERR_EVENT_OVER');
      const madeUp = await join('x'.repeat(43));
      assert.equal(madeUp.json<{ error: { code: string } }>().error.code, 'ERR_JOIN_LINK_INVALID');
      const overInvite = await inject('POST', `/api/events/${event.id}/panelists`, { name: 'Late', email: 'late@example.org' }, asAdmin());
      assert.equal(overInvite.json<{ error: { code: string } }>().error.code, 'ERR_EVENT_OVER');
    });

    it('finds, exports and erases a panelist’s invitations by email, and deletes them after the event like registrations', async () => {
      const event = await createEvent({ title: 'Subject rights' });
      const { invitation, token } = await invite(event.id, 'Sara Subject', 'sara@example.org');
      const source = createEventsSubjectData();
      const { db } = plenum.store;
      const { registrationIds } = await source.identify!('sara@example.org', db);
      assert.deepEqual(registrationIds, [invitation.id], 'the invitation stands where a registration would');
      const subject = { email: 'sara@example.org', phones: [], registrationIds };
      const items = (await source.collect(subject, db)).filter((i) => i.category === 'events.panelists');
      assert.deepEqual(
        items.map((i) => [i.context, i.data.name, i.data.email, i.data.revokedAt]),
        [['Subject rights', 'Sara Subject', 'sara@example.org', null]],
      );
      assert.ok(!JSON.stringify(items).includes(hashToken(token)), 'no hash of the link in the export');
      const held = await source.erase(subject, (item) => item.category === 'events.panelists', db);
      assert.deepEqual(held.kept, [{ category: 'events.panelists', id: invitation.id }], 'a legal hold keeps it');
      const erased = await source.erase(subject, () => false, db);
      assert.equal(erased.erased, 1);
      assert.equal((await join(token)).statusCode, 404, 'the erased invitation’s link admits nobody');

      const ended = await createEvent({ title: 'Long over' });
      await invite(ended.id, 'Ulla Until', 'ulla@example.org');
      await plenum.store.db
        .updateTable('events')
        .set({ ends_at: new Date(Date.now() - 3 * 86_400_000).toISOString(), retention_registration_days: 1 })
        .where('id', '=', ended.id)
        .execute();
      const task = eventsRetentionTasks().find((t) => t.category === 'events.panelists')!;
      const run = { now: new Date(), days: 180, held: () => false };
      assert.equal(await task.run({ ...run, dryRun: true }, db), 1);
      assert.equal(await task.run({ ...run, dryRun: false }, db), 1);
      const left = await db.selectFrom('panelist_invitations').select('email').where('event_id', '=', ended.id).execute();
      assert.deepEqual(left, []);
    });
  });
}
