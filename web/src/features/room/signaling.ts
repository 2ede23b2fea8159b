import {
  replySchema,
  serverMessage,
  type IntentReply,
  type IntentType,
  type PayloadArgs,
  type ServerPush,
} from '@shared/protocol/index.js';

export type { ServerPush as Push };

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
 *
 * Every message is read through the shared contract (src/shared/protocol/): pushes and results
 * arrive typed, and one the contract does not know is dropped (a push) or refused (a result)
 * instead of reaching the page in a shape it does not expect.
 */
export class Signaling {
  private readonly socket: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(data: unknown): void; reject(error: Error): void }>();

  /** `path`: from the join answer; it names the room so a balancer sends every socket of a room to one server. */
  constructor(onPush: (push: ServerPush) => void, onClose: (code: number) => void, path = '/api/rooms/socket') {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new WebSocket(`${scheme}://${location.host}${path}`);
    this.socket.addEventListener('message', (event) => {
      const parsed = serverMessage.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return console.error('room message outside the contract', parsed.error);
      const message = parsed.data;
      if (message.type === 'result' || message.type === 'error') {
        if (message.id === undefined) return;
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'result') waiter?.resolve(message.data);
        else waiter?.reject(new SignalingError(message.code, message.message));
        return;
      }
      onPush(message);
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

  /** One intent, answered with the reply its contract declares. */
  request<K extends IntentType>(type: K, ...[payload]: PayloadArgs<K>): Promise<IntentReply<K>> {
    const id = this.nextId++;
    const reply = replySchema(type);
    return new Promise<IntentReply<K>>((resolve, reject) => {
      const answered = (data: unknown) => {
        const parsed = reply.safeParse(data);
        if (parsed.success) return resolve(parsed.data);
        console.error(`result of ${type} outside the contract`, parsed.error);
        reject(new SignalingError('ERR_PROTOCOL', 'unexpected answer'));
      };
      this.pending.set(id, { resolve: answered, reject });
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

/** An ICE candidate as the contract carries it (the fields of its toJSON()), or null for the end of candidates. */
export function candidateOf(candidate: RTCIceCandidate | null) {
  if (!candidate) return null;
  const { sdpMid, sdpMLineIndex, usernameFragment } = candidate;
  return { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment };
}
