import { z } from 'zod';
import { intent, isoTime, noReply, participantId, push } from './contract.js';

/** The host's say over a live room: lobby, lock, muting, removing, hands, roles (src/rooms/moderation.ts). */

export const lobbyMode = z.enum(['off', 'guests', 'everyone']);
export type LobbyMode = z.infer<typeof lobbyMode>;

/** Someone waiting, as the host's waiting list shows them (src/rooms/lobby.ts). */
export const waitingView = z.object({ participantId: z.string(), displayName: z.string(), since: isoTime });
export type WaitingView = z.infer<typeof waitingView>;

export const handView = z.object({
  participantId: z.string(),
  /** ISO time the hand went up; the list is in this order. */
  since: isoTime,
});
export type HandView = z.infer<typeof handView>;

export const moderationStateView = z.object({
  locked: z.boolean(),
  lobby: lobbyMode,
  /** After "mute all" without permission to unmute: participants may not switch their microphone on. */
  unmuteBlocked: z.boolean(),
  hands: z.array(handView),
});
export type ModerationStateView = z.infer<typeof moderationStateView>;

/** The roles a host gives and takes in the participant menu. */
export const assignableRole = z.enum(['cohost', 'participant']);
export type AssignableRole = z.infer<typeof assignableRole>;
export const roleChangeReason = z.enum(['promoted', 'handedOver', 'automatic']);

/** Why someone's personal link took them out of the room: the organiser withdrew their panelist invitation, or cancelled the event. */
export const removalReason = z.enum(['panelistWithdrawn', 'eventCancelled']);
export type RemovalReason = z.infer<typeof removalReason>;

export const moderationIntents = {
  /** The state; hosts and co-hosts also get who waits. */
  'moderation.state': intent(
    {},
    moderationStateView.extend({ waiting: z.array(waitingView).optional(), waitingCount: z.number().int().optional() }),
  ),
  'moderation.settings': intent(
    { lobby: lobbyMode.optional(), locked: z.boolean().optional(), allowUnmute: z.boolean().optional() },
    moderationStateView,
  ),
  'lobby.admit': intent({ participantId }, noReply),
  'lobby.admitAll': intent({}, noReply),
  'lobby.reject': intent({ participantId }, noReply),
  'moderation.mute': intent({ participantId }, noReply),
  'moderation.muteAll': intent({ allowUnmute: z.boolean() }, noReply),
  'moderation.remove': intent({ participantId }, noReply),
  'moderation.hand': intent({ raised: z.boolean() }, noReply),
  'moderation.lowerHand': intent({ participantId }, noReply),
  'moderation.role': intent({ participantId, role: assignableRole }, noReply),
  /** The host leaves and names who hosts after them; they stay (as a participant) until their own leave. */
  'moderation.handOver': intent({ participantId }, noReply),
};

export const moderationPushes = [
  push('moderation.state', moderationStateView.shape),
  /** To the muted participant: the host muted them (`all`: everyone at once). */
  push('moderation.muted', { all: z.boolean() }),
  /**
   * To the removed participant, just before their connection is closed (4003). Without `reason` the
   * host removed them in the room; with one, their personal link stopped admitting them for it.
   */
  push('moderation.removed', { reason: removalReason.optional() }),
  /** To someone who has to wait; their hello's result says `{ waiting: true }` too. */
  push('lobby.waiting', { title: z.string() }),
  push('lobby.admitted', {}),
  /** To someone the host turned away, just before their connection is closed (4003). */
  push('lobby.rejected', {}),
  /** To hosts and co-hosts: who waits, in order of arrival (the first ones), and how many wait in all. */
  push('lobby.list', { waiting: z.array(waitingView), count: z.number().int() }),
  /**
   * To someone whose role changed: `promoted` by a host, `handedOver` by the host who left,
   * `automatic` when the last host went without choosing and they were the first co-host.
   */
  push('moderation.role', { role: z.enum(['host', 'cohost', 'participant']), reason: roleChangeReason }),
] as const;
