import type { RoomClient } from '../room/roomClient';
import { Store, storePerOwner } from '../../ui/store';
import type { PushesOf } from '@shared/protocol/index.js';
import type { ChatMessage, ChatState, Minutes, Pseudonym } from './types';

/** As many as the server remembers. */
const keep = 500;

/**
 * The chat of one room client: the messages (in this tab's memory only), the minutes banner's
 * state and the unread count, shared by the panel, the tab badge and the banner. It asks for the
 * history when created and takes every `chat.*` push after that, reconnects included.
 */
class ChatStore extends Store<ChatState> {
  private panelShown = 0;

  constructor(readonly client: RoomClient) {
    super({ messages: [], minutes: null, pseudonym: null, unread: 0 });
    client.listen('chat.', (push) => this.onPush(push));
    void client
      .request('chat.history')
      .then((history) => this.replace(history.messages, history.minutes, history.pseudonym))
      .catch(() => undefined);
  }

  /** The panel is on screen (from mount to unmount): nothing is unread meanwhile. */
  showPanel(): () => void {
    this.panelShown++;
    this.update({ unread: 0 });
    return () => {
      this.panelShown--;
    };
  }

  private replace(messages: readonly ChatMessage[], minutes: Minutes, pseudonym: Pseudonym | null): void {
    const known = new Set(this.snapshot.messages.map((m) => m.id));
    const fresh = messages.filter((m) => !known.has(m.id)).length;
    this.update({ messages, minutes, pseudonym, unread: this.panelShown ? 0 : this.snapshot.unread + fresh });
  }

  private onPush(push: PushesOf<'chat.'>): void {
    switch (push.type) {
      case 'chat.history':
        this.replace(push.messages, push.minutes, push.pseudonym);
        return;
      case 'chat.message': {
        const { message } = push;
        if (this.snapshot.messages.some((m) => m.id === message.id)) return;
        const mine = message.author.id === this.client.getSnapshot().self?.id;
        this.update({
          messages: [...this.snapshot.messages, message].slice(-keep),
          unread: this.panelShown || mine ? this.snapshot.unread : this.snapshot.unread + 1,
        });
        return;
      }
      case 'chat.minutes':
        this.update({ minutes: push.minutes });
        return;
      case 'chat.pseudonym':
        this.update({ pseudonym: push.pseudonym });
    }
  }
}

/** The chat of a room client, created on first use. */
export const chatOf = storePerOwner((client: RoomClient) => new ChatStore(client));
