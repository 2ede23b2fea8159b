import type { Executor } from '../store/store.js';
import type { CallbackRequestTable } from '../store/schema.js';

export type CallbackRow = CallbackRequestTable;

export const callbackRepo = {
  insert: (db: Executor, row: CallbackRow) => db.insertInto('callback_requests').values(row).execute(),

  find: (db: Executor, id: string) => db.selectFrom('callback_requests').selectAll().where('id', '=', id).executeTakeFirst(),

  list: (db: Executor, filter: 'open' | 'done' | 'all') => {
    let query = db.selectFrom('callback_requests').selectAll();
    if (filter === 'open') query = query.where('done_at', 'is', null);
    if (filter === 'done') query = query.where('done_at', 'is not', null);
    return query.orderBy('created_at').orderBy('id').limit(500).execute();
  },

  update: async (
    db: Executor,
    id: string,
    changes: Partial<Pick<CallbackRow, 'assigned_to' | 'done_at' | 'name' | 'phone' | 'preferred_time' | 'topic'>>,
  ) => Number((await db.updateTable('callback_requests').set(changes).where('id', '=', id).executeTakeFirst()).numUpdatedRows) === 1,

  byPhones: (db: Executor, phones: readonly string[]) =>
    phones.length
      ? db.selectFrom('callback_requests').selectAll().where('phone', 'in', phones).orderBy('created_at').execute()
      : Promise.resolve([]),

  delete: (db: Executor, ids: readonly string[]) =>
    ids.length ? db.deleteFrom('callback_requests').where('id', 'in', ids).execute() : Promise.resolve([]),
};
