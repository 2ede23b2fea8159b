import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { privacyDeclarations } from '../src/plenum.js';
import { createRetention } from '../src/privacy/retention.js';
import { dialects, openTestStore } from '../src/testing/stores.js';
import type { Store } from '../src/store/store.js';

/**
 * The retention engine's cost: a real run (every declared rule, the domain tasks left out, the
 * audit entry) over N expired outbox mails next to N fresh ones, with 100 item holds in force,
 * compared in the same run with the bare `DELETE … WHERE created_at < ?` of the same rows.
 * Rows per second deleted, on SQLite and PostgreSQL.
 */

const rows = Number(process.env.BENCH_PURGE_ROWS ?? 20_000);
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
const old = new Date(Date.now() - 60 * 86_400_000).toISOString();
const fresh = new Date().toISOString();

async function fill(store: Store): Promise<string[]> {
  const ids: string[] = [];
  for (let batch = 0; batch < (2 * rows) / 500; batch++) {
    const values = Array.from({ length: 500 }, (_, i) => {
      const expired = (batch * 500 + i) % 2 === 0;
      const id = randomUUID();
      if (expired) ids.push(id);
      const at = expired ? old : fresh;
      return {
        id,
        to_address: `p${i}@example.org`,
        subject: 's',
        body_text: 'text',
        purpose: 'bench',
        status: 'sent' as const,
        attempts: 1,
        next_attempt_at: at,
        last_error: null,
        created_at: at,
        sent_at: at,
      };
    });
    await store.db.insertInto('mail_messages').values(values).execute();
  }
  return ids;
}

async function measure(dialect: (typeof dialects)[number]) {
  const store = await openTestStore(dialect);
  try {
    const expired = await fill(store);
    const held = expired.slice(0, 100);
    await store.db
      .insertInto('legal_holds')
      .values(
        held.map((id) => ({
          id: randomUUID(),
          category: 'mail.messages',
          item_id: id,
          reason: 'bench',
          until: '2099-01-01',
          created_by: 'bench',
          created_at: fresh,
          released_at: null,
        })),
      )
      .execute();
    let started = performance.now();
    const report = await createRetention(store, privacyDeclarations, [], periods).run({ dryRun: false });
    const engineMs = performance.now() - started;
    const deleted = report.results.find((r) => r.categories.includes('mail.messages'))!.count;

    await store.db.deleteFrom('mail_messages').execute();
    await fill(store);
    started = performance.now();
    const cutoff = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const baseline = await sql`delete from mail_messages where created_at < ${cutoff}`.execute(store.db);
    const baselineMs = performance.now() - started;
    console.log(
      `${dialect.padEnd(8)} retention run: ${deleted} rows in ${engineMs.toFixed(0)} ms (${Math.round(deleted / (engineMs / 1000))} rows/s, 100 held kept)` +
        ` | baseline DELETE: ${Number(baseline.numAffectedRows)} rows in ${baselineMs.toFixed(0)} ms (${Math.round(Number(baseline.numAffectedRows) / (baselineMs / 1000))} rows/s)`,
    );
  } finally {
    await store.dispose();
  }
}

for (const dialect of dialects) await measure(dialect);
