import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { recordAudit, type AuditActor } from './audit.js';
import { loadActiveHolds } from './holds.js';
import { retentionDays, type DataCategory, type PrivacyDeclaration } from '../shared/privacy-declaration.js';
import { privacyRepo } from './repo.js';
import type { RetentionTask } from '../shared/subject-data.js';

/**
 * The retention engine: deletes what has passed its retention. Declared `after` rules are
 * enforced generically (rows whose timestamp column is older than the period); a domain's
 * RetentionTask covers what a declaration alone cannot (files, per-event periods) and takes the
 * place of the generic rule for its category. Legal holds keep items (or whole categories).
 * Each run writes one audit entry naming categories, counts and rules, never the data deleted.
 */

export interface RetentionResult {
  categories: string[];
  rule: string;
  count: number;
  /** Set when the deletion failed (e.g. a foreign key); the other categories still run. */
  error?: string;
}

export interface RetentionReport {
  dryRun: boolean;
  at: string;
  results: RetentionResult[];
}

type Periods = Config['retention'];

const dayMs = 86_400_000;

function periodOf(category: DataCategory, periods: Periods): number | undefined {
  return category.retention.kind === 'after' ? retentionDays(category.retention, periods) : undefined;
}

/** Declared `after` rules grouped by table, column and period: categories of one row share one deletion. */
function genericRules(declarations: readonly PrivacyDeclaration[], tasks: readonly RetentionTask[], periods: Periods) {
  const byTask = new Set(tasks.map((t) => t.category));
  const groups = new Map<string, { table: string; column: string; days: number; categories: string[] }>();
  for (const category of declarations.flatMap((d) => d.categories)) {
    const days = periodOf(category, periods);
    if (days === undefined || category.retention.kind !== 'after' || byTask.has(category.id)) continue;
    const key = `${category.table}|${category.retention.column}|${days}`;
    const group = groups.get(key) ?? { table: category.table, column: category.retention.column, days, categories: [] };
    group.categories.push(category.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function createRetention(
  store: Store,
  declarations: readonly PrivacyDeclaration[],
  tasks: readonly RetentionTask[],
  periods: Periods,
) {
  return {
    async run(options: { dryRun: boolean; now?: Date; actor?: AuditActor }): Promise<RetentionReport> {
      const now = options.now ?? new Date();
      const { dryRun } = options;
      const holds = await loadActiveHolds(store.db, now);
      const columns = await privacyRepo.tableColumns(store.db);
      const results: RetentionResult[] = [];

      for (const group of genericRules(declarations, tasks, periods)) {
        const rule = `${group.days} days after ${group.table}.${group.column}`;
        const held = group.categories.map((c) => holds.heldIn(c));
        if (held.some((h) => h.all)) {
          results.push({ categories: group.categories, rule: `${rule} (category under legal hold)`, count: 0 });
          continue;
        }
        const key = columns.get(group.table)?.has('id') ? 'id' : null;
        const cutoff = new Date(now.getTime() - group.days * dayMs).toISOString();
        const except = held.flatMap((h) => h.ids);
        try {
          const count = await store.transaction((tx) =>
            dryRun
              ? privacyRepo.countExpired(tx, group.table, group.column, cutoff, key, except)
              : privacyRepo.deleteExpired(tx, group.table, group.column, cutoff, key, except),
          );
          results.push({ categories: group.categories, rule, count });
        } catch (err) {
          results.push({
            categories: group.categories,
            rule,
            count: 0,
            error: err instanceof Error ? err.message.slice(0, 200) : 'failed',
          });
        }
      }

      const categories = new Map(declarations.flatMap((d) => d.categories.map((c) => [c.id, c] as const)));
      for (const task of tasks) {
        const category = categories.get(task.category);
        const days = category && retentionDays(category.retention, periods);
        if (days === undefined) {
          // A programming error (src/privacy/retention-settings.test.ts catches it); the other tasks still run.
          results.push({ categories: [task.category], rule: task.rule, count: 0, error: 'the category declares no retention period' });
          continue;
        }
        const rule = task.rule.replaceAll('{{days}}', String(days));
        const held = holds.heldIn(task.category);
        if (held.all) {
          results.push({ categories: [task.category], rule: `${rule} (category under legal hold)`, count: 0 });
          continue;
        }
        try {
          const count = await store.transaction((tx) =>
            task.run(
              {
                now,
                days,
                dryRun,
                held: (id) => held.ids.includes(id),
                heldIn: (category, id) => holds.find({ category, id }) !== undefined,
              },
              tx,
            ),
          );
          results.push({ categories: [task.category], rule, count });
        } catch (err) {
          results.push({
            categories: [task.category],
            rule,
            count: 0,
            error: err instanceof Error ? err.message.slice(0, 200) : 'failed',
          });
        }
      }

      const detail: Record<string, string | number | boolean> = { dryRun };
      for (const r of results) {
        const name = r.categories.join(',');
        detail[`count ${name}`] = r.count;
        detail[`rule ${name}`] = r.rule;
        if (r.error) detail[`error ${name}`] = r.error;
      }
      await store.transaction((tx) =>
        recordAudit(tx, options.actor ?? { kind: 'system' }, { action: dryRun ? 'retention.dry-run' : 'retention.run', detail }),
      );
      if (!dryRun) await store.scrub();
      return { dryRun, at: now.toISOString(), results };
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
