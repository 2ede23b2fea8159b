import type { RoomClient } from '../room/roomClient';
import { Store, storePerOwner } from '../../ui/store';
import type { PushesOf } from '@shared/protocol/index.js';
import type { QaState } from './types';

/** The Q&A of one room client: the questions as this viewer may see them, kept current by `qa.*` pushes. */
class QaStore extends Store<QaState> {
  constructor(client: RoomClient) {
    super({ enabled: false, questions: [] });
    client.listen('qa.', (push) => this.onPush(push));
    void client
      .request('qa.list')
      .then((state) => this.update(state))
      .catch(() => undefined);
  }

  private onPush(push: PushesOf<'qa.'>): void {
    switch (push.type) {
      case 'qa.list':
        this.update({ enabled: push.enabled, questions: push.questions });
        return;
      case 'qa.question': {
        const { question } = push;
        const others = this.snapshot.questions.filter((q) => q.id !== question.id);
        const at = this.snapshot.questions.findIndex((q) => q.id === question.id);
        this.update({
          enabled: true,
          questions: at < 0 ? [...others, question] : this.snapshot.questions.map((q) => (q.id === question.id ? question : q)),
        });
        return;
      }
      case 'qa.removed':
        this.update({ questions: this.snapshot.questions.filter((q) => q.id !== push.questionId) });
    }
  }
}

/** The Q&A of a room client, followed from first use. */
export const qaOf = storePerOwner((client: RoomClient) => new QaStore(client));
