import WebSocket from 'ws';
import {
  applyParticipants,
  intents,
  isIntentType,
  serverMessage,
  type IntentType,
  type ParticipantView,
} from '../shared/protocol/index.js';

export interface RoomSocketMessage {
  type: string;
  id?: number;
  code?: string;
  message?: string;
  [key: string]: unknown;
}

/**
 * Where a message the server sent breaks the shared contract (src/shared/protocol/): a push or an
 * answer it does not declare, or a result that is not the reply its intent declares; else undefined.
 */
export function contractProblem(message: unknown, sentTypes: ReadonlyMap<number, IntentType>): string | undefined {
  const parsed = serverMessage.safeParse(message);
  if (!parsed.success) return `not in the contract: ${JSON.stringify(message)}: ${parsed.error.message}`;
  if (parsed.data.type !== 'result') return undefined;
  const type = sentTypes.get(parsed.data.id);
  if (!type) return undefined;
  const reply = intents[type].reply.safeParse(parsed.data.data);
  return reply.success ? undefined : `result of ${type} is not its declared reply: ${JSON.stringify(message)}: ${reply.error.message}`;
}

/**
 * A WebSocket client that collects every message, so tests can wait for the one they expect.
 * Every message is checked against the shared contract: one that breaks it fails the test run.
 */
export class RoomSocketClient {
  readonly messages: RoomSocketMessage[] = [];
  /** The participant list as the pushes so far describe it (a snapshot, then deltas), as the browser keeps it. */
  participants: ParticipantView[] = [];
  /** A webinar's count of attendees, as last pushed. */
  attendees?: number;
  closeCode?: number;
  closeReason?: string;
  /** The intent types sent, by id, to check each result against its intent's reply. */
  private readonly sentTypes = new Map<number, IntentType>();
  /** Who waits for a message or the close: asked again on each, so a wait ends the moment it can. */
  private readonly waiting = new Set<() => void>();
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as RoomSocketMessage;
      const problem = contractProblem(message, this.sentTypes);
      if (problem) throw new Error(problem);
      this.follow(message);
      this.messages.push(message);
      this.waiting.forEach((check) => check());
    });
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.waiting.forEach((check) => check());
    });
  }

  /** `probe`'s first defined answer, asked now and after every message and the close; rejects after `timeoutMs`. */
  when<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        this.waiting.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`${what()}: not within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.add(check);
      check();
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

  private follow(message: RoomSocketMessage): void {
    const push = serverMessage.parse(message);
    if (push.type === 'welcome' || push.type === 'participants') this.participants = push.participants;
    else if (push.type === 'participants.delta') this.participants = applyParticipants(this.participants, push);
    else return;
    if (push.attendees !== undefined) this.attendees = push.attendees;
  }

  /** The participant list once `match` holds for it (and the attendee count). */
  roster(match: (list: ParticipantView[], attendees: number | undefined) => boolean, timeoutMs = 3000): Promise<ParticipantView[]> {
    return this.when(
      () => (match(this.participants, this.attendees) ? this.participants : undefined),
      timeoutMs,
      () => `a matching participant list in ${JSON.stringify({ participants: this.participants, attendees: this.attendees })}`,
    );
  }

  send(message: unknown): void {
    if (typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' && 'type' in message) {
      if (isIntentType(message.type)) this.sentTypes.set(message.id, message.type);
    }
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(match: (m: RoomSocketMessage) => boolean, timeoutMs = 3000): Promise<RoomSocketMessage> {
    return this.when(
      () => this.messages.find(match),
      timeoutMs,
      () => `a matching message in ${JSON.stringify(this.messages)}`,
    );
  }

  /** The close code once the server has closed the socket; undefined if it is still open after `timeoutMs`. */
  closed(timeoutMs = 3000): Promise<number | undefined> {
    return this.when(
      () => this.closeCode,
      timeoutMs,
      () => 'the socket closed',
    ).catch(() => undefined);
  }

  reply(id: number): Promise<RoomSocketMessage> {
    return this.next((m) => m.id === id);
  }
}
