import type { RoomClient } from '../room/roomClient';
import { Store, storePerOwner } from '../../ui/store';
import type { PollView, PushesOf } from '@shared/protocol/index.js';

/** A poll as this viewer may see it (src/shared/protocol/polls.ts): counts only after voting or closing, or for who runs polls. */
export type { PollView };

export interface PollsState {
  polls: readonly PollView[];
  mayRun: boolean;
}

class PollsStore extends Store<PollsState> {
  constructor(client: RoomClient) {
    super({ polls: [], mayRun: false });
    client.listen('poll.', (push) => this.onPush(push));
    void client
      .request('poll.list')
      .then((state) => this.update(state))
      .catch(() => undefined);
  }

  private onPush(push: PushesOf<'poll.'>): void {
    if (push.type === 'poll.list') this.update({ polls: push.polls, mayRun: push.mayRun });
    if (push.type === 'poll.update') {
      const { poll } = push;
      const known = this.snapshot.polls.some((p) => p.id === poll.id);
      this.update({ polls: known ? this.snapshot.polls.map((p) => (p.id === poll.id ? poll : p)) : [...this.snapshot.polls, poll] });
    }
  }
}

/** The polls of a room client, followed from first use. */
export const pollsOf = storePerOwner((client: RoomClient) => new PollsStore(client));
