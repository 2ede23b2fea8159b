import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

function totpFor(secret: string, label = 'Plenum', issuer = 'Plenum'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Accepts the current code and the ones 30 s either side, for clocks that drift a little. */
export function checkTotp(secret: string, code: string): boolean {
  return totpFor(secret).validate({ token: code.replace(/\s/g, ''), window: 1 }) !== null;
}

/** The provisioning URI and a QR code of it, drawn here (no image service sees the secret). */
export async function totpEnrolment(secret: string, label: string, issuer: string) {
  const uri = totpFor(secret, label, issuer).toString();
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

