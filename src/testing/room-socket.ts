import WebSocket from 'ws';
import { until } from './until.js';

export interface RoomSocketMessage {
  type: string;
  id?: number;
  code?: string;
  message?: string;
  [key: string]: unknown;
}

/** A WebSocket client that collects every message, so tests can wait for the one they expect. */
export class RoomSocketClient {
  readonly messages: RoomSocketMessage[] = [];
  closeCode?: number;
  closeReason?: string;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => this.messages.push(JSON.parse(raw.toString()) as RoomSocketMessage));
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<RoomSocketClient> {
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RoomSocketClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(match: (m: RoomSocketMessage) => boolean, timeoutMs = 3000): Promise<RoomSocketMessage> {
    return until(() => this.messages.find(match), { timeoutMs, what: () => `a matching message in ${JSON.stringify(this.messages)}` });
  }

  /** The close code once the server has closed the socket; undefined if it is still open after `timeoutMs`. */
  closed(timeoutMs = 3000): Promise<number | undefined> {
    return until(() => this.closeCode, { timeoutMs, what: 'the socket closed' }).catch(() => undefined);
  }

  reply(id: number): Promise<RoomSocketMessage> {
    return this.next((m) => m.id === id);
  }
}
