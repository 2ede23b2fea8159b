import type { RoomClient } from '../room/roomClient';
import type { PollView, PushesOf } from '@shared/protocol/index.js';

/** A poll as this viewer may see it (src/shared/protocol/polls.ts): counts only after voting or closing, or for who runs polls. */
export type { PollView };

export interface PollsState {
  polls: readonly PollView[];
  mayRun: boolean;
}

class PollsStore {
  private state: PollsState = { polls: [], mayRun: false };
  private readonly listeners = new Set<() => void>();

  constructor(client: RoomClient) {
    client.listen('poll.', (push) => this.onPush(push));
    void client
      .request('poll.list')
      .then((state) => this.set(state))
      .catch(() => undefined);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PollsState => this.state;

  private set(state: PollsState): void {
    this.state = state;
    this.listeners.forEach((listener) => listener());
  }

  private onPush(push: PushesOf<'poll.'>): void {
    if (push.type === 'poll.list') this.set({ polls: push.polls, mayRun: push.mayRun });
    if (push.type === 'poll.update') {
      const { poll } = push;
      const known = this.state.polls.some((p) => p.id === poll.id);
      this.set({ ...this.state, polls: known ? this.state.polls.map((p) => (p.id === poll.id ? poll : p)) : [...this.state.polls, poll] });
    }
  }
}

const stores = new WeakMap<RoomClient, PollsStore>();

export function pollsOf(client: RoomClient): PollsStore {
  let store = stores.get(client);
  if (!store) {
    store = new PollsStore(client);
    stores.set(client, store);
  }
  return store;
}
