import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createChallenge, randomInt, type Challenge } from 'altcha-lib';
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

export interface CaptchaSecrets {
  /** Signs a challenge's parameters. */
  hmacSignatureSecret: string;
  /** Signs the key a challenge's answer derives (deterministic mode: verifying needs no key derivation). */
  hmacKeySignatureSecret: string;
}

/** altcha-lib's canonical form of the signed parameters: keys sorted at every level, undefined left out. */
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const inner = (value as Record<string, unknown>)[key];
        return inner === undefined ? [] : [[key, sortKeys(inner)]];
      }),
  );
}

const hmacHex = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data).digest('hex');
const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * altcha-lib's `verifySolution` for our challenges (they always carry `keySignature`): expiry,
 * the parameters' signature, then the signature of the submitted key. Done with node:crypto's
 * HMAC in one synchronous step: the library imports each key through Web Crypto and runs every
 * HMAC as an asynchronous job, which cost a tenth of a registration's CPU in the benchmark's
 * profile. captcha.test.ts checks that both give the same verdict on valid and altered payloads.
 */
function solutionValid(
  { challenge, solution }: z.infer<typeof payloadSchema>,
  { hmacSignatureSecret, hmacKeySignatureSecret }: CaptchaSecrets,
  nowSeconds: number,
): boolean {
  if (challenge.parameters.expiresAt < nowSeconds) return false;
  if (!sameHex(challenge.signature, hmacHex(hmacSignatureSecret, JSON.stringify(sortKeys(challenge.parameters))))) return false;
  if (solution.derivedKey.length % 2 !== 0 || solution.counter > 0xffffffff) return false;
  return sameHex(challenge.parameters.keySignature, hmacHex(hmacKeySignatureSecret, Buffer.from(solution.derivedKey, 'hex')));
}

const randomSecrets = (): CaptchaSecrets => ({
  hmacSignatureSecret: randomBytes(32).toString('hex'),
  hmacKeySignatureSecret: randomBytes(32).toString('hex'),
});

export function createCaptcha(
  difficulty: CaptchaDifficulty = defaultCaptchaDifficulty,
  // Per process: a restart invalidates challenges that are still open, which only asks the
  // browser for a new one. (Given only by captcha.test.ts, to compare with altcha-lib.)
  secrets: CaptchaSecrets = randomSecrets(),
) {
  const { hmacSignatureSecret, hmacKeySignatureSecret } = secrets;

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
      const { challenge } = parsed.data;
      if (!solutionValid(parsed.data, secrets, Date.now() / 1000)) return { ok: false };
      return { ok: true, signature: challenge.signature, expiresAt: new Date(challenge.parameters.expiresAt * 1000).toISOString() };
    },

    /**
     * Marks a verified solution as used, in the caller's transaction; false when it was used
     * before. One list for every public form, so a solution counts once across all of them.
     */
    spend: (tx: Executor, verified: { signature: string; expiresAt: string }): Promise<boolean> =>
      captchaRepo.spend(tx, verified.signature, verified.expiresAt),

    /** `spend` as a statement to commit with others (store.commitPlanned); it fails with a unique violation when the solution was used before. */
    spendStatement: (db: Executor, verified: { signature: string; expiresAt: string }) =>
      captchaRepo.spendStatement(db, verified.signature, verified.expiresAt),

    /** Forgets spent solutions whose challenge has expired (they can no longer be replayed); the count deleted. */
    sweep: (tx: Executor, now: string): Promise<number> => captchaRepo.deleteExpired(tx, now),
  };
}

export type Captcha = ReturnType<typeof createCaptcha>;
