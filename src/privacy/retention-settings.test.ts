import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { privacyDeclarations, retentionTasks } from '../plenum.js';
import { retentionDays, type RetentionSetting } from '../shared/privacy-declaration.js';
import { settingVariables } from './inventory.js';
import { retentionText } from './notice.js';

/**
 * A retention period is declared once: the category's rule names its setting (and the events
 * column where the host may override it per event); the engine hands the period to the task.
 * These checks keep the settings, the declarations, the tasks and the README from drifting apart.
 */

const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const categories = privacyDeclarations.flatMap((d) => d.categories);
const settingOf = (rule: (typeof categories)[number]['retention']) => (rule.kind === 'until' ? undefined : rule.setting);
const used = new Set(categories.flatMap((c) => settingOf(c.retention) ?? []));
/** Periods in config.retention that are no category's period: the unconfirmed registrations' hours ({{hours}} in the events rule) and the job's interval. */
const notCategoryPeriods = new Set(['unconfirmedHours', 'intervalMs']);

describe('retention settings', () => {
  it('uses every RETENTION_* period in some declaration', () => {
    const settings = Object.keys(loadConfig({}).retention).filter((key) => !notCategoryPeriods.has(key));
    assert.deepEqual(
      settings.filter((setting) => !used.has(setting as RetentionSetting)),
      [],
    );
    assert.deepEqual(Object.keys(settingVariables).sort(), settings.sort());
  });

  it('makes each declared period configurable as the README documents it, and the notice says the configured period', () => {
    for (const setting of used) {
      const variable = settingVariables[setting];
      assert.match(readme, new RegExp(`^\\| \`${variable}\` \\|`, 'm'), `${variable} is documented in README.md`);
      const periods = loadConfig({ [variable]: '7' }).retention;
      assert.equal(periods[setting], 7, `${variable} sets ${setting}`);
      for (const category of categories.filter((c) => settingOf(c.retention) === setting)) {
        assert.equal(retentionDays(category.retention, periods), 7, category.id);
        for (const language of ['en', 'de'] as const) {
          assert.match(
            retentionText(category.retention, periods, language),
            /(^|\D)7(\D|$)/,
            `${category.id} (${language}) names the period`,
          );
        }
      }
    }
  });

  it('gives every retention task a declared period, and a task to every period the host may set per event', () => {
    const tasks = retentionTasks(loadConfig({}));
    for (const task of tasks) {
      const category = categories.find((c) => c.id === task.category);
      assert.ok(category, `task for an undeclared category ${task.category}`);
      assert.notEqual(retentionDays(category.retention, loadConfig({}).retention), undefined, `${task.category} declares a period`);
      assert.match(task.rule, /\{\{days\}\}/, `${task.category}: the rule shows the period the engine hands it`);
    }
    for (const category of categories) {
      const override = category.retention.kind === 'until' ? undefined : category.retention.eventOverride;
      if (!override) continue;
      const task = tasks.find((t) => t.category === category.id || t.alsoEnforces?.includes(category.id));
      assert.ok(task, `${category.id} has a per-event period (${override}) but no task reads it`);
      assert.ok(task.rule.includes(override), `${category.id}: its task names ${override}`);
    }
  });
});
