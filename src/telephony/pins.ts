import { createHash, randomInt } from 'node:crypto';

/** A registrant's personal phone PIN: eight digits, shown once in the join mail. */
export const newPersonalPin = (): string => String(randomInt(10_000_000, 100_000_000));

/**
 * Personal PINs are stored only as SHA-256 of `<event id>:<PIN>`: a copy of the table does not
 * show them, and the event id makes every event's hashes different. Eight digits are few,
 * so this slows a determined attacker with the database only by 10^8 hashes per event; the
 * live dial-in allows 3 tries per call and limits INVITEs.
 */
export const personalPinHash = (eventId: string, pin: string): string => createHash('sha256').update(`${eventId}:${pin}`).digest('hex');
