import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createChallenge, solveChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { createCaptcha } from './captcha.js';

const secrets = { hmacSignatureSecret: randomBytes(32).toString('hex'), hmacKeySignatureSecret: randomBytes(32).toString('hex') };
const captcha = createCaptcha({ cost: 1, minCounter: 1, maxCounter: 20 }, secrets);

const encode = (challenge: unknown, solution: unknown) => Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
const flipHex = (hex: string, at = 0) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

/** altcha-lib's own verdict with the same secrets: what captcha.verify did before it computed the HMACs itself. */
async function libraryVerdict(challenge: Challenge, solution: Solution): Promise<boolean> {
  try {
    return (await verifySolution({ challenge, solution, deriveKey, ...secrets })).verified;
  } catch {
    return false;
  }
}

describe('captcha verification', () => {
  it('gives altcha-lib’s verdict on a valid payload and on every alteration of it', async () => {
    const challenge = await captcha.challenge();
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    const expired = await createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: 1,
      counter: 3,
      deriveKey,
      expiresAt: new Date(Date.now() - 1000),
      ...secrets,
    });
    const p = challenge.parameters;
    const cases: [string, Challenge, Solution][] = [
      ['valid', challenge, solution],
      ['nonce altered', { ...challenge, parameters: { ...p, nonce: flipHex(p.nonce) } }, solution],
      ['salt altered', { ...challenge, parameters: { ...p, salt: flipHex(p.salt) } }, solution],
      ['cost altered', { ...challenge, parameters: { ...p, cost: p.cost + 1 } }, solution],
      ['key length altered', { ...challenge, parameters: { ...p, keyLength: p.keyLength! - 1 } }, solution],
      ['key prefix altered', { ...challenge, parameters: { ...p, keyPrefix: flipHex(p.keyPrefix) } }, solution],
      ['key signature altered', { ...challenge, parameters: { ...p, keySignature: flipHex(p.keySignature!) } }, solution],
      ['expiry extended', { ...challenge, parameters: { ...p, expiresAt: p.expiresAt! + 3600 } }, solution],
      ['parameter added', { ...challenge, parameters: { ...p, data: { note: 'x' } } }, solution],
      ['signature altered', { ...challenge, signature: flipHex(challenge.signature!, 5) }, solution],
      ['derived key altered', challenge, { ...solution, derivedKey: flipHex(solution.derivedKey, 9) }],
      ['derived key shortened', challenge, { ...solution, derivedKey: solution.derivedKey.slice(0, -2) }],
      ['derived key of odd length', challenge, { ...solution, derivedKey: `${solution.derivedKey}0` }],
      ['counter beyond 32 bits', challenge, { ...solution, counter: 2 ** 32 }],
      ['expired', expired, (await solveChallenge({ challenge: expired, deriveKey }))!],
    ];
    const verdicts = [];
    for (const [name, c, s] of cases) {
      const ours = (await captcha.verify(encode(c, s))).ok;
      verdicts.push({ name, ours, library: await libraryVerdict(c, s) });
    }
    assert.deepEqual(
      verdicts.filter((v) => v.ours !== v.library),
      [],
    );
    assert.deepEqual(
      verdicts.filter((v) => v.ours).map((v) => v.name),
      ['valid'],
    );
  });

  it('answers a verified payload with the challenge’s signature and expiry, to be spent once', async () => {
    const challenge = await captcha.challenge();
    const solution = await solveChallenge({ challenge, deriveKey });
    assert.deepEqual(await captcha.verify(encode(challenge, solution)), {
      ok: true,
      signature: challenge.signature,
      expiresAt: new Date(challenge.parameters.expiresAt! * 1000).toISOString(),
    });
  });

  it('refuses what is not a payload without throwing', async () => {
    for (const payload of ['', 'not base64 ☃', Buffer.from('{"challenge":1}').toString('base64'), Buffer.from('[]').toString('base64')])
      assert.deepEqual(await captcha.verify(payload), { ok: false });
  });
});
