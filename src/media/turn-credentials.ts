import { createHmac, randomBytes } from 'node:crypto';

/**
 * Short-lived TURN credentials in coturn's shared-secret scheme (`use-auth-secret`, the "TURN
 * REST API" draft): the username is `<expiry in Unix seconds>:<random>`, the password is
 * base64(HMAC-SHA1(secret, username)). coturn recomputes the password from the username and
 * refuses it once the expiry has passed; nothing is stored on either side, and the random part
 * is tied to nothing personal (no name, no participant id, no address).
 */

/** What a browser passes to `new RTCPeerConnection({ iceServers })`, and until when it works. */
export interface IceServers {
  iceServers: { urls: string[]; username: string; credential: string }[];
  /** ISO time after which the credential no longer opens a new allocation. */
  expiresAt: string;
}

export function turnCredential(
  secret: string,
  lifetimeSeconds: number,
  now = Date.now(),
): { username: string; credential: string; expiresAt: string } {
  const expiry = Math.floor(now / 1000) + lifetimeSeconds;
  const username = `${expiry}:${randomBytes(12).toString('base64url')}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: new Date(expiry * 1000).toISOString() };
}

/** One credential for all of the relay's URLs (UDP, TCP, TLS on 443): the browser tries them in its own order. */
export function iceServersFor(relay: { urls: readonly string[]; secret: string; credentialSeconds: number }, now = Date.now()): IceServers {
  const { username, credential, expiresAt } = turnCredential(relay.secret, relay.credentialSeconds, now);
  return { iceServers: [{ urls: [...relay.urls], username, credential }], expiresAt };
}
