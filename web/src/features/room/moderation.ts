import type { LobbyMode, PushesOf, WaitingView } from '@shared/protocol/index.js';
import type { RoomClient } from './roomClient';
import { Store, storePerOwner, useStore } from '../../ui/store';

/** The lobby and moderation as the server pushes them (src/shared/protocol/moderation.ts). */
export type { LobbyMode };
export type WaitingPerson = WaitingView;

export interface ModerationSnapshot {
  locked: boolean;
  lobby: LobbyMode;
  /** The host muted everyone and does not let participants unmute themselves. */
  unmuteBlocked: boolean;
  /** Raised hands, in the order they went up. */
  hands: { participantId: string; since: string }[];
  /** Hosts only: who waits in the lobby, in order of arrival (the first 50), and how many wait in all. */
  waiting: WaitingPerson[];
  waitingCount: number;
  /** The host just muted this browser's user (`all`: everyone at once); cleared when dismissed. */
  mutedByHost?: { all: boolean; at: number };
  /** This browser's user got another role (co-host, host); cleared when dismissed. */
  roleChange?: RoleChange;
}

export type RoleChange = Omit<PushesOf<'moderation.role'>, 'type'>;

/** The pushes this state follows (the room client itself handles lobby.admitted/rejected and moderation.removed). */
type ModerationPush = PushesOf<'moderation.' | 'lobby.'>;

/**
 * The moderation state of one room client. Created together with the client (before it connects)
 * so no push is missed; components read it with `useModeration`.
 */
export class Moderation extends Store<ModerationSnapshot> {
  constructor(readonly client: RoomClient) {
    super({ locked: false, lobby: 'guests', unmuteBlocked: false, hands: [], waiting: [], waitingCount: 0 });
    client.listen('moderation.', (push) => this.onPush(push));
    client.listen('lobby.', (push) => this.onPush(push));
  }

  dismissMutedNotice(): void {
    this.update({ mutedByHost: undefined });
  }

  dismissRoleNotice(): void {
    this.update({ roleChange: undefined });
  }

  private onPush(push: ModerationPush): void {
    switch (push.type) {
      case 'moderation.state':
        this.update({ locked: push.locked, lobby: push.lobby, unmuteBlocked: push.unmuteBlocked, hands: push.hands });
        return;
      case 'lobby.list':
        this.update({ waiting: push.waiting, waitingCount: push.count });
        return;
      case 'moderation.muted':
        this.update({ mutedByHost: { all: push.all, at: Date.now() } });
        return;
      case 'moderation.role':
        this.update({ roleChange: { role: push.role, reason: push.reason } });
    }
  }
}

/** The moderation state of this client; the first call starts listening. */
export const moderationOf = storePerOwner((client: RoomClient) => new Moderation(client));

export const useModeration = (client: RoomClient): ModerationSnapshot => useStore(moderationOf(client));

/** Participants with a raised hand first, in the order the hands went up; the others as they were. */
export function byRaisedHand<P extends { id: string }>(participants: readonly P[], hands: ModerationSnapshot['hands']): P[] {
  const order = new Map(hands.map((hand, index) => [hand.participantId, index]));
  const rank = (p: P) => order.get(p.id) ?? hands.length;
  return participants
    .map((p, index) => ({ p, index }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.index - b.index)
    .map(({ p }) => p);
}
