import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import {
  createMeeting,
  inject,
  inviteHost,
  joinAsGuest,
  joinAsHost,
  settle,
  startRoomKit,
  type Person,
  type RoomKit,
} from '../chat/testing.js';
import { loadConfig } from '../config.js';
import { renderJanusConfig } from '../media/janus-config.js';
import { dialects } from '../testing/stores.js';
import { RecordingFiles } from './files.js';
import { recordingNoticeFor, recordingRetentionDays } from './notice.js';
import { debianTools } from './render.js';
import { createRecordingService } from './service.js';
import { createRecordingSubjectData } from './subject-data.js';

const recordingNotice = recordingNoticeFor(recordingRetentionDays);

interface State {
  active: boolean;
  mayStart: boolean;
  asked: boolean;
  decision: string | null;
  recorded: { participantId: string; displayName: string }[];
  notice: typeof recordingNotice | null;
}

const english = recordingNotice.texts.find((t) => t.language === 'en')!;
const lastState = (person: Person) => person.pushes('recording.state').at(-1) as unknown as State;
const untilState = async (person: Person, match: (state: State) => boolean) => {
  for (let i = 0; i < 100; i++) {
    const state = person.pushes('recording.state').at(-1) as unknown as State | undefined;
    if (state && match(state)) return state;
    await settle(30);
  }
  throw new Error(`no matching recording.state: ${JSON.stringify(lastState(person))}`);
};

for (const dialect of dialects) {
  describe(`recording rules on ${dialect}`, () => {
    let kit: RoomKit;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-recording-test-'));
    before(async () => {
      kit = await startRoomKit(dialect, { DATA_DIR: dataDir });
    });
    after(async () => {
      await kit.plenum.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('refuses to record a meeting whose host has not allowed it, and lets only the host start', async () => {
      const room = await createMeeting(kit, 'Not allowed');
      const host = await joinAsHost(kit, room);
      const anna = await joinAsGuest(kit, room, 'Anna');
      assert.equal((await untilState(host, () => true)).mayStart, false, 'no Record button before the host allows it');
      assert.equal((await host.request('recording.start')).code, 'ERR_RECORDING_NOT_ALLOWED');

      const allowed = await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, {
        cookie: kit.admin,
        payload: { allowed: true },
      });
      assert.equal(allowed.statusCode, 204);
      assert.equal((await anna.request('recording.start')).code, 'ERR_FORBIDDEN', 'a participant cannot start a recording');
      assert.equal((await host.request('recording.start', { everyone: true })).code, 'ERR_VALIDATION', 'unknown fields are refused');
      const list = (await inject(kit, 'GET', `/api/meetings/${room.id}/recordings`, { cookie: kit.admin })).json<{
        allowed: boolean;
        recordings: unknown[];
      }>();
      assert.deepEqual(list, { allowed: true, eventId: null, recordings: [] });
      for (const person of [host, anna]) person.socket.socket.close();
    });

    it('follows the event’s “may be recorded” flag, off by default, and says so on the registration page', async () => {
      const start = new Date(Date.now() + 86_400_000);
      const base = {
        kind: 'meeting',
        description: '',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        timeZone: 'Europe/Berlin',
        language: 'en',
      };
      const plain = (await inject(kit, 'POST', '/api/events', { cookie: kit.admin, payload: { ...base, title: 'Plain event' } })).json<{
        id: string;
        slug: string;
        mayBeRecorded: boolean;
      }>();
      const recorded = (
        await inject(kit, 'POST', '/api/events', { cookie: kit.admin, payload: { ...base, title: 'Recorded event', mayBeRecorded: true } })
      ).json<{
        id: string;
        slug: string;
        mayBeRecorded: boolean;
      }>();
      assert.equal(plain.mayBeRecorded, false);
      assert.equal(recorded.mayBeRecorded, true);
      const publicPlain = (await inject(kit, 'GET', `/api/public/events/${plain.slug}`)).json<{ mayBeRecorded?: boolean }>();
      const publicRecorded = (await inject(kit, 'GET', `/api/public/events/${recorded.slug}`)).json<{ mayBeRecorded?: boolean }>();
      assert.equal(publicPlain.mayBeRecorded, false);
      assert.equal(publicRecorded.mayBeRecorded, true);

      const meetings = (await inject(kit, 'GET', '/api/meetings', { cookie: kit.admin })).json<{
        meetings: { id: string; eventId: string | null }[];
      }>().meetings;
      const roomOf = (eventId: string) => meetings.find((m) => m.eventId === eventId)!.id;
      const forPlain = (await inject(kit, 'GET', `/api/meetings/${roomOf(plain.id)}/recordings`, { cookie: kit.admin })).json<{
        allowed: boolean;
      }>();
      const forRecorded = (await inject(kit, 'GET', `/api/meetings/${roomOf(recorded.id)}/recordings`, { cookie: kit.admin })).json<{
        allowed: boolean;
      }>();
      assert.equal(forPlain.allowed, false);
      assert.equal(forRecorded.allowed, true);
      const override = await inject(kit, 'POST', `/api/meetings/${roomOf(plain.id)}/recording-permission`, {
        cookie: kit.admin,
        payload: { allowed: true },
      });
      assert.equal(override.statusCode, 409, 'an event room follows its event; it is not switched on the meeting');
      assert.equal(override.json<{ error: { code: string } }>().error.code, 'ERR_RECORDING_FOLLOWS_EVENT');
    });

    it('refuses a consent changed back and forth faster than a person does: each change is a stored proof and a push to everyone', async () => {
      const room = await createMeeting(kit, 'Consent toggling');
      await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, { cookie: kit.admin, payload: { allowed: true } });
      const host = await joinAsHost(kit, room);
      const mallory = await joinAsGuest(kit, room, 'Mallory');
      await untilState(host, (s) => s.mayStart);
      assert.equal((await host.request('recording.start')).type, 'result');
      await untilState(mallory, (s) => s.active);
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 30; i++) {
        const decision = i % 2 === 0 ? 'consent' : 'decline';
        const answer = await mallory.request('recording.decide', { decision, noticeHash: english.hash });
        codes.push(answer.type === 'result' ? 'ok' : answer.code);
      }
      assert.equal(codes[0], 'ok');
      assert.ok(codes.includes('ERR_RATE_LIMITED'), codes.join(' '));
      assert.deepEqual([...new Set(codes)].sort(), ['ERR_RATE_LIMITED', 'ok']);
      assert.equal((await host.request('recording.stop')).type, 'result');
    });

    it('asks everyone, late joiners too, stores each decision as proof and names only those who consented', async () => {
      const room = await createMeeting(kit, 'Consent round');
      await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, { cookie: kit.admin, payload: { allowed: true } });
      const host = await joinAsHost(kit, room);
      const anna = await joinAsGuest(kit, room, 'Anna');
      const bob = await joinAsGuest(kit, room, 'Bob');
      await untilState(host, (s) => s.mayStart);
      assert.equal((await host.request('recording.start')).type, 'result');
      assert.equal((await host.request('recording.start')).code, 'ERR_RECORDING_ACTIVE');
      for (const person of [host, anna, bob]) {
        const state = await untilState(person, (s) => s.active);
        assert.equal(state.decision, null, 'nobody is recorded before deciding');
        assert.deepEqual(state.recorded, []);
        assert.equal(state.notice?.version, recordingNotice.version);
      }

      assert.equal(
        (await anna.request('recording.decide', { decision: 'consent', noticeHash: '0'.repeat(64) })).code,
        'ERR_RECORDING_NOTICE_UNKNOWN',
      );
      assert.equal((await anna.request('recording.decide', { decision: 'consent', noticeHash: english.hash })).type, 'result');
      assert.equal((await bob.request('recording.decide', { decision: 'decline', noticeHash: english.hash })).type, 'result');
      const seen = await untilState(bob, (s) => s.recorded.length === 1);
      assert.deepEqual(seen.recorded, [{ participantId: anna.id, displayName: 'Anna' }], 'the indicator names Anna, not Bob');

      const carla = await joinAsGuest(kit, room, 'Carla');
      const late = await untilState(carla, (s) => s.active);
      assert.equal(late.decision, null, 'a late joiner is asked first');

      assert.equal((await anna.request('recording.withdraw', { erase: true, noticeHash: english.hash })).type, 'result');
      await untilState(host, (s) => s.recorded.length === 0);
      assert.equal((await host.request('recording.stop')).type, 'result');
      await untilState(anna, (s) => !s.active);

      const { recordings } = (await inject(kit, 'GET', `/api/meetings/${room.id}/recordings`, { cookie: kit.admin })).json<{
        recordings: { id: string }[];
      }>();
      assert.equal(recordings.length, 1);
      const detail = (await inject(kit, 'GET', `/api/recordings/${recordings[0]!.id}`, { cookie: kit.admin })).json<{
        consents: { displayName: string; decision: string; noticeHash: string; noticeVersion: string; scope: string[] }[];
      }>();
      assert.deepEqual(
        detail.consents.map((c) => [c.displayName, c.decision]),
        [
          ['Anna', 'consent'],
          ['Bob', 'decline'],
          ['Anna', 'withdraw'],
        ],
      );
      for (const consent of detail.consents) {
        assert.equal(consent.noticeHash, english.hash);
        assert.equal(consent.noticeVersion, recordingNotice.version);
        assert.deepEqual(consent.scope, ['audio', 'camera', 'screen']);
      }
      for (const person of [host, anna, bob, carla]) person.socket.socket.close();
    });

    it('in a webinar asks only the panel, and names no attendee to another attendee', async () => {
      const room = (
        await inject(kit, 'POST', '/api/meetings', {
          cookie: kit.admin,
          payload: { title: 'Recorded webinar', kind: 'webinar', lobby: 'off' },
        })
      ).json<{
        id: string;
        meetingNumber: string;
        passcode: string;
      }>();
      await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, { cookie: kit.admin, payload: { allowed: true } });
      const host = await joinAsHost(kit, room);
      const pia = await joinAsGuest(kit, room, 'Pia Panel');
      const anna = await joinAsGuest(kit, room, 'Anna Attendee');
      const ben = await joinAsGuest(kit, room, 'Ben Attendee');
      assert.equal((await host.request('webinar.promote', { participantId: pia.id })).type, 'result');
      // Invited to speak, Pia accepts (the attendee is asked first).
      assert.equal((await pia.request('webinar.reply', { accept: true })).type, 'result');
      await untilState(host, (s) => s.mayStart);
      assert.equal((await host.request('recording.start')).type, 'result');

      const watching = await untilState(anna, (s) => s.active);
      assert.equal(watching.asked, false, 'an attendee sends no media and is not asked');
      const refused = await anna.request('recording.decide', { decision: 'consent', noticeHash: english.hash });
      assert.equal(refused.code, 'ERR_RECORDING_NOT_ASKED', 'an attendee cannot consent');
      assert.equal((await untilState(pia, (s) => s.active && s.asked)).decision, null);
      assert.equal((await pia.request('recording.decide', { decision: 'consent', noticeHash: english.hash })).type, 'result');

      const seen = await untilState(ben, (s) => s.recorded.length === 1);
      assert.deepEqual(seen.recorded, [{ participantId: pia.id, displayName: 'Pia Panel' }], 'the panelist is named');
      assert.deepEqual((await untilState(host, (s) => s.recorded.length === 1)).recorded, [
        { participantId: pia.id, displayName: 'Pia Panel' },
      ]);

      // Taken off the panel, Pia is an attendee again: no longer recorded, named to no attendee, asked again only if she comes back.
      assert.equal((await host.request('webinar.demote', { participantId: pia.id })).type, 'result');
      await untilState(ben, (s) => s.recorded.length === 0);
      const demoted = await untilState(pia, (s) => !s.asked);
      assert.equal(demoted.decision, null);
      const shownToBen = JSON.stringify(ben.pushes('recording.state').slice(ben.pushes('recording.state').indexOf(seen as never) + 1));
      for (const attendee of ['Anna Attendee', 'Pia Panel'])
        assert.ok(!shownToBen.includes(attendee), `no recording push to Ben names ${attendee} while an attendee`);
      assert.ok(!JSON.stringify(ben.pushes('recording.state')).includes('Anna'), 'no recording push to Ben ever names Anna');
      assert.equal((await host.request('recording.stop')).type, 'result');
      for (const person of [host, pia, anna, ben]) person.socket.socket.close();
    });

    it('makes no file and no directory when nothing was recorded, and shows recordings only to their host and admins', async () => {
      const otherHost = await inviteHost(kit, `other-${dialect}@example.org`);
      const room = await createMeeting(kit, 'Empty');
      await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, { cookie: kit.admin, payload: { allowed: true } });
      const host = await joinAsHost(kit, room);
      await untilState(host, (s) => s.mayStart);
      await host.request('recording.start');
      await host.request('recording.stop');
      const { recordings } = (await inject(kit, 'GET', `/api/meetings/${room.id}/recordings`, { cookie: kit.admin })).json<{
        recordings: { id: string; status: string }[];
      }>();
      const id = recordings[0]!.id;
      for (
        let i = 0;
        i < 50 && (await inject(kit, 'GET', `/api/recordings/${id}`, { cookie: kit.admin })).json<{ status: string }>().status !== 'empty';
        i++
      )
        await settle(50);
      assert.equal((await inject(kit, 'GET', `/api/recordings/${id}`, { cookie: kit.admin })).json<{ status: string }>().status, 'empty');
      assert.equal(existsSync(path.join(dataDir, 'recordings', id)), false, 'no directory for a recording nobody consented to');
      assert.equal(id.length, 43, '32 random bytes');

      assert.equal((await inject(kit, 'GET', `/api/recordings/${id}/file`, { cookie: kit.admin })).statusCode, 409, 'no file to download');
      assert.equal((await inject(kit, 'GET', `/api/recordings/${id}/file`)).statusCode, 401);
      assert.equal(
        (await inject(kit, 'GET', `/api/recordings/${id}`, { cookie: otherHost })).statusCode,
        404,
        'another host does not see it',
      );
      assert.equal((await inject(kit, 'GET', `/api/recordings/${id}/file`, { cookie: otherHost })).statusCode, 404);
      assert.equal((await inject(kit, 'GET', `/api/meetings/${room.id}/recordings`, { cookie: otherHost })).statusCode, 404);
      assert.equal((await inject(kit, 'GET', '/api/recordings/not-a-recording-id/file', { cookie: kit.admin })).statusCode, 400);

      const deleted = await kit.plenum.app.inject({ method: 'DELETE', url: `/api/recordings/${id}`, headers: { cookie: kit.admin } });
      assert.equal(deleted.statusCode, 204);
      assert.equal((await inject(kit, 'GET', `/api/recordings/${id}`, { cookie: kit.admin })).statusCode, 404);
      const audit = await kit.plenum.store.db.selectFrom('audit_entries').select('action').where('subject_id', '=', id).execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['recording.deleted'],
      );
      host.socket.socket.close();
    });

    it('deletes a recording, file and raw tracks, when its retention deadline has passed', async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'plenum-recordings-'));
      const files = new RecordingFiles(root);
      const service = createRecordingService(kit.plenum.store, files, debianTools, pino({ level: 'silent' }));
      const room = await createMeeting(kit, 'Retention');
      await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, { cookie: kit.admin, payload: { allowed: true } });
      const session = {
        participantId: 'p1',
        roomId: room.id,
        displayName: 'Host',
        role: 'host' as const,
        accountId: null,
        registrationId: null,
        expiresAt: 0,
      };
      const recording = await service.start(room.id, session);
      const track = await service.openTrack(recording.id, session, 'audio', 1);
      writeFileSync(`${track.path}-audio.mjr`, 'raw');
      mkdirSync(files.dir(recording.id), { recursive: true });
      writeFileSync(files.finalFile(recording.id), 'final');
      await kit.plenum.store.db.updateTable('recordings').set({ status: 'ready' }).where('id', '=', recording.id).execute();

      assert.equal(await service.sweep(new Date()), 0, 'nothing is due yet');
      const later = new Date(Date.now() + 31 * 86_400_000);
      // Other tests' recordings count as held here, so only this one is judged.
      const onlyThis = (id: string) => id !== recording.id;
      assert.equal(await service.sweep(later, onlyThis, true), 1, 'a dry run counts');
      assert.ok(existsSync(files.finalFile(recording.id)), 'and deletes nothing');
      assert.equal(await service.sweep(later, () => true), 0, 'a legal hold keeps it');
      assert.equal(await service.sweep(later, onlyThis), 1);
      assert.equal(existsSync(files.dir(recording.id)), false, 'file and raw tracks are gone');
      assert.equal(
        await kit.plenum.store.db.selectFrom('recording_tracks').select('id').where('recording_id', '=', recording.id).executeTakeFirst(),
        undefined,
      );
      rmSync(root, { recursive: true, force: true });
    });

    it('serves a finished file to its host with an audit entry, and erases one participant’s tracks on their request', async () => {
      const files = new RecordingFiles(path.join(dataDir, 'recordings'));
      const service = createRecordingService(kit.plenum.store, files, debianTools, pino({ level: 'silent' }));
      const room = await createMeeting(kit, 'Served');
      await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, { cookie: kit.admin, payload: { allowed: true } });
      const base = { roomId: room.id, role: 'participant' as const, accountId: null, registrationId: null, expiresAt: 0 };
      const recording = await service.start(room.id, { ...base, participantId: 'h', displayName: 'Host', role: 'host' });
      const tina = await service.openTrack(recording.id, { ...base, participantId: 'tina', displayName: 'Tina' }, 'audio', 1);
      const uwe = await service.openTrack(recording.id, { ...base, participantId: 'uwe', displayName: 'Uwe' }, 'camera', 2);
      writeFileSync(`${tina.path}-audio.mjr`, 'tina');
      writeFileSync(`${uwe.path}-video-0.mjr`, 'uwe');

      assert.equal(await service.eraseParticipant(recording.id, 'tina'), 1);
      assert.equal(existsSync(`${tina.path}-audio.mjr`), false, 'Tina’s raw track is deleted at once');
      assert.equal(existsSync(`${uwe.path}-video-0.mjr`), true, 'Uwe’s stays');
      const left = await kit.plenum.store.db
        .selectFrom('recording_tracks')
        .select('participant_id')
        .where('recording_id', '=', recording.id)
        .execute();
      assert.deepEqual(
        left.map((t) => t.participant_id),
        ['uwe'],
      );

      writeFileSync(files.finalFile(recording.id), 'the final file');
      await kit.plenum.store.db.updateTable('recordings').set({ status: 'ready' }).where('id', '=', recording.id).execute();
      const download = await inject(kit, 'GET', `/api/recordings/${recording.id}/file`, { cookie: kit.admin });
      assert.equal(download.statusCode, 200);
      assert.equal(download.body, 'the final file');
      assert.equal(download.headers['content-type'], 'video/webm');
      assert.equal(download.headers['cache-control'], 'no-store');
      assert.match(String(download.headers['content-disposition']), /^attachment; filename="recording-Served\.webm"/);
      const audit = await kit.plenum.store.db
        .selectFrom('audit_entries')
        .select('action')
        .where('subject_id', '=', recording.id)
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['recording.participant_erased', 'recording.downloaded'],
      );
    });

    it('gives a registrant their tracks and consents, and erases their tracks and the file that held them', async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'plenum-recordings-'));
      const files = new RecordingFiles(root);
      const service = createRecordingService(kit.plenum.store, files, debianTools, pino({ level: 'silent' }));
      const source = createRecordingSubjectData(files);
      const room = await createMeeting(kit, 'Subject');
      await inject(kit, 'POST', `/api/meetings/${room.id}/recording-permission`, { cookie: kit.admin, payload: { allowed: true } });
      const base = { roomId: room.id, role: 'participant' as const, accountId: null, expiresAt: 0 };
      const rita = { ...base, participantId: 'rita', displayName: 'Rita', registrationId: `reg-rita-${dialect}` };
      const sam = { ...base, participantId: 'sam', displayName: 'Sam', registrationId: null };
      const recording = await service.start(room.id, {
        ...base,
        participantId: 'h',
        displayName: 'Host',
        role: 'host',
        registrationId: null,
      });
      await service.decide(recording.id, rita, 'consent', english);
      const ritaTrack = await service.openTrack(recording.id, rita, 'audio', 1);
      const samTrack = await service.openTrack(recording.id, sam, 'audio', 2);
      writeFileSync(`${ritaTrack.path}-audio.mjr`, 'rita');
      writeFileSync(`${samTrack.path}-audio.mjr`, 'sam');
      writeFileSync(files.finalFile(recording.id), 'final');
      await kit.plenum.store.db.updateTable('recordings').set({ status: 'ready' }).where('id', '=', recording.id).execute();

      const subject = { email: 'rita@example.org', phones: [], registrationIds: [rita.registrationId] };
      const items = await source.collect(subject, kit.plenum.store.db);
      assert.deepEqual(items.map((i) => [i.category, i.data.displayName]).sort(), [
        ['recording.consents', 'Rita'],
        ['recording.tracks', 'Rita'],
      ]);
      const rolledBack = kit.plenum.store.transaction(async (tx) => {
        await source.erase(subject, () => false, tx);
        throw new Error('rolled back');
      });
      await assert.rejects(rolledBack, /rolled back/);
      assert.equal(existsSync(`${ritaTrack.path}-audio.mjr`), true, 'an erasure that rolled back deletes no file');
      assert.equal(existsSync(files.finalFile(recording.id)), true, 'not even the final file');
      const result = await kit.plenum.store.transaction((tx) => source.erase(subject, () => false, tx));
      assert.equal(existsSync(`${ritaTrack.path}-audio.mjr`), true, 'files go only once the erasure committed');
      await result.afterCommit?.();
      assert.equal(result.erased, 1);
      assert.deepEqual(
        result.kept.map((k) => k.category),
        ['recording.consents'],
        'the consent proof stays with the recording',
      );
      assert.equal(existsSync(`${ritaTrack.path}-audio.mjr`), false, 'her raw track is gone');
      assert.equal(existsSync(`${samTrack.path}-audio.mjr`), true, 'the others’ tracks stay');
      assert.equal(existsSync(files.finalFile(recording.id)), false, 'the file that contained her is gone');
      const after = await kit.plenum.store.db
        .selectFrom('recordings')
        .select('status')
        .where('id', '=', recording.id)
        .executeTakeFirstOrThrow();
      assert.equal(after.status, 'processing', 'and is made again without her');
      rmSync(root, { recursive: true, force: true });
    });
  });
}

describe('the recording notice', () => {
  it('names the retention period that applies, and a different period is a different text with its own hash', () => {
    const week = recordingNoticeFor(7);
    const english = week.texts.find((t) => t.language === 'en')!;
    const german = week.texts.find((t) => t.language === 'de')!;
    assert.match(english.retention, /deleted automatically 7 days after/);
    assert.match(german.retention, / 7 Tage nach /);
    assert.notEqual(english.hash, recordingNotice.texts.find((t) => t.language === 'en')!.hash);
  });
});

describe('the embedded Janus configuration for recording', () => {
  it('never protects the folder recordings go to, so Janus does not silently write nothing', () => {
    const { janus } = loadConfig({});
    const render = (recordingsDir: string) =>
      renderJanusConfig('/tmp/j', {
        wsPort: 1,
        adminWsPort: 2,
        adminSecret: 's',
        rtpPorts: janus.rtpPorts,
        eventLoops: 0,
        host: '127.0.0.1',
        ice: janus.ice,
        recordingsDir,
      })['janus.jcfg']!;
    const protectedOf = (text: string) => JSON.parse(/protected_folders = (\[.*\])/.exec(text)![1]!) as string[];
    assert.ok(!protectedOf(render('/var/lib/plenum/recordings')).includes('/var'));
    assert.ok(protectedOf(render('/var/lib/plenum/recordings')).includes('/etc'), 'the other system folders stay protected');
    assert.ok(protectedOf(render('/srv/plenum/recordings')).includes('/var'));
  });
});
