import type { ParticipantView } from './types';

/** Messages the server pushes (see src/rooms/protocol.ts); answers to intents carry the intent's id. */
export type Push =
  | { type: 'welcome'; self: ParticipantView; title: string; participants: ParticipantView[]; attendees?: number }
  | { type: 'participants'; participants: ParticipantView[]; attendees?: number }
  | { type: 'talking'; participantId: string; talking: boolean }
  | { type: 'media.reset' }
  | { type: 'ended' };

/** A push of a room feature (chat, Q&A, recording…), named `<feature>.<event>`. */
export type FeaturePush = { type: string } & Record<string, unknown>;

type Answer = { type: 'result'; id: number; data?: unknown } | { type: 'error'; id?: number; code: string; message: string };
const isAnswer = (message: Push | FeaturePush | Answer): message is Answer => message.type === 'result' || message.type === 'error';

export class SignalingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Close codes after which reconnecting makes no sense. */
/** The server closed this tab's connection because the same person connected again elsewhere (src/rooms/live-room.ts). */
export const replacedCloseCode = 4000;
export const finalCloseCodes = new Set([1000, replacedCloseCode, 4001, 4003]);

/**
 * One WebSocket to the room: intents out with an id, the answer matched back to the promise,
 * pushes handed to `onPush`. It does not reconnect by itself; the room client decides.
 */
export class Signaling {
  private readonly socket: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(data: unknown): void; reject(error: Error): void }>();

  constructor(onPush: (push: Push | FeaturePush) => void, onClose: (code: number) => void) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new WebSocket(`${scheme}://${location.host}/api/rooms/socket`);
    this.socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as Push | FeaturePush | Answer;
      if (isAnswer(message) && message.id !== undefined) {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'result') waiter?.resolve(message.data);
        else waiter?.reject(new SignalingError(message.code, message.message));
        return;
      }
      if (!isAnswer(message)) onPush(message);
    });
    this.socket.addEventListener('close', (event) => {
      for (const waiter of this.pending.values()) waiter.reject(new SignalingError('ERR_CONNECTION_CLOSED', 'connection closed'));
      this.pending.clear();
      onClose(event.code);
    });
  }

  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve(), { once: true });
      this.socket.addEventListener('close', () => reject(new SignalingError('ERR_CONNECTION_CLOSED', 'connection closed')), { once: true });
    });
  }

  request<T = void>(type: string, payload: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (data) => resolve(data as T), reject });
      if (this.socket.readyState !== WebSocket.OPEN) {
        this.pending.delete(id);
        reject(new SignalingError('ERR_CONNECTION_CLOSED', 'connection closed'));
        return;
      }
      this.socket.send(JSON.stringify({ type, id, ...payload }));
    });
  }

  close(): void {
    this.socket.close(1000, 'left');
  }
}
