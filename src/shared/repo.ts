import type { Executor } from '../store/store.js';
import { precompiledInsert } from '../store/precompiled.js';

// On every public submission: compiled once (store/precompiled.ts).
const insertSpent = precompiledInsert('captcha_spent', ['signature']);
const insertSpentOnce = precompiledInsert('captcha_spent');

/** The SQL of the shared helpers: spent captcha solutions (one list for every public form). */
export const captchaRepo = {
  /** Marks a solved challenge as used; false when it was used before. */
  spend: async (db: Executor, signature: string, expiresAt: string) => (await insertSpent(db, { signature, expires_at: expiresAt })) === 1,

  /** The statement that marks a solved challenge as used; it fails (unique violation) when it was used before. */
  spendStatement: (db: Executor, signature: string, expiresAt: string) =>
    insertSpentOnce.statement(db, { signature, expires_at: expiresAt }),

  deleteExpired: async (db: Executor, now: string) =>
    Number((await db.deleteFrom('captcha_spent').where('expires_at', '<=', now).executeTakeFirst()).numDeletedRows),
};
