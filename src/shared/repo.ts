import type { Executor } from '../store/store.js';

/** The SQL of the shared helpers: spent captcha solutions (one list for every public form). */
export const captchaRepo = {
  /** Marks a solved challenge as used; false when it was used before. */
  spend: async (db: Executor, signature: string, expiresAt: string) => {
    const result = await db
      .insertInto('captcha_spent')
      .values({ signature, expires_at: expiresAt })
      .onConflict((oc) => oc.column('signature').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  deleteExpired: async (db: Executor, now: string) =>
    Number((await db.deleteFrom('captcha_spent').where('expires_at', '<=', now).executeTakeFirst()).numDeletedRows),
};
