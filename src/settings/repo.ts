import type { Executor } from '../store/store.js';
import type { OrganisationSettingsTable } from '../store/schema.js';

/** The one row of organisation settings (id `organisation`). */
const rowId = 'organisation';

export type SettingsChanges = Partial<Omit<OrganisationSettingsTable, 'id'>> & Pick<OrganisationSettingsTable, 'updated_at'>;

export const settingsRepo = {
  find: (db: Executor) => db.selectFrom('organisation_settings').selectAll().where('id', '=', rowId).executeTakeFirst(),

  /** Writes the given columns, creating the row on first use (the others stay null). */
  save: (db: Executor, changes: SettingsChanges) =>
    db
      .insertInto('organisation_settings')
      .values({ id: rowId, ...changes })
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute(),
};
