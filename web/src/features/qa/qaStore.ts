import type { RoomClient } from '../room/roomClient';
import type { PushesOf } from '@shared/protocol/index.js';
import type { QaState } from './types';

/** The Q&A of one room client: the questions as this viewer may see them, kept current by `qa.*` pushes. */
class QaStore {
  private state: QaState = { enabled: false, questions: [] };
  private readonly listeners = new Set<() => void>();

  constructor(client: RoomClient) {
    client.listen('qa.', (push) => this.onPush(push));
    void client
      .request('qa.list')
      .then((state) => this.set(state))
      .catch(() => undefined);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): QaState => this.state;

  private set(state: QaState): void {
    this.state = state;
    this.listeners.forEach((listener) => listener());
  }

  private onPush(push: PushesOf<'qa.'>): void {
    switch (push.type) {
      case 'qa.list':
        this.set({ enabled: push.enabled, questions: push.questions });
        return;
      case 'qa.question': {
        const { question } = push;
        const others = this.state.questions.filter((q) => q.id !== question.id);
        const at = this.state.questions.findIndex((q) => q.id === question.id);
        this.set({
          enabled: true,
          questions: at < 0 ? [...others, question] : this.state.questions.map((q) => (q.id === question.id ? question : q)),
        });
        return;
      }
      case 'qa.removed':
        this.set({ ...this.state, questions: this.state.questions.filter((q) => q.id !== push.questionId) });
    }
  }
}

const stores = new WeakMap<RoomClient, QaStore>();

export function qaOf(client: RoomClient): QaStore {
  let store = stores.get(client);
  if (!store) {
    store = new QaStore(client);
    stores.set(client, store);
  }
  return store;
}
