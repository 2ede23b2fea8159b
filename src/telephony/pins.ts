import { createHash, randomInt } from 'node:crypto';

/** A registrant's personal phone PIN: ten digits, shown once in the join mail (PINs mailed before keep their eight). */
export const newPersonalPin = (): string => String(randomInt(1_000_000_000, 10_000_000_000));

/**
 * Personal PINs are stored only as SHA-256 of `<event id>:<PIN>`: a copy of the table does not
 * show them, and the event id makes every event's hashes different. Ten digits are few,
 * so this slows a determined attacker with the database only by 10^10 hashes per event; the
 * live dial-in allows 3 tries per call, limits INVITEs and slows PIN checks of a meeting under attack (limits.ts).
 */
export const personalPinHash = (eventId: string, pin: string): string => createHash('sha256').update(`${eventId}:${pin}`).digest('hex');
