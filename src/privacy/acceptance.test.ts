import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { buildEvent, confirmLink, linkToken, mailsTo, solvedCaptcha } from '../events/testing.js';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { injectFromFreshClients } from '../testing/inject.js';

/**
 * The issue's scenario across every domain that keeps data about a registrant: registered for two
 * events, asked a question, joined, consented to a recording (with a raw track on disk). The export
 * holds all of it; erasure removes all of it from the store and the files, except the question the
 * DPO put under a legal hold and the consent proof the recording domain must keep, both listed with
 * their reason. The rows of the other domains are written as those domains' code would write them.
 */

for (const dialect of dialects) {
  describe(`a data subject across all domains on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    let dataDir: string;
    const inject = injectFromFreshClients(() => plenum.app);

    before(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-acceptance-'));
      plenum = await startTestPlenum(dialect, { DATA_DIR: dataDir });
      admin = await setUpAdmin(plenum);
    });
    after(async () => {
      await plenum.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function registerAndConfirm(email: string) {
      const event = (await inject('POST', '/api/events', buildEvent(), { cookie: admin })).json<{ id: string; slug: string }>();
      const body = {
        captcha: await solvedCaptcha(plenum),
        firstName: 'Erika',
        lastName: 'Mustermann',
        email,
        phone: '030 1234567',
        language: 'de',
      };
      assert.equal((await inject('POST', `/api/public/events/${event.slug}/registrations`, body)).statusCode, 202);
      assert.equal(
        (await inject('POST', '/api/public/registrations/confirm', { token: await linkToken(plenum, email, confirmLink) })).statusCode,
        200,
      );
      const registration = await plenum.store.db
        .selectFrom('registrations')
        .select('id')
        .where('event_id', '=', event.id)
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      const room = await plenum.store.db.selectFrom('rooms').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow();
      return { registrationId: registration.id, roomId: room.id };
    }

    it('exports everything and erases everything except what a hold or an obligation keeps', async () => {
      const email = 'erika@example.org';
      const first = await registerAndConfirm(email);
      const second = await registerAndConfirm(email);
      const now = new Date().toISOString();
      const db = plenum.store.db;

      const attendanceId = randomUUID();
      await db
        .insertInto('room_attendance')
        .values({
          id: attendanceId,
          room_id: first.roomId,
          registration_id: first.registrationId,
          display_name: 'Erika',
          role: 'attendee',
          joined_at: now,
          left_at: now,
        })
        .execute();
      const questionId = randomUUID();
      await db
        .insertInto('qa_questions')
        .values({
          id: questionId,
          room_id: first.roomId,
          asked_at: now,
          asker_name: 'Erika',
          asker_registration_id: first.registrationId,
          anonymous: 0,
          text: 'Wie lange speichern Sie?',
          upvotes: 0,
          status: 'open',
          answer: null,
          answer_private: 0,
          answered_by_name: null,
          answered_at: null,
        })
        .execute();
      const host = await db.selectFrom('staff_accounts').select('id').executeTakeFirstOrThrow();
      const recordingId = randomUUID();
      await db
        .insertInto('recordings')
        .values({
          id: recordingId,
          room_id: first.roomId,
          host_account_id: host.id,
          title: 'Aufzeichnung',
          status: 'ready',
          started_at: now,
          stopped_at: now,
          file_size: 3,
          duration_seconds: 1,
          delete_after: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .execute();
      const consentId = randomUUID();
      await db
        .insertInto('recording_consents')
        .values({
          id: consentId,
          recording_id: recordingId,
          participant_id: 'p1',
          registration_id: first.registrationId,
          account_id: null,
          display_name: 'Erika',
          decision: 'consent',
          decided_at: now,
          notice_version: 'v1',
          notice_hash: 'h1',
          notice_language: 'de',
          scope: 'audio',
        })
        .execute();
      const trackId = randomUUID();
      await db
        .insertInto('recording_tracks')
        .values({
          id: trackId,
          recording_id: recordingId,
          participant_id: 'p1',
          registration_id: first.registrationId,
          display_name: 'Erika',
          kind: 'audio',
          file_base: 'p1-audio',
          started_at: now,
          stopped_at: now,
        })
        .execute();
      const recordingDir = path.join(dataDir, 'recordings', recordingId);
      mkdirSync(recordingDir, { recursive: true });
      const trackFile = path.join(recordingDir, 'p1-audio-audio.mjr');
      const finalFile = path.join(recordingDir, 'recording.webm');
      writeFileSync(trackFile, 'raw');
      writeFileSync(finalFile, 'webm');

      // The person opens the portal through the mailed link.
      assert.equal((await inject('POST', '/api/public/privacy/access', { email })).statusCode, 202);
      let token: string | undefined;
      for (let i = 0; i < 100 && !token; i++) {
        token = /\/privacy\/access#([\w-]+)/.exec((await mailsTo(plenum, email)).map((m) => m.body_text).join('\n'))?.[1];
        if (!token) await sleep(20);
      }
      const session = await inject('POST', '/api/public/privacy/session', { token });
      const cookie = `plenum_privacy=${session.cookies.find((c) => c.name === 'plenum_privacy')!.value}`;

      const exported = (await inject('GET', '/api/public/privacy/me/export', undefined, { cookie })).json<{
        items: { category: string; id: string }[];
      }>();
      const has = (category: string, id: string) => exported.items.some((i) => i.category === category && i.id === id);
      assert.ok(
        has('events.registrant-required', first.registrationId) && has('events.registrant-required', second.registrationId),
        'both registrations',
      );
      assert.ok(has('rooms.attendance', attendanceId), 'attendance');
      assert.ok(has('qa.questions', questionId), 'the question');
      assert.ok(has('recording.consents', consentId), 'the consent');
      assert.ok(has('recording.tracks', trackId), 'the recorded track');

      const dpoToken = (await inject('POST', '/api/api-tokens', { name: 'dpo', role: 'dpo' }, { cookie: admin })).json<{ token: string }>()
        .token;
      const hold = await inject(
        'POST',
        '/api/privacy/holds',
        { category: 'qa.questions', itemId: questionId, reason: 'complaint under review', until: '2099-06-30' },
        { authorization: `Bearer ${dpoToken}` },
      );
      assert.equal(hold.statusCode, 201, hold.body);

      const erased = await inject('POST', '/api/public/privacy/me/erase', { confirm: true }, { cookie });
      assert.equal(erased.statusCode, 200, erased.body);
      const kept = erased.json<{ kept: { category: string; id: string; reason: { en: string } | null; until: string | null }[] }>().kept;
      assert.deepEqual(
        kept.map((k) => [k.category, k.id]).sort(),
        [
          ['qa.questions', questionId],
          ['recording.consents', consentId],
        ].sort(),
      );
      assert.deepEqual(kept.find((k) => k.category === 'qa.questions')!.reason, {
        en: 'complaint under review',
        de: 'complaint under review',
      });
      assert.equal(kept.find((k) => k.category === 'qa.questions')!.until, '2099-06-30');
      assert.match(kept.find((k) => k.category === 'recording.consents')!.reason!.en, /consent/i);

      assert.equal((await db.selectFrom('registrations').select('id').where('email', '=', email).execute()).length, 0);
      assert.equal((await db.selectFrom('room_attendance').select('id').where('id', '=', attendanceId).execute()).length, 0);
      assert.equal((await db.selectFrom('recording_tracks').select('id').where('id', '=', trackId).execute()).length, 0);
      assert.equal(
        (await db.selectFrom('qa_questions').select('id').where('id', '=', questionId).execute()).length,
        1,
        'the held question stays',
      );
      assert.equal(existsSync(trackFile), false, 'the raw track file is gone');
      assert.equal(existsSync(finalFile), false, 'the finished file that contained them is gone');
      assert.equal((await mailsTo(plenum, email)).length, 0);
    });
  });
}
