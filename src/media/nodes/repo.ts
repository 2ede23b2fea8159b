import type { Executor } from '../../store/store.js';
import type { MediaNodeState, MediaNodeTable } from '../../store/schema.js';

export const mediaNodesRepo = {
  list: (db: Executor): Promise<MediaNodeTable[]> => db.selectFrom('media_nodes').selectAll().orderBy('id').execute(),

  find: (db: Executor, id: string) => db.selectFrom('media_nodes').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Adds the node, or replaces its addresses and role; its state is set only when it is new. */
  upsert: (db: Executor, row: MediaNodeTable) =>
    db
      .insertInto('media_nodes')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet({
          api_url: row.api_url,
          admin_url: row.admin_url,
          media_address: row.media_address,
          role: row.role,
          updated_at: row.updated_at,
        }),
      )
      .execute(),

  /** The number of nodes changed (0: no such node). */
  setState: async (db: Executor, id: string, state: MediaNodeState, at: string): Promise<number> =>
    Number((await db.updateTable('media_nodes').set({ state, updated_at: at }).where('id', '=', id).executeTakeFirst()).numUpdatedRows),

  remove: async (db: Executor, id: string): Promise<number> =>
    Number((await db.deleteFrom('media_nodes').where('id', '=', id).executeTakeFirst()).numDeletedRows),
};
