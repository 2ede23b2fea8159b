import WebSocket from 'ws';

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

  async next(match: (m: RoomSocketMessage) => boolean, timeoutMs = 3000): Promise<RoomSocketMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message in ${JSON.stringify(this.messages)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  reply(id: number): Promise<RoomSocketMessage> {
    return this.next((m) => m.id === id);
  }
}
