import { z } from 'zod';
import type { SharedChange, SharedRoom } from '../cluster/shared-room.js';

/**
 * What of webinar pseudonyms (pseudonyms.ts) the owner keeps in the room's shared state in
 * cluster mode, so a new owner shows everyone under the same number and chosen name: one field
 * `ps:<person key>` per person (3,000 attendees write 3,000 small fields, not one growing
 * document), holding their number and the name they chose, if any. Person keys are ids only.
 */

const prefix = 'ps:';
const personKeyPattern = /^[rap]:[\w-]{1,64}$/;
const kept = z.strictObject({ number: z.number().int().min(1_000).max(999_999), chosen: z.string().min(1).max(100).optional() });
export type KeptPseudonym = z.infer<typeof kept>;

const change = (key: string, value: KeptPseudonym | undefined): SharedChange => ({
  field: prefix + key,
  value: value === undefined ? null : JSON.stringify(value),
});

/** The pseudonyms the previous owner kept; a field that does not read as one is left out (that person gets a new number). */
export function* keptPseudonyms(shared: Readonly<Record<string, string>>): Generator<[string, KeptPseudonym]> {
  for (const [field, value] of Object.entries(shared)) {
    const key = field.slice(prefix.length);
    if (!field.startsWith(prefix) || !personKeyPattern.test(key)) continue;
    try {
      yield [key, kept.parse(JSON.parse(value))];
    } catch {
      continue;
    }
  }
}

/**
 * The owner's writes of pseudonyms, one after another in the order they were asked for, so a
 * later write of a person (their chosen name, their erasure) is never overtaken by an earlier one.
 */
export class SharedPseudonyms {
  private writing: Promise<unknown> = Promise.resolve();
  /** Numbers handed out since the last write, by person: read when written, so the latest state goes. */
  private readonly unsaved = new Map<string, () => KeptPseudonym | undefined>();
  private flushScheduled = false;

  constructor(private readonly room: SharedRoom) {}

  /** Writes the person's pseudonym soon, together with the others handed out meanwhile; nobody waits for it. */
  later(key: string, current: () => KeptPseudonym | undefined): void {
    this.unsaved.set(key, current);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = [...this.unsaved];
      this.unsaved.clear();
      const changes = batch.flatMap(([key, read]) => {
        const value = read();
        return value ? [change(key, value)] : [];
      });
      if (changes.length === 0) return;
      // Refused (the room moved, Redis out of reach): they go along with the next write.
      this.write(changes).catch(() => {
        for (const [key, read] of batch) if (!this.unsaved.has(key)) this.unsaved.set(key, read);
      });
    });
  }

  /** Writes the person's pseudonym (undefined: removes it) and resolves once the shared state has it; refused as SharedRoom.save is. */
  now(key: string, value: KeptPseudonym | undefined): Promise<void> {
    this.unsaved.delete(key); // this write carries it
    return this.write([change(key, value)]);
  }

  private write(changes: readonly SharedChange[]): Promise<void> {
    const done = this.writing.then(() => this.room.save(changes));
    this.writing = done.catch(() => undefined);
    return done;
  }
}
