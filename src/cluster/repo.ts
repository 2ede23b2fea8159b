import { sql } from 'kysely';
import type { Executor } from '../store/store.js';

export const clusterRepo = {
  /** The schema queries run in: advisory locks are per database, so a job's lock key includes it. */
  currentSchema: async (db: Executor): Promise<string> =>
    (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? 'public',

  /** PostgreSQL: a transaction-level advisory lock, released at the end of `tx` or when its connection is lost. */
  tryAdvisoryLock: async (tx: Executor, key: bigint): Promise<boolean> =>
    (await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${key.toString()}::bigint) as locked`.execute(tx)).rows[0]?.locked ===
    true,

  /** Takes the job's period: true when it never ran or last started at or before `dueBefore`; records this start. */
  claimJobRun: async (tx: Executor, run: { name: string; startedAt: string; instanceId: string }, dueBefore: string): Promise<boolean> =>
    (await tx
      .insertInto('job_runs')
      .values({ name: run.name, started_at: run.startedAt, instance_id: run.instanceId })
      .onConflict((conflict) =>
        conflict
          .column('name')
          .doUpdateSet({ started_at: run.startedAt, instance_id: run.instanceId })
          .where('job_runs.started_at', '<=', dueBefore),
      )
      .returning('name')
      .executeTakeFirst()) !== undefined,

  lastJobRun: (db: Executor, name: string) => db.selectFrom('job_runs').selectAll().where('name', '=', name).executeTakeFirst(),
};
