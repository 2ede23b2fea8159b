import { z } from 'zod';
import type { LobbyMode } from '../store/schema.js';
import type { SharedChange } from '../cluster/shared-room.js';

/**
 * What of a room's moderation (moderation.ts) the owner keeps in the shared state in cluster
 * mode, so an instance that takes the room over goes on with it: the field `moderation` (lobby
 * mode, lock, unmute rule, who was let in, removed registrations and participants, raised hands) and one field
 * `p:<participantId>` per person in the room or its lobby. Participant and registration ids
 * only: no names.
 */
export interface SharedModeration {
  lobbyMode: LobbyMode;
  locked: boolean;
  unmuteBlocked: boolean;
  admitted: Set<string>;
  removedRegistrations: Set<string>;
  /** People the host removed or turned away: no hello of theirs gets in again, whatever instance it reaches first. */
  removedParticipants: Set<string>;
  hands: Map<string, string>;
  returning: Set<string>;
}

const kept = z.object({
  lobbyMode: z.enum(['off', 'guests', 'everyone']),
  locked: z.boolean(),
  unmuteBlocked: z.boolean(),
  admitted: z.array(z.string()),
  removedRegistrations: z.array(z.string()),
  // Written since the removal race was closed; an older owner's state has none.
  removedParticipants: z.array(z.string()).default([]),
  hands: z.array(z.tuple([z.string(), z.string()])),
});
const presencePrefix = 'p:';

export const sharedModeration = (state: SharedModeration): SharedChange => ({
  field: 'moderation',
  value: JSON.stringify({
    lobbyMode: state.lobbyMode,
    locked: state.locked,
    unmuteBlocked: state.unmuteBlocked,
    admitted: [...state.admitted],
    removedRegistrations: [...state.removedRegistrations],
    removedParticipants: [...state.removedParticipants],
    hands: [...state.hands],
  } satisfies z.input<typeof kept>),
});

/** Someone is in the room, waits in its lobby, or is gone (null). */
export const presence = (participantId: string, where: 'room' | 'lobby' | null): SharedChange => ({
  field: presencePrefix + participantId,
  value: where,
});

function keptModeration(shared: Readonly<Record<string, string>>): z.infer<typeof kept> | undefined {
  if (shared.moderation === undefined) return undefined;
  try {
    return kept.parse(JSON.parse(shared.moderation));
  } catch {
    return undefined;
  }
}

/**
 * Takes over what the previous owner left: its moderation, and who was in the room (let in
 * again without waiting) or its lobby (waiting again); both come back in while the room is locked.
 */
export function restoreModeration(state: SharedModeration, shared: Readonly<Record<string, string>>): void {
  const moderation = keptModeration(shared);
  if (moderation) {
    state.lobbyMode = moderation.lobbyMode;
    state.locked = moderation.locked;
    state.unmuteBlocked = moderation.unmuteBlocked;
    for (const id of moderation.admitted) state.admitted.add(id);
    for (const id of moderation.removedRegistrations) state.removedRegistrations.add(id);
    for (const id of moderation.removedParticipants) state.removedParticipants.add(id);
    for (const [id, since] of moderation.hands) state.hands.set(id, since);
  }
  for (const [field, where] of Object.entries(shared)) {
    if (!field.startsWith(presencePrefix)) continue;
    const id = field.slice(presencePrefix.length);
    state.returning.add(id);
    if (where === 'room') state.admitted.add(id);
  }
}

/** What an HTTP join on any instance checks: the lock and the removals, as the owner last wrote them. */
export function sharedJoinRules(
  shared: Readonly<Record<string, string>>,
): { locked: boolean; removedRegistrations: Set<string> } | undefined {
  const moderation = keptModeration(shared);
  return moderation && { locked: moderation.locked, removedRegistrations: new Set(moderation.removedRegistrations) };
}
