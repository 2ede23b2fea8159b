/**
 * The join token lives only in this tab's sessionStorage, under a random key that the room's
 * URL names (`/room?k=…`): the token itself never appears in a URL, history or log.
 */
const prefix = 'plenum.join.';

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Keeps the token and returns the room page's address for it. */
export function storeJoinToken(joinToken: string): string {
  const key = randomKey();
  sessionStorage.setItem(prefix + key, joinToken);
  return `/room?k=${key}`;
}

export function readJoinToken(key: string | null): string | undefined {
  return (key && sessionStorage.getItem(prefix + key)) || undefined;
}
