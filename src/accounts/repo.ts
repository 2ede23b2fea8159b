import type { Executor } from '../store/store.js';
import type { StaffAccountTable, StaffRole, StaffStatus } from '../store/schema.js';

export type StaffAccountRow = StaffAccountTable;

export const accountsRepo = {
  /** A first-admin setup link; `before`: links made earlier than this end now (all of them when it is undefined). */
  replaceSetupTokens: async (db: Executor, tokenHash: string, now: string, before: string | undefined) => {
    let stale = db.deleteFrom('setup_tokens');
    if (before !== undefined) stale = stale.where('created_at', '<', before);
    await stale.execute();
    await db.insertInto('setup_tokens').values({ token_hash: tokenHash, created_at: now }).execute();
  },

  /** Ends every setup link; true when `tokenHash` was one of them (so only one setup, on any instance, gets through). */
  takeSetupTokens: async (db: Executor, tokenHash: string) =>
    (await db.deleteFrom('setup_tokens').returning('token_hash').execute()).some((row) => row.token_hash === tokenHash),

  countAccounts: async (db: Executor) =>
    Number(
      (
        await db
          .selectFrom('staff_accounts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),

  countActiveAdmins: async (db: Executor) =>
    Number(
      (
        await db
          .selectFrom('staff_accounts')
          .where('role', '=', 'admin')
          .where('status', '=', 'active')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),

  insertAccount: (db: Executor, row: StaffAccountRow) => db.insertInto('staff_accounts').values(row).execute(),

  findById: (db: Executor, id: string) => db.selectFrom('staff_accounts').selectAll().where('id', '=', id).executeTakeFirst(),

  findByEmail: (db: Executor, email: string) => db.selectFrom('staff_accounts').selectAll().where('email', '=', email).executeTakeFirst(),

  listAccounts: (db: Executor) => db.selectFrom('staff_accounts').selectAll().orderBy('display_name').orderBy('id').execute(),

  updateAccount: (
    db: Executor,
    id: string,
    changes: Partial<
      Pick<
        StaffAccountRow,
        'status' | 'password_hash' | 'totp_secret' | 'totp_enabled' | 'totp_last_step' | 'last_login_at' | 'display_name' | 'language'
      >
    > & {
      updated_at: string;
    },
  ) => db.updateTable('staff_accounts').set(changes).where('id', '=', id).execute(),

  // Sessions
  insertSession: (
    db: Executor,
    row: { token_hash: string; account_id: string; created_at: string; last_seen_at: string; expires_at: string },
  ) => db.insertInto('staff_sessions').values(row).execute(),

  findActiveSession: (db: Executor, tokenHash: string) =>
    db
      .selectFrom('staff_sessions')
      .innerJoin('staff_accounts', 'staff_accounts.id', 'staff_sessions.account_id')
      .select([
        'staff_sessions.token_hash',
        'staff_sessions.last_seen_at',
        'staff_sessions.expires_at',
        'staff_accounts.id as account_id',
        'staff_accounts.role',
        'staff_accounts.status',
      ])
      .where('staff_sessions.token_hash', '=', tokenHash)
      .executeTakeFirst(),

  touchSession: (db: Executor, tokenHash: string, at: string) =>
    db.updateTable('staff_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute(),

  deleteSession: (db: Executor, tokenHash: string) => db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute(),

  deleteSessionsOf: (db: Executor, accountId: string) => db.deleteFrom('staff_sessions').where('account_id', '=', accountId).execute(),

  deleteExpiredSessions: async (db: Executor, now: string, idleCutoff: string) =>
    Number(
      (
        await db
          .deleteFrom('staff_sessions')
          .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
          .executeTakeFirst()
      ).numDeletedRows,
    ),

  // Invitations
  insertInvitation: (
    db: Executor,
    row: { token_hash: string; account_id: string; created_by: string; created_at: string; expires_at: string },
  ) => db.insertInto('staff_invitations').values(row).execute(),

  findInvitation: (db: Executor, tokenHash: string, now: string) =>
    db
      .selectFrom('staff_invitations')
      .innerJoin('staff_accounts', 'staff_accounts.id', 'staff_invitations.account_id')
      .select([
        'staff_invitations.token_hash',
        'staff_accounts.id as account_id',
        'staff_accounts.email',
        'staff_accounts.display_name',
        'staff_accounts.role',
      ])
      .where('staff_invitations.token_hash', '=', tokenHash)
      .where('staff_invitations.expires_at', '>', now)
      .where('staff_accounts.status', '=', 'invited')
      .executeTakeFirst(),

  deleteInvitationsOf: (db: Executor, accountId: string) =>
    db.deleteFrom('staff_invitations').where('account_id', '=', accountId).execute(),

  // API tokens
  insertApiToken: (
    db: Executor,
    row: { id: string; name: string; token_hash: string; token_prefix: string; role: StaffRole; created_by: string; created_at: string },
  ) => db.insertInto('api_tokens').values(row).execute(),

  listApiTokens: (db: Executor) => db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute(),

  findUsableApiToken: (db: Executor, tokenHash: string) =>
    db
      .selectFrom('api_tokens')
      .innerJoin('staff_accounts', 'staff_accounts.id', 'api_tokens.created_by')
      .select(['api_tokens.id', 'api_tokens.role', 'api_tokens.last_used_at', 'api_tokens.created_by'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .where('staff_accounts.status', '=', 'active' satisfies StaffStatus)
      .executeTakeFirst(),

  markApiTokenUsed: (db: Executor, id: string, at: string) =>
    db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute(),

  revokeApiToken: async (db: Executor, id: string, at: string) =>
    Number(
      (await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst())
        .numUpdatedRows,
    ),
};
