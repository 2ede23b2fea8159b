import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { buildEvent, solvedCaptcha } from './testing.js';

/**
 * On SQLite concurrent submissions share one COMMIT (store/group-commit.ts). Submissions that
 * fail beside good ones (a spent captcha, an unknown or cancelled event, a repeated address)
 * must get their own answer and must neither take good ones down nor be stored themselves.
 */
describe('registration submissions committed together (SQLite)', () => {
  let plenum: TestPlenum;
  let admin: string;

  before(async () => {
    plenum = await startTestPlenum('sqlite', { RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await setUpAdmin(plenum);
  });
  after(() => plenum.dispose());

  async function newEvent() {
    const response = await plenum.app.inject({
      method: 'POST',
      url: '/api/events',
      payload: buildEvent({ language: 'en' }),
      headers: { cookie: admin },
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; slug: string }>();
  }

  it('answers each submission of a mixed batch with its own result and stores exactly the good ones', async () => {
    const open = await newEvent();
    const cancelled = await newEvent();
    const cancel = await plenum.app.inject({ method: 'POST', url: `/api/events/${cancelled.id}/cancel`, headers: { cookie: admin } });
    assert.ok(cancel.statusCode < 300, cancel.body);

    type Case = { email: string; slug: string; captcha: string; expect: number; stored: boolean };
    const cases: Case[] = [];
    const reused = await solvedCaptcha(plenum);
    for (let i = 0; i < 24; i++) {
      const email = `batch${i}@example.org`;
      switch (i % 6) {
        case 1: // the same solution as another submission of the batch: only the first to commit may use it
          cases.push({ email, slug: open.slug, captcha: reused, expect: -1, stored: false });
          break;
        case 2:
          cases.push({ email, slug: 'no-such-event', captcha: await solvedCaptcha(plenum), expect: 404, stored: false });
          break;
        case 3:
          cases.push({ email, slug: cancelled.slug, captcha: await solvedCaptcha(plenum), expect: 409, stored: false });
          break;
        case 4: // an address submitted twice in the same batch: one registration, both answered alike
          cases.push({ email: 'twice@example.org', slug: open.slug, captcha: await solvedCaptcha(plenum), expect: 202, stored: true });
          break;
        default:
          cases.push({ email, slug: open.slug, captcha: await solvedCaptcha(plenum), expect: 202, stored: true });
      }
    }
    const before = plenum.store.commitStats!();
    const answers = await Promise.all(
      cases.map((c, i) =>
        plenum.app.inject({
          method: 'POST',
          url: `/api/public/events/${c.slug}/registrations`,
          remoteAddress: `10.7.0.${i + 1}`,
          payload: { captcha: c.captcha, firstName: 'Bea', lastName: `Batch ${i}`, email: c.email, language: 'en' },
        }),
      ),
    );
    const after = plenum.store.commitStats!();
    assert.ok(after.units - before.units > after.commits - before.commits, 'some submissions shared a COMMIT');

    // Exactly one of the submissions with the shared captcha solution got through.
    const reusedAnswers = answers.filter((_, i) => cases[i]!.expect === -1);
    assert.equal(reusedAnswers.filter((a) => a.statusCode === 202).length, 1);
    for (const answer of reusedAnswers.filter((a) => a.statusCode !== 202)) {
      assert.equal(answer.statusCode, 400, answer.body);
      assert.equal(answer.json<{ error: { code: string } }>().error.code, 'ERR_CAPTCHA_INVALID');
    }
    const reusedWinner = cases[answers.findIndex((a, i) => cases[i]!.expect === -1 && a.statusCode === 202)]!;
    reusedWinner.stored = true;
    answers.forEach((answer, i) => {
      if (cases[i]!.expect > 0) assert.equal(answer.statusCode, cases[i]!.expect, `${cases[i]!.email} → ${cases[i]!.slug}: ${answer.body}`);
    });

    const db = plenum.store.db;
    const rows = await db.selectFrom('registrations').select(['id', 'email', 'event_id']).execute();
    const storedEmails = rows.map((r) => r.email).sort();
    const expected = [...new Set(cases.filter((c) => c.stored).map((c) => c.email))].sort();
    assert.deepEqual(storedEmails, expected);
    assert.ok(rows.every((r) => r.event_id === open.id));
    const audited = new Set(
      (await db.selectFrom('audit_entries').select('subject_id').where('action', '=', 'registration.submitted').execute()).map(
        (a) => a.subject_id,
      ),
    );
    assert.deepEqual(
      rows.filter((r) => !audited.has(r.id)).map((r) => r.email),
      [],
    );
    const mailed = (
      await db.selectFrom('mail_messages').select('to_address').where('purpose', '=', 'registration-confirmation').execute()
    ).map((m) => m.to_address);
    assert.deepEqual([...new Set(mailed)].sort(), expected);
    assert.equal(mailed.filter((m) => m === 'twice@example.org').length, cases.filter((c) => c.email === 'twice@example.org').length);
  });
});
