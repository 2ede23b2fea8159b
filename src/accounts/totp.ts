import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

function totpFor(secret: string, label = 'Plenum', issuer = 'Plenum'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * Accepts the current code and the ones 30 s either side, for clocks that drift a little, but
 * only for a step later than the last accepted one: a code seen once cannot be replayed.
 * Returns the step to remember, or undefined when the code is not accepted.
 */
export function acceptTotp(secret: string, code: string, lastStep: number | null): number | undefined {
  const delta = totpFor(secret).validate({ token: code.replace(/\s/g, ''), window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(Date.now() / 30_000) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/** The provisioning URI and a QR code of it, drawn here (no image service sees the secret). */
export async function totpEnrolment(secret: string, label: string, issuer: string) {
  const uri = totpFor(secret, label, issuer).toString();
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}
