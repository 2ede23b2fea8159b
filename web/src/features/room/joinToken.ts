import { z } from 'zod';

/**
 * The join token lives only in this tab's sessionStorage, under a random key that the room's
 * URL names (`/room?k=…`): the token itself never appears in a URL, history or log.
 */
const prefix = 'plenum.join.';

/**
 * What the join answered: the token, whether this person only watches (a webinar attendee: asked
 * nothing about devices), where the room's WebSocket is (it names the room, for the balancer), and
 * what the room is (absent in tabs and tests that stored only the rest).
 */
const storedJoin = z.object({
  joinToken: z.string(),
  watchOnly: z.boolean(),
  socketPath: z.string().startsWith('/api/rooms/socket').optional(),
  kind: z.enum(['meeting', 'webinar']).optional(),
});
export type StoredJoin = z.infer<typeof storedJoin>;

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Keeps the grant and returns the room page's address for it. */
export function storeJoinToken(grant: StoredJoin): string {
  const key = randomKey();
  const { joinToken, watchOnly, socketPath, kind } = grant;
  sessionStorage.setItem(prefix + key, JSON.stringify({ joinToken, watchOnly, socketPath, kind }));
  return `/room?k=${key}`;
}

export function readJoinToken(key: string | null): StoredJoin | undefined {
  const stored = key && sessionStorage.getItem(prefix + key);
  if (!stored) return undefined;
  try {
    const parsed = storedJoin.safeParse(JSON.parse(stored));
    if (parsed.success) return parsed.data;
  } catch {
    // A bare token, as tests and older tabs keep it.
  }
  return { joinToken: stored, watchOnly: false };
}
