import { randomBytes } from 'node:crypto';
import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import type { Executor } from '../store/store.js';
import { captchaRepo } from './repo.js';

/**
 * The self-hosted proof-of-work captcha (ALTCHA). The server hands out signed challenges whose
 * answer it knows (deterministic mode, so verifying is two HMACs); the browser's widget searches
 * for the answer. Challenges expire; `verify` returns the signature, which the caller stores as
 * spent in the transaction of the change, so each solution is accepted once.
 */

export interface CaptchaDifficulty {
  /** PBKDF2 iterations per attempt. */
  cost: number;
  /** The answer lies between these counters: the browser tries about (min+max)/2 keys. */
  minCounter: number;
  maxCounter: number;
}

/** About half a second to a second of work in a current browser. */
export const defaultCaptchaDifficulty: CaptchaDifficulty = { cost: 1000, minCounter: 1000, maxCounter: 3000 };

const validMinutes = 10;
const algorithm = 'PBKDF2/SHA-256';

const hex = z
  .string()
  .regex(/^[0-9a-f]+$/)
  .max(1024);
// Loose where the signature covers the fields: dropping one would only make the signature fail.
const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.literal(algorithm),
      nonce: hex,
      salt: hex,
      cost: z.number().int().positive(),
      keyLength: z.number().int().positive().max(64),
      keyPrefix: hex,
      keySignature: hex,
      expiresAt: z.number().int().positive(),
    }),
    signature: hex,
  }),
  solution: z.object({ counter: z.number().int().nonnegative(), derivedKey: hex, time: z.number().optional() }),
});

export type VerifiedCaptcha = { ok: true; signature: string; expiresAt: string } | { ok: false };

export function createCaptcha(difficulty: CaptchaDifficulty = defaultCaptchaDifficulty) {
  // Per process: a restart invalidates challenges that are still open, which only asks the
  // browser for a new one.
  const hmacSignatureSecret = randomBytes(32).toString('hex');
  const hmacKeySignatureSecret = randomBytes(32).toString('hex');

  return {
    challenge: (): Promise<Challenge> =>
      createChallenge({
        algorithm,
        cost: difficulty.cost,
        counter: randomInt(difficulty.minCounter, difficulty.maxCounter),
        deriveKey,
        expiresAt: new Date(Date.now() + validMinutes * 60_000),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      }),

    /** Checks a widget payload (base64 JSON); never throws for malformed input. */
    async verify(payload: string): Promise<VerifiedCaptcha> {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
      } catch {
        return { ok: false };
      }
      const parsed = payloadSchema.safeParse(decoded);
      if (!parsed.success) return { ok: false };
      const { challenge, solution } = parsed.data;
      const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret, hmacKeySignatureSecret });
      if (!result.verified) return { ok: false };
      return { ok: true, signature: challenge.signature, expiresAt: new Date(challenge.parameters.expiresAt * 1000).toISOString() };
    },

    /**
     * Marks a verified solution as used, in the caller's transaction; false when it was used
     * before. One list for every public form, so a solution counts once across all of them.
     */
    spend: (tx: Executor, verified: { signature: string; expiresAt: string }): Promise<boolean> =>
      captchaRepo.spend(tx, verified.signature, verified.expiresAt),

    /** Forgets spent solutions whose challenge has expired (they can no longer be replayed); the count deleted. */
    sweep: (tx: Executor, now: string): Promise<number> => captchaRepo.deleteExpired(tx, now),
  };
}

export type Captcha = ReturnType<typeof createCaptcha>;
