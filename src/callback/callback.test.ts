import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { solvedCaptcha } from '../events/testing.js';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { injectFromFreshClients } from '../testing/inject.js';

for (const dialect of dialects) {
  describe(`callback requests on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    const inject = injectFromFreshClients(() => plenum.app);

    before(async () => {
      plenum = await startTestPlenum(dialect, { RETENTION_CALLBACK_DAYS: '14' });
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    const request = (extra: Record<string, unknown> = {}) => ({
      name: 'Max Muster',
      phone: '0170 1234567',
      preferredTime: 'weekdays after 4 pm',
      topic: 'Webinar licences',
      consent: true,
      ...extra,
    });

    it('tells the form the configured period its consent sentence names', async () => {
      const terms = await inject('GET', '/api/public/callbacks/terms');
      assert.equal(terms.statusCode, 200);
      assert.deepEqual(terms.json(), { retentionDays: 14 });
    });

    it('takes a request with a solved captcha and consent, once per solution', async () => {
      const captcha = await solvedCaptcha(plenum);
      const accepted = await inject('POST', '/api/public/callbacks', request({ captcha }));
      assert.equal(accepted.statusCode, 202, accepted.body);
      const reused = await inject('POST', '/api/public/callbacks', request({ captcha }));
      assert.equal(reused.json<{ error: { code: string } }>().error.code, 'ERR_CAPTCHA_INVALID');
      assert.equal((await inject('POST', '/api/public/callbacks', request({ captcha: 'bm90IGEgY2FwdGNoYQ==' }))).statusCode, 400);
      const noConsent = await inject('POST', '/api/public/callbacks', request({ captcha: await solvedCaptcha(plenum), consent: false }));
      assert.equal(noConsent.statusCode, 400);
      const badPhone = await inject('POST', '/api/public/callbacks', request({ captcha: await solvedCaptcha(plenum), phone: '12' }), {
        'accept-language': 'de',
      });
      assert.equal(badPhone.statusCode, 400);
      for (const name of ['Max\nMuster', 'Max\u0000', '<b>Max</b>']) {
        assert.equal(
          (await inject('POST', '/api/public/callbacks', request({ captcha: await solvedCaptcha(plenum), name }))).statusCode,
          400,
          `a person’s name rule: ${JSON.stringify(name)}`,
        );
      }
      const stored = await plenum.store.db.selectFrom('callback_requests').selectAll().execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.phone, '+491701234567');
      assert.match(stored[0]!.notice_version, /^[0-9a-f]{16}$/);
    });

    it('limits submissions per client address', async () => {
      const from = { remoteAddress: '10.9.9.9' };
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push(
          (
            await plenum.app.inject({
              method: 'POST',
              url: '/api/public/callbacks',
              payload: request({ captcha: 'bm90IGEgY2FwdGNoYQ==' }),
              ...from,
            })
          ).statusCode,
        );
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
    });

    it('lets staff take and finish a request, and deletes it 30 days after it is done', async () => {
      const queue = await inject('GET', '/api/callbacks', undefined, { cookie: admin });
      assert.equal(queue.statusCode, 200, queue.body);
      const [open] = queue.json<{ callbacks: { id: string; assignedTo: string | null }[] }>().callbacks;
      assert.ok(open);
      assert.equal((await inject('POST', `/api/callbacks/${open.id}/assign`, { me: true }, { cookie: admin })).statusCode, 204);
      assert.equal((await inject('POST', `/api/callbacks/${open.id}/done`, undefined, { cookie: admin })).statusCode, 204);
      const done = (await inject('GET', '/api/callbacks?filter=done', undefined, { cookie: admin })).json<{
        callbacks: { id: string; assignedTo: string | null; doneAt: string | null }[];
      }>().callbacks;
      assert.equal(done[0]!.id, open.id);
      assert.ok(done[0]!.assignedTo && done[0]!.doneAt);
      assert.equal((await inject('GET', '/api/callbacks')).statusCode, 401);

      const tokenResponse = await inject('POST', '/api/api-tokens', { name: 'dpo', role: 'dpo' }, { cookie: admin });
      const dpo = { authorization: `Bearer ${tokenResponse.json<{ token: string }>().token}` };
      const runCount = async () =>
        (await inject('POST', '/api/privacy/retention/run', { dryRun: false }, dpo))
          .json<{ results: { categories: string[]; count: number }[] }>()
          .results.find((r) => r.categories.includes('callback.requests'))!.count;
      assert.equal(await runCount(), 0, 'kept while within 30 days of being done');
      await plenum.store.db
        .updateTable('callback_requests')
        .set({ done_at: new Date(Date.now() - 31 * 86_400_000).toISOString() })
        .where('id', '=', open.id)
        .execute();
      assert.equal(await runCount(), 1);
      assert.equal((await plenum.store.db.selectFrom('callback_requests').select('id').execute()).length, 0);
      const audit = await plenum.store.db.selectFrom('audit_entries').select('action').where('action', 'like', 'callback.%').execute();
      assert.deepEqual([...new Set(audit.map((a) => a.action))].sort(), [
        'callback.assigned',
        'callback.done',
        'callback.queue.viewed',
        'callback.requested',
      ]);
    });
  });
}
