import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RecordingFiles } from '../recording/files.js';
import { buildEvent, linkToken } from '../events/testing.js';
import { adminCredentials, sessionCookieOf, setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { dialects } from '../testing/stores.js';
import { authorizationMatrix, type Actor, type Cell, type Fixture, type MatrixRow } from './authorization-matrix.js';

/**
 * Every route of /api/openapi.json, called as every kind of actor on its own and on someone
 * else's resource, against the answer written down once in ./authorization-matrix.ts. A route
 * without a row there fails here, so a new route cannot skip its authorization.
 */

type Credential = { cookie?: string; authorization?: string };
type Owner = 'host' | 'otherHost' | 'admin' | 'hostToken' | 'adminToken';

/** The resource an actor calls "own", and whose resource it calls "other's": a host-role token's other is its creator's. */
const ownerOfActor: Partial<Record<Actor, Owner>> = { host: 'host', admin: 'admin', hostToken: 'hostToken', adminToken: 'adminToken' };
const otherOfActor: Record<Actor, Owner> = {
  anonymous: 'host',
  participant: 'host',
  host: 'otherHost',
  dpo: 'host',
  admin: 'host',
  hostToken: 'admin',
  dpoToken: 'admin',
  adminToken: 'admin',
};

interface OwnedSet {
  eventId: string;
  slug: string;
  registrationId: string;
  confirmedRegistrationId: string;
  speakerId: string;
  panelistId: string;
  meetingId: string;
  meetingNumber: string;
  passcode: string;
  recordingId: string;
  callId: string;
}

const actors = Object.keys(otherOfActor) as Actor[];
const classOf = (status: number): Cell | number => (status >= 200 && status < 300 ? 'ok' : status);

// Both stores in `npm test`; the fast tier, like every store test there, on SQLite (TEST_DIALECTS).
for (const dialect of dialects) {
  describe(`authorization matrix on ${dialect}`, () => {
    let plenum: TestPlenum;
    let dataDir: string;
    let files: RecordingFiles;
    const credentials = {} as Record<Actor, Credential>;
    const ownerCredential = {} as Record<Owner, Credential>;
    const owned = {} as Record<Owner, OwnedSet>;
    let documented: string[] = [];
    let adminCookie: string;

    /** Each actor calls from an address of its own, so the per-client limits of public forms count each separately. */
    async function call(method: string, url: string, credential: Credential, body?: unknown, actor?: Actor) {
      const headers: Record<string, string> = {};
      if (credential.cookie) headers.cookie = credential.cookie;
      if (credential.authorization) headers.authorization = credential.authorization;
      const remoteAddress = `10.9.0.${actor ? actors.indexOf(actor) + 1 : 100}`;
      return plenum.app.inject({
        method: method as 'GET',
        url,
        headers,
        remoteAddress,
        ...(body === undefined ? {} : { payload: body as object }),
      });
    }

    async function ok<T>(method: string, url: string, credential: Credential, body?: unknown): Promise<T> {
      const response = await call(method, url, credential, body);
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return (response.body ? response.json() : undefined) as T;
    }

    const emails: Partial<Record<Actor, string>> = { admin: adminCredentials.email };
    const staffPassword = 'a long enough password';

    /** A second session of the same person, for a call that ends the session it is made with. */
    async function signInAgain(actor: Actor): Promise<Credential> {
      const email = emails[actor];
      if (!email) return credentials[actor];
      const password = actor === 'admin' ? adminCredentials.password : staffPassword;
      return { cookie: sessionCookieOf(await call('POST', '/api/auth/login', {}, { email, password })) };
    }

    async function staffMember(role: 'host' | 'dpo', name: string): Promise<{ id: string; cookie: string; email: string }> {
      const email = `${name}@example.org`;
      const { id } = await ok<{ id: string }>(
        'POST',
        '/api/staff/invitations',
        { cookie: adminCookie },
        { email, displayName: name, role },
      );
      const token = await linkToken(plenum, email, /\/invite\/([\w-]+)/);
      const accepted = await call('POST', `/api/invitations/${token}/accept`, {}, { password: staffPassword });
      return { id, cookie: sessionCookieOf(accepted), email };
    }

    async function apiToken(role: 'admin' | 'host' | 'dpo'): Promise<{ id: string; authorization: string }> {
      const created = await ok<{ id: string; token: string }>(
        'POST',
        '/api/api-tokens',
        { cookie: adminCookie },
        { name: `${role} integration`, role },
      );
      return { id: created.id, authorization: `Bearer ${created.token}` };
    }

    /** One of everything an owner can own: an event with a pending registrant, a meeting with a finished recording and a phone call. */
    async function ownedSet(owner: Owner): Promise<OwnedSet> {
      const credential = ownerCredential[owner];
      const event = await ok<{ id: string; slug: string; speakers: { id: string }[] }>(
        'POST',
        '/api/events',
        credential,
        buildEvent({ title: `${owner}'s event`, approvalMode: 'manual', speakers: [{ name: 'Dora Datenschutz' }] }),
      );
      const speakerId = event.speakers[0]!.id;
      await plenum.store.db
        .updateTable('event_speakers')
        .set({ photo_type: 'image/jpeg', photo_base64: Buffer.from([0xff, 0xd8, 0xff]).toString('base64') })
        .where('id', '=', speakerId)
        .execute();
      const meeting = await ok<{ id: string; meetingNumber: string; passcode: string }>('POST', '/api/meetings', credential, {
        title: `${owner}'s meeting`,
        schedule: { localStart: '2099-01-05T10:00', timeZone: 'Europe/Berlin', durationMinutes: 60, recurrence: 'weekly' },
      });
      const now = new Date().toISOString();
      const [registrationId, confirmedRegistrationId] = [randomUUID(), randomUUID()];
      const registrant = (id: string, state: 'pending' | 'confirmed') => ({
        id,
        event_id: event.id,
        email: `${id}@example.org`,
        first_name: 'Erika',
        last_name: 'Mustermann',
        company: null,
        industry: null,
        phone: null,
        language: 'de',
        state,
        notice_version: 'test',
        registered_at: now,
        confirmed_at: now,
        expires_at: null,
        confirm_token_hash: null,
        manage_token_hash: null,
        join_token_hash: null,
        join_revoked_at: null,
        updated_at: now,
      });
      await plenum.store.db
        .insertInto('registrations')
        .values([registrant(registrationId, 'pending'), registrant(confirmedRegistrationId, 'confirmed')])
        .execute();
      const panelistId = randomUUID();
      await plenum.store.db
        .insertInto('panelist_invitations')
        .values({
          id: panelistId,
          event_id: event.id,
          name: 'Petra Podium',
          email: `${panelistId}@example.org`,
          token_hash: randomBytes(32).toString('hex'),
          invited_at: now,
          revoked_at: null,
        })
        .execute();
      const recordingId = randomBytes(32).toString('base64url');
      const room = await plenum.store.db
        .selectFrom('rooms')
        .select('host_account_id')
        .where('id', '=', meeting.id)
        .executeTakeFirstOrThrow();
      await plenum.store.db
        .insertInto('recordings')
        .values({
          id: recordingId,
          room_id: meeting.id,
          host_account_id: room.host_account_id,
          title: 'Aufzeichnung',
          status: 'ready',
          started_at: now,
          stopped_at: now,
          file_size: 4,
          duration_seconds: 1,
          delete_after: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .execute();
      await mkdir(path.dirname(files.finalFile(recordingId)), { recursive: true });
      await writeFile(files.finalFile(recordingId), 'webm');
      const callId = randomUUID();
      await plenum.store.db
        .insertInto('call_records')
        .values({
          id: callId,
          room_id: meeting.id,
          caller_number: '+4930123456',
          called_number: '+4930999999',
          caller_country: 'Germany',
          source_ip: '192.0.2.1',
          source_port: 5060,
          transport: 'udp',
          outcome: 'admitted',
          started_at: now,
          ended_at: now,
        })
        .execute();
      return {
        eventId: event.id,
        slug: event.slug,
        registrationId,
        confirmedRegistrationId,
        speakerId,
        panelistId,
        meetingId: meeting.id,
        meetingNumber: meeting.meetingNumber,
        passcode: meeting.passcode,
        recordingId,
        callId,
      };
    }

    /** Resources nobody owns (staff accounts, tokens, the DPO's cases, processors, callbacks), fresh for each call that changes them. */
    const unowned: Record<Exclude<Fixture, 'owned' | 'none'>, () => Promise<Record<string, string>>> = {
      staff: async () => ({
        id: (
          await ok<{ id: string }>(
            'POST',
            '/api/staff/invitations',
            { cookie: adminCookie },
            { email: `${randomUUID()}@example.org`, displayName: 'Vera', role: 'host' },
          )
        ).id,
      }),
      apiToken: async () => ({ id: (await apiToken('host')).id }),
      privacyRequest: async () => ({
        id: (
          await ok<{ id: string }>('POST', '/api/privacy/requests', credentials.dpo, {
            type: 'access',
            email: `${randomUUID()}@example.org`,
            receivedAt: new Date().toISOString().slice(0, 10),
          })
        ).id,
      }),
      hold: async () => ({
        id: (
          await ok<{ id: string }>('POST', '/api/privacy/holds', credentials.dpo, {
            category: 'events.registrant-required',
            reason: 'a court case',
            until: '2099-01-01',
          })
        ).id,
      }),
      processor: async () => ({
        id: (
          await ok<{ id: string }>('POST', '/api/privacy/processors', credentials.admin, {
            name: `Mailer ${randomUUID()}`,
            purposeEn: 'mail',
            purposeDe: 'Mail',
            country: 'DE',
            transferBasis: 'eu',
          })
        ).id,
      }),
      callback: async () => {
        const id = randomUUID();
        const now = new Date().toISOString();
        await plenum.store.db
          .insertInto('callback_requests')
          .values({
            id,
            name: 'Erika',
            phone: '+4930123456',
            preferred_time: 'morning',
            topic: 'Pricing',
            language: 'de',
            notice_version: 'test',
            created_at: now,
            assigned_to: null,
            done_at: null,
          })
          .execute();
        return { id };
      },
    };

    before(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'plenum-matrix-'));
      files = new RecordingFiles(path.join(dataDir, 'recordings'));
      plenum = await startTestPlenum(dialect, { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000' });
      adminCookie = await setUpAdmin(plenum);
      const [host, otherHost, dpo] = [
        await staffMember('host', 'hanna'),
        await staffMember('host', 'otto'),
        await staffMember('dpo', 'dora'),
      ];
      const [hostToken, dpoToken, adminToken] = [await apiToken('host'), await apiToken('dpo'), await apiToken('admin')];
      Object.assign(credentials, {
        anonymous: {},
        host: { cookie: host.cookie },
        dpo: { cookie: dpo.cookie },
        admin: { cookie: adminCookie },
        hostToken: { authorization: hostToken.authorization },
        dpoToken: { authorization: dpoToken.authorization },
        adminToken: { authorization: adminToken.authorization },
      });
      Object.assign(emails, { host: host.email, dpo: dpo.email });
      Object.assign(ownerCredential, {
        host: credentials.host,
        otherHost: { cookie: otherHost.cookie },
        admin: credentials.admin,
        hostToken: credentials.hostToken,
        adminToken: credentials.adminToken,
      });
      for (const owner of Object.keys(ownerCredential) as Owner[]) owned[owner] = await ownedSet(owner);
      // A participant holds a join session of the host's meeting and tries it as a bearer token.
      const joined = await ok<{ joinToken: string }>(
        'POST',
        '/api/join',
        {},
        { meetingNumber: owned.host.meetingNumber, passcode: owned.host.passcode, displayName: 'Paula' },
      );
      credentials.participant = { authorization: `Bearer ${joined.joinToken}` };
      const document = await ok<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json', {});
      documented = Object.entries(document.paths).flatMap(([route, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`),
      );
    });
    after(async () => {
      await plenum.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('has a row for every documented route, and no row for a route that is gone', () => {
      assert.deepEqual(
        documented.filter((route) => !authorizationMatrix[route]).sort(),
        [],
        'routes without a row in src/http/authorization-matrix.ts',
      );
      assert.deepEqual(
        Object.keys(authorizationMatrix)
          .filter((route) => !documented.includes(route))
          .sort(),
        [],
        'rows for routes that no longer exist',
      );
    });

    /** One call: the route as this actor on its own resource, someone else's, or one nobody owns; answers what it got, or undefined when that was expected. */
    async function check(route: string, row: MatrixRow, actor: Actor, side: 'own' | 'other' | 'any'): Promise<string | undefined> {
      const [method, template] = route.split(' ') as [string, string];
      const expected = row.expect[actor][side];
      const owner = side === 'own' ? ownerOfActor[actor]! : otherOfActor[actor];
      const target = side === 'any' ? undefined : row.fresh ? await ownedSet(owner) : owned[owner];
      const params: Record<string, string> = target
        ? {
            eventId: target.eventId,
            registrationId: row.registration === 'confirmed' ? target.confirmedRegistrationId : target.registrationId,
            id: row.idOf === 'recording' ? target.recordingId : target.meetingId,
            slug: target.slug,
            speakerId: target.speakerId,
            panelistId: target.panelistId,
          }
        : row.fixture === 'none' || row.fixture === 'owned'
          ? {}
          : await unowned[row.fixture]();
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? row.paramValue ?? randomUUID());
      const credential = row.endsSession ? await signInAgain(actor) : credentials[actor];
      const response = await call(method, url, credential, typeof row.body === 'function' ? row.body() : row.body, actor);
      let got = classOf(response.statusCode);
      if (got === 'ok' && row.lists && target) got = response.body.includes(target[row.lists]) ? 'ok' : 'hidden';
      return got === expected
        ? undefined
        : `${route} as ${actor} on ${side}: expected ${expected}, got ${got} ${response.body.slice(0, response.statusCode === 500 ? 2000 : 80)}`;
    }

    it('answers every route as written for every actor, on their own and on someone else’s resource', async () => {
      // Lists first, before the fresh sets of other rows make them long; the actors of one route call at once.
      const routes = documented
        .filter((route) => authorizationMatrix[route])
        .sort((a, b) => Number(!authorizationMatrix[a]!.lists) - Number(!authorizationMatrix[b]!.lists));
      const wrong: string[] = [];
      let cells = 0;
      for (const route of routes) {
        const row = authorizationMatrix[route]!;
        const calls = actors.flatMap((actor) => {
          const sides =
            row.fixture !== 'owned' ? (['any'] as const) : ownerOfActor[actor] ? (['own', 'other'] as const) : (['other'] as const);
          return sides.map((side) => check(route, row, actor, side));
        });
        cells += calls.length;
        for (const answer of await Promise.all(calls)) if (answer) wrong.push(answer);
      }
      assert.deepEqual(wrong, [], `${wrong.length} of ${cells} answers differ from src/http/authorization-matrix.ts`);
    });

    it('does not let a host-role API token read its creator admin’s meeting: attendance, minutes, questions, dial-in, recordings, calls', async () => {
      const token = credentials.hostToken;
      const adminMeeting = owned.admin.meetingId;
      for (const url of [
        `/api/meetings/${adminMeeting}`,
        `/api/meetings/${adminMeeting}/attendance`,
        `/api/meetings/${adminMeeting}/minutes`,
        `/api/meetings/${adminMeeting}/questions`,
        `/api/meetings/${adminMeeting}/dial-in`,
        `/api/meetings/${adminMeeting}/recordings`,
        `/api/recordings/${owned.admin.recordingId}`,
      ]) {
        assert.equal((await call('GET', url, token)).statusCode, 404, url);
      }
      for (const url of ['/api/meetings', '/api/recordings', '/api/calls', '/api/events']) {
        const response = await call('GET', url, token);
        assert.equal(response.statusCode, 200);
        for (const id of [adminMeeting, owned.admin.recordingId, owned.admin.callId, owned.admin.eventId])
          assert.ok(!response.body.includes(id), `${url} lists the admin's ${id}`);
      }
      // What the token created itself, it reaches.
      assert.equal((await call('GET', `/api/meetings/${owned.hostToken.meetingId}/attendance`, token)).statusCode, 200);
      assert.equal((await call('GET', `/api/meetings/${owned.hostToken.meetingId}/dial-in`, token)).statusCode, 200);
    });

    it('does not let an own event carry someone else’s registrant', async () => {
      const mixed = `/api/events/${owned.host.eventId}/registrations/${owned.otherHost.registrationId}`;
      for (const action of ['approve', 'deny'])
        assert.equal((await call('POST', `${mixed}/${action}`, credentials.host)).statusCode, 404, action);
      assert.equal((await call('POST', `${mixed}/join-link`, credentials.host, { action: 'revoke' })).statusCode, 404);
    });

    it('gives an event’s room to the event’s owner: a host-role token manages the room of its event, another host does not see it', async () => {
      const meetingsOf = async (credential: Credential) =>
        (await ok<{ meetings: { id: string; eventId: string | null }[] }>('GET', '/api/meetings', credential)).meetings;
      const room = (await meetingsOf(credentials.hostToken)).find((m) => m.eventId === owned.hostToken.eventId);
      assert.ok(room, 'the token lists the room of its event');
      assert.equal((await call('GET', `/api/meetings/${room.id}/attendance`, credentials.hostToken)).statusCode, 200);
      assert.equal((await call('GET', `/api/meetings/${room.id}/attendance`, credentials.host)).statusCode, 404);
      assert.ok(!(await meetingsOf(credentials.host)).some((m) => m.id === room.id));
      assert.equal((await call('GET', `/api/meetings/${room.id}/attendance`, credentials.admin)).statusCode, 200);
    });
  });
}
