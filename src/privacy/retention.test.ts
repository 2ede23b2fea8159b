import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestStore } from '../testing/stores.js';
import type { Store } from '../store/store.js';
import { privacyDeclarations } from '../plenum.js';
import { createRetention } from './retention.js';
import type { RetentionTask } from '../shared/subject-data.js';

const periods = {
  registrationDays: 180,
  recordingDays: 30,
  minutesDays: 180,
  unconfirmedHours: 24,
  callRecordDays: 90,
  callbackDays: 30,
  auditDays: 730,
  intervalMs: 3_600_000,
};
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

for (const dialect of dialects) {
  describe(`retention engine on ${dialect}`, () => {
    let store: Store & { dispose(): Promise<void> };
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(() => store.dispose());

    async function mail(createdAt: string) {
      const id = randomUUID();
      await store.db
        .insertInto('mail_messages')
        .values({
          id,
          to_address: 'a@example.org',
          subject: 's',
          body_text: 't',
          purpose: 'test',
          status: 'sent',
          attempts: 1,
          next_attempt_at: createdAt,
          last_error: null,
          created_at: createdAt,
          sent_at: createdAt,
        })
        .execute();
      return id;
    }
    const mailIds = async () => (await store.db.selectFrom('mail_messages').select('id').execute()).map((r) => r.id).sort();
    const hold = (category: string, itemId: string | null, until = '2099-01-01') =>
      store.db
        .insertInto('legal_holds')
        .values({
          id: randomUUID(),
          category,
          item_id: itemId,
          reason: 'dispute',
          until,
          created_by: 'dpo',
          created_at: new Date().toISOString(),
          released_at: null,
        })
        .execute();

    it('deletes rows past a declared period, keeps newer and held ones, and counts the same in a dry run', async () => {
      const old = await mail(daysAgo(31));
      const held = await mail(daysAgo(40));
      const fresh = await mail(daysAgo(29));
      await hold('mail.messages', held);
      await hold('mail.messages', old, '2000-01-01'); // ended long ago: no effect
      const retention = createRetention(store, privacyDeclarations, [], periods);

      const dry = await retention.run({ dryRun: true });
      assert.equal(dry.results.find((r) => r.categories.includes('mail.messages'))!.count, 1);
      assert.deepEqual(await mailIds(), [old, held, fresh].sort());

      const real = await retention.run({ dryRun: false });
      assert.equal(real.results.find((r) => r.categories.includes('mail.messages'))!.count, 1);
      assert.deepEqual(await mailIds(), [held, fresh].sort());

      const audit = await store.db
        .selectFrom('audit_entries')
        .selectAll()
        .where('action', 'in', ['retention.run', 'retention.dry-run'])
        .execute();
      assert.equal(audit.length, 2);
      const detail = JSON.parse(audit.find((a) => a.action === 'retention.run')!.detail!) as Record<string, unknown>;
      assert.equal(detail['count mail.messages'], 1);
      assert.equal(detail['rule mail.messages'], '30 days after mail_messages.created_at');
    });

    it('keeps a whole category under hold, uses the configured period, and runs domain tasks with holds', async () => {
      await hold('mail.messages', null);
      const old = await mail(daysAgo(400));
      const seen: string[] = [];
      const task: RetentionTask = {
        category: 'callback.requests',
        rule: 'test rule',
        async run({ dryRun, held }) {
          seen.push(`${dryRun}:${held('x')}`);
          return 7;
        },
      };
      const retention = createRetention(store, privacyDeclarations, [task], { ...periods, auditDays: 0 });
      const report = await retention.run({ dryRun: false });
      assert.ok((await mailIds()).includes(old), 'a category hold keeps everything in it');
      assert.match(report.results.find((r) => r.categories.includes('mail.messages'))!.rule, /legal hold/);
      assert.deepEqual(
        report.results.find((r) => r.categories.includes('callback.requests')),
        { categories: ['callback.requests'], rule: 'test rule', count: 7 },
      );
      assert.deepEqual(seen, ['false:false']);
      assert.equal(
        report.results.find((r) => r.categories.includes('privacy.audit'))!.rule,
        '0 days after audit_entries.at',
        'the configured period replaces the declared one',
      );
    });

    it('reports a failing category and still runs the others', async () => {
      const failing: RetentionTask = { category: 'rooms.attendance', rule: 'fails', run: () => Promise.reject(new Error('disk on fire')) };
      const report = await createRetention(store, privacyDeclarations, [failing], periods).run({ dryRun: false });
      assert.equal(report.results.find((r) => r.categories.includes('rooms.attendance'))!.error, 'disk on fire');
      assert.ok(report.results.some((r) => r.categories.includes('privacy.audit') && !r.error));
    });
  });
}
