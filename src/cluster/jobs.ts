import { createHash } from 'node:crypto';
import type { Job } from '../shared/module.js';
import type { Executor, Store } from '../store/store.js';
import type { Cluster } from './cluster.js';
import { clusterRepo } from './repo.js';

/** Whether this call did the work, or left it to another instance (or to the run in progress). */
export type JobOutcome = 'ran' | 'skipped';

/**
 * Runs `work` on one instance at a time across the cluster: 'skipped' while another instance
 * (or another call here) runs work of the same name. In cluster mode (PostgreSQL) the work holds
 * a transaction-level advisory lock named after it for its whole length; a crashed instance's
 * lock ends with its connection. A single instance runs the work at once, with no lock.
 * `tx` is the transaction holding the lock (the database itself on a single instance).
 */
export type ExclusiveRunner = <T>(name: string, work: (tx: Executor) => Promise<T>) => Promise<T | 'skipped'>;

export function createExclusiveRunner(store: Store, cluster: Cluster): ExclusiveRunner {
  if (!cluster.redis || store.dialect !== 'postgres') return (_name, work) => work(store.db);
  let schema: Promise<string> | undefined;
  return async (name, work) => {
    schema ??= clusterRepo.currentSchema(store.db);
    const key = lockKey(await schema, name);
    return store.transaction(async (tx) => ((await clusterRepo.tryAdvisoryLock(tx, key)) ? work(tx) : 'skipped'));
  };
}

/**
 * Runs scheduled work once across instances. A single instance runs it as it always did. In
 * cluster mode (PostgreSQL) a run holds the job's advisory lock (createExclusiveRunner: two
 * instances never run a job at once) and claims the job's period in `job_runs` (so the instance
 * whose timer fires a moment later does not run it again). The claim commits only when the work
 * succeeded: after a failure the next instance whose timer fires tries again.
 */
export function createJobRunner(store: Store, cluster: Cluster): (job: Job) => Promise<JobOutcome> {
  if (!cluster.redis || store.dialect !== 'postgres') return async (job) => (await job.run(), 'ran');
  const exclusive = createExclusiveRunner(store, cluster);
  return (job) =>
    exclusive(job.name, async (tx): Promise<JobOutcome> => {
      const now = Date.now();
      // Due once 90% of the period has passed: the instances' timers are not in step.
      const dueBefore = new Date(now - job.everyMs * 0.9).toISOString();
      const claimed = await clusterRepo.claimJobRun(
        tx,
        { name: job.name, startedAt: new Date(now).toISOString(), instanceId: cluster.instanceId },
        dueBefore,
      );
      if (!claimed) return 'skipped';
      await job.run();
      return 'ran';
    });
}

/** A signed 64-bit key for pg_try_advisory_xact_lock, from the schema and the work's name. */
export function lockKey(schema: string, name: string): bigint {
  return createHash('sha256').update(`plenum job\0${schema}\0${name}`).digest().readBigInt64BE(0);
}
