import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIP, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { RateLimiter } from './limits.js';
import { readAudioOffer, type AudioOffer } from './sdp.js';
import {
  SipParseError,
  SipStreamFramer,
  addressUri,
  cseqOf,
  header,
  headerParam,
  maxMessageBytes,
  parseSipMessage,
  serialiseSipMessage,
  uriUser,
  type SipHeaders,
  type SipRequest,
  type SipResponse,
} from './sip-message.js';

/** Where a message came from and how to answer it: the UDP source address, or the TCP connection. */
export interface Flow {
  transport: 'udp' | 'tcp';
  ip: string;
  port: number;
  send(data: Buffer): void;
}

export type CallEnd = 'caller' | 'cancelled' | 'app' | 'no-ack';

/** One incoming call (a dialog in which the app is the UAS). */
export interface SipCall {
  callId: string;
  callerNumber: string | undefined;
  calledNumber: string | undefined;
  source: { transport: 'udp' | 'tcp'; ip: string; port: number };
  offer: AudioOffer;
  /** Resolves when the caller's ACK confirmed the answer. */
  confirmed: Promise<void>;
  /** Resolves once the call is over, and says who ended it. */
  ended: Promise<CallEnd>;
  /** The app ends the call: BYE (or, before the answer, an error response). */
  hangUp(): void;
}

/** Answers an incoming call: an SDP answer, or a final error status. */
export type CallHandler = (call: SipCall, signal: AbortSignal) => Promise<{ sdp: string } | { status: number; reason: string }>;

export interface SipEndpointOptions {
  host: string;
  port: number;
  isAllowed: (ip: string) => boolean;
  invitesPerMinute: number;
  maxCalls: number;
  onCall: CallHandler;
  log: Logger;
}

const allowed = 'INVITE, ACK, BYE, CANCEL, OPTIONS';
/** Methods the app knows but does not take (405); any other method is unknown (501). */
const knownMethods = new Set(['REGISTER', 'PRACK', 'SUBSCRIBE', 'NOTIFY', 'PUBLISH', 'INFO', 'REFER', 'MESSAGE', 'UPDATE']);
const t1Ms = 500;
const maxTcpConnections = 256;

interface Dialog {
  call: SipCall;
  invite: SipRequest;
  flow: Flow;
  localTag: string;
  /** The last response to the INVITE, resent when the INVITE is retransmitted. */
  lastResponse?: Buffer;
  state: 'proceeding' | 'answered' | 'confirmed' | 'ended';
  abort: AbortController;
  retransmit?: NodeJS.Timeout;
  ack: () => void;
  end: (by: CallEnd) => void;
  localCseq: number;
}

/**
 * The app's SIP user agent server over UDP and TCP (RFC 3261): INVITE, ACK, BYE, CANCEL
 * and OPTIONS; 405 for other known methods, 501 for unknown ones. Only the configured trunk
 * may talk to it; INVITE floods are answered 503; malformed messages are answered 400 when
 * they can be answered at all, and dropped otherwise.
 */
export class SipEndpoint {
  private readonly dialogs = new Map<string, Dialog>();
  private readonly pendingByes = new Map<string, () => void>();
  private readonly inviteLimiter: RateLimiter;
  private readonly requestLimiter = new RateLimiter(1_200, 200);
  private readonly tcpConnections = new Set<Socket>();
  private udp?: UdpSocket;
  private tcp?: Server;
  private stopped = false;

  constructor(private readonly options: SipEndpointOptions) {
    this.inviteLimiter = new RateLimiter(options.invitesPerMinute, Math.max(1, Math.ceil(options.invitesPerMinute / 6)));
  }

  get activeCalls(): number {
    return this.dialogs.size;
  }

  /** Listens on the same port over UDP and TCP; port 0 takes a free one for both. */
  async start(): Promise<{ port: number }> {
    const { host } = this.options;
    for (let attempt = 0; ; attempt++) {
      const udp = createSocket({ type: isIP(host) === 6 ? 'udp6' : 'udp4' });
      const port = await new Promise<number>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(this.options.port, host, () => resolve(udp.address().port));
      });
      const tcp = createServer((socket) => this.acceptTcp(socket));
      const listening = await new Promise<boolean>((resolve) => {
        tcp.once('error', () => resolve(false));
        tcp.listen(port, host, () => resolve(true));
      });
      if (!listening) {
        udp.close();
        if (this.options.port !== 0 || attempt > 10) throw new Error(`SIP: TCP port ${port} is taken`);
        continue;
      }
      udp.removeAllListeners('error');
      udp.on('error', (error) => this.options.log.warn({ err: error }, 'SIP UDP socket error'));
      udp.on('message', (data, from) => {
        const flow: Flow = {
          transport: 'udp',
          ip: from.address,
          port: from.port,
          send: (out) => this.sendUdp(udp, out, from.port, from.address),
        };
        this.receiveSafely(data, flow);
      });
      this.udp = udp;
      this.tcp = tcp;
      return { port };
    }
  }

  /** Retransmission timers may still fire after stop(): sending then is a no-op, never a crash. */
  private sendUdp(udp: UdpSocket, data: Buffer, port: number, address: string): void {
    if (this.stopped) return;
    udp.send(data, port, address, (error) => error && this.options.log.debug({ err: error }, 'SIP UDP send failed'));
  }

  async stop(): Promise<void> {
    for (const dialog of this.dialogs.values()) this.hangUp(dialog);
    // Give the BYEs a moment to leave before the sockets close.
    await new Promise((resolve) => setTimeout(resolve, 50));
    this.stopped = true;
    for (const socket of this.tcpConnections) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => (this.udp ? this.udp.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve())),
    ]);
  }

  private acceptTcp(socket: Socket): void {
    if (this.tcpConnections.size >= maxTcpConnections || !this.options.isAllowed(socket.remoteAddress ?? '')) {
      socket.destroy();
      return;
    }
    this.tcpConnections.add(socket);
    const framer = new SipStreamFramer();
    const flow: Flow = {
      transport: 'tcp',
      ip: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
      send: (out) => void (socket.writable && socket.write(out)),
    };
    socket.setTimeout(5 * 60_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      let frames: Buffer[];
      try {
        frames = framer.push(chunk);
      } catch {
        // The stream cannot be framed any more: say so if we can, then close it.
        this.replyToGarbage(chunk.subarray(0, maxMessageBytes), flow);
        socket.end();
        return;
      }
      for (const frame of frames) this.receiveSafely(frame, flow);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.tcpConnections.delete(socket));
  }

  /**
   * The socket handlers' only way in: nothing a peer sends may throw past this point, where
   * it would end the process (and the calls of everyone else).
   */
  private receiveSafely(data: Buffer, flow: Flow): void {
    try {
      this.receive(data, flow);
    } catch (error) {
      this.options.log.error({ err: error, transport: flow.transport }, 'SIP message could not be handled');
      try {
        this.replyToGarbage(data, flow, 500, 'Server Internal Error');
      } catch {
        // Nothing more to say to this peer.
      }
    }
  }

  private receive(data: Buffer, flow: Flow): void {
    if (!this.requestLimiter.take(flow.ip)) return;
    if (!this.options.isAllowed(flow.ip)) {
      this.options.log.warn({ transport: flow.transport }, 'SIP message from an address not allowed');
      this.replyToGarbage(data, flow, 403, 'Forbidden');
      return;
    }
    let message;
    try {
      message = parseSipMessage(data);
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      this.replyToGarbage(data, flow);
      return;
    }
    if (message.kind === 'response') this.receiveResponse(message);
    else this.receiveRequest(message, flow);
  }

  private receiveResponse(response: SipResponse): void {
    const branch = headerParam(header(response, 'via'), 'branch');
    if (branch && response.status >= 200) this.pendingByes.get(branch)?.();
  }

  private receiveRequest(request: SipRequest, flow: Flow): void {
    const method = request.method.toUpperCase();
    if (cseqOf(request).method !== method && method !== 'ACK') {
      this.respond(request, flow, 400, 'CSeq method does not match');
      return;
    }
    switch (method) {
      case 'INVITE':
        return this.receiveInvite(request, flow);
      case 'ACK':
        return this.receiveAck(request);
      case 'BYE':
        return this.receiveBye(request, flow);
      case 'CANCEL':
        return this.receiveCancel(request, flow);
      case 'OPTIONS':
        return this.respond(request, flow, 200, 'OK', { allow: [allowed], accept: ['application/sdp'] });
      default:
        if (knownMethods.has(method)) return this.respond(request, flow, 405, 'Method Not Allowed', { allow: [allowed] });
        return this.respond(request, flow, 501, 'Not Implemented', { allow: [allowed] });
    }
  }

  private receiveInvite(invite: SipRequest, flow: Flow): void {
    const existing = this.dialogs.get(header(invite, 'call-id')!);
    if (existing) {
      const sameTransaction = headerParam(header(invite, 'via'), 'branch') === headerParam(header(existing.invite, 'via'), 'branch');
      if (sameTransaction) {
        if (existing.lastResponse) flow.send(existing.lastResponse);
      } else {
        // A re-INVITE (session refresh, hold): the app keeps the media as negotiated.
        this.respond(invite, flow, 488, 'Not Acceptable Here', { 'to-tag': [existing.localTag] });
      }
      return;
    }
    if (headerParam(header(invite, 'to'), 'tag')) return this.respond(invite, flow, 481, 'Call/Transaction Does Not Exist');
    if (!this.inviteLimiter.take(flow.ip) || this.dialogs.size >= this.options.maxCalls) {
      this.options.log.warn({ calls: this.dialogs.size }, 'SIP INVITE refused: too many calls');
      return this.respond(invite, flow, 503, 'Service Unavailable', { 'retry-after': ['30'] });
    }
    const contentType = header(invite, 'content-type')?.toLowerCase();
    const offer = contentType?.startsWith('application/sdp') ? readAudioOffer(invite.body) : undefined;
    if (!offer) return this.respond(invite, flow, 488, 'Not Acceptable Here');
    this.startCall(invite, flow, offer);
  }

  private startCall(invite: SipRequest, flow: Flow, offer: AudioOffer): void {
    const callId = header(invite, 'call-id')!;
    let ack!: () => void;
    let end!: (by: CallEnd) => void;
    const confirmed = new Promise<void>((resolve) => (ack = resolve));
    const ended = new Promise<CallEnd>((resolve) => (end = resolve));
    const dialog: Dialog = {
      invite,
      flow,
      localTag: randomBytes(8).toString('hex'),
      state: 'proceeding',
      abort: new AbortController(),
      ack,
      end,
      localCseq: 1,
      call: {
        callId,
        callerNumber: uriUser(addressUri(header(invite, 'from'))),
        calledNumber: uriUser(addressUri(header(invite, 'to'))) ?? uriUser(invite.uri),
        source: { transport: flow.transport, ip: flow.ip, port: flow.port },
        offer,
        confirmed,
        ended,
        hangUp: () => this.hangUp(dialog),
      },
    };
    this.dialogs.set(callId, dialog);
    this.respond(invite, flow, 100, 'Trying');
    this.options
      .onCall(dialog.call, dialog.abort.signal)
      .then((outcome) => {
        if (dialog.state !== 'proceeding') return;
        if ('status' in outcome) {
          this.sendFinal(dialog, outcome.status, outcome.reason);
          this.finish(dialog, 'app');
          return;
        }
        dialog.state = 'answered';
        dialog.lastResponse = this.response(
          invite,
          200,
          'OK',
          {
            'to-tag': [dialog.localTag],
            contact: [`<${this.contactUri(flow)}>`],
            allow: [allowed],
            'content-type': ['application/sdp'],
          },
          outcome.sdp,
        );
        this.sendReliably(dialog, dialog.lastResponse);
      })
      .catch((error: unknown) => {
        this.options.log.error({ err: error }, 'SIP call setup failed');
        if (dialog.state === 'proceeding') {
          this.sendFinal(dialog, 500, 'Server Internal Error');
          this.finish(dialog, 'app');
        }
      });
  }

  /** The 2xx to an INVITE is retransmitted over UDP until the ACK arrives (RFC 3261 §13.3.1.4). */
  private sendReliably(dialog: Dialog, response: Buffer): void {
    dialog.flow.send(response);
    if (dialog.flow.transport !== 'udp') return;
    let interval = t1Ms;
    let waited = 0;
    const again = () => {
      if (dialog.state !== 'answered') return;
      if (waited >= 64 * t1Ms) {
        this.hangUp(dialog, 'no-ack');
        return;
      }
      dialog.flow.send(response);
      waited += interval;
      interval = Math.min(interval * 2, 4_000);
      dialog.retransmit = setTimeout(again, interval).unref();
    };
    dialog.retransmit = setTimeout(again, interval).unref();
  }

  private sendFinal(dialog: Dialog, status: number, reason: string): void {
    dialog.lastResponse = this.response(dialog.invite, status, reason, { 'to-tag': [dialog.localTag] });
    dialog.flow.send(dialog.lastResponse);
  }

  private receiveAck(ack: SipRequest): void {
    const dialog = this.dialogs.get(header(ack, 'call-id')!);
    if (!dialog || dialog.state !== 'answered') return;
    clearTimeout(dialog.retransmit);
    dialog.state = 'confirmed';
    dialog.ack();
  }

  private receiveBye(bye: SipRequest, flow: Flow): void {
    const dialog = this.dialogs.get(header(bye, 'call-id')!);
    if (!dialog || headerParam(header(bye, 'to'), 'tag') !== dialog.localTag)
      return this.respond(bye, flow, 481, 'Call/Transaction Does Not Exist');
    this.respond(bye, flow, 200, 'OK');
    this.finish(dialog, 'caller');
  }

  private receiveCancel(cancel: SipRequest, flow: Flow): void {
    const dialog = this.dialogs.get(header(cancel, 'call-id')!);
    const branch = headerParam(header(cancel, 'via'), 'branch');
    if (!dialog || branch !== headerParam(header(dialog.invite, 'via'), 'branch'))
      return this.respond(cancel, flow, 481, 'Call/Transaction Does Not Exist');
    this.respond(cancel, flow, 200, 'OK');
    // After the final answer a CANCEL changes nothing (RFC 3261 §9.2); before it, the INVITE ends with 487.
    if (dialog.state !== 'proceeding') return;
    this.sendFinal(dialog, 487, 'Request Terminated');
    this.finish(dialog, 'cancelled');
  }

  /** The app ends the call: BYE once answered, an error response before that. */
  private hangUp(dialog: Dialog, by: CallEnd = 'app'): void {
    if (dialog.state === 'ended') return;
    if (dialog.state === 'proceeding') {
      this.sendFinal(dialog, 480, 'Temporarily Unavailable');
    } else {
      this.sendBye(dialog);
    }
    this.finish(dialog, by);
  }

  private sendBye(dialog: Dialog): void {
    const { invite, flow } = dialog;
    const branch = `z9hG4bK${randomBytes(10).toString('hex')}`;
    const headers: SipHeaders = new Map([
      ['via', [`SIP/2.0/${flow.transport.toUpperCase()} ${this.hostPort()};branch=${branch};rport`]],
      ['max-forwards', ['70']],
      ['from', [withTag(header(invite, 'to')!, dialog.localTag)]],
      ['to', [header(invite, 'from')!]],
      ['call-id', [dialog.call.callId]],
      ['cseq', [`${++dialog.localCseq} BYE`]],
    ]);
    const target = addressUri(header(invite, 'contact')) ?? addressUri(header(invite, 'from'))!;
    const bye = serialiseSipMessage({ kind: 'request', method: 'BYE', uri: target, headers, body: '' });
    flow.send(bye);
    if (flow.transport !== 'udp') return;
    let interval = t1Ms;
    let timer: NodeJS.Timeout;
    const done = () => {
      clearTimeout(timer);
      this.pendingByes.delete(branch);
    };
    const again = (tries: number) => {
      if (tries > 6) return done();
      flow.send(bye);
      interval = Math.min(interval * 2, 4_000);
      timer = setTimeout(() => again(tries + 1), interval).unref();
    };
    this.pendingByes.set(branch, done);
    timer = setTimeout(() => again(1), interval).unref();
  }

  private finish(dialog: Dialog, by: CallEnd): void {
    if (dialog.state === 'ended') return;
    dialog.state = 'ended';
    clearTimeout(dialog.retransmit);
    dialog.abort.abort();
    // Keep the dialog a little longer so retransmitted BYEs and INVITEs are still recognised.
    setTimeout(() => this.dialogs.get(dialog.call.callId) === dialog && this.dialogs.delete(dialog.call.callId), 32 * t1Ms).unref();
    dialog.end(by);
  }

  private hostPort(): string {
    const port = this.udp?.address().port ?? this.options.port;
    return isIP(this.options.host) === 6 ? `[${this.options.host}]:${port}` : `${this.options.host}:${port}`;
  }

  private contactUri(flow: Flow): string {
    return `sip:plenum@${this.hostPort()}${flow.transport === 'tcp' ? ';transport=tcp' : ''}`;
  }

  private respond(request: SipRequest, flow: Flow, status: number, reason: string, extra: Record<string, string[]> = {}): void {
    flow.send(this.response(request, status, reason, extra));
  }

  private response(request: SipRequest, status: number, reason: string, extra: Record<string, string[]>, body = ''): Buffer {
    const { 'to-tag': toTag, ...rest } = extra;
    const to = header(request, 'to')!;
    const headers: SipHeaders = new Map([
      ['via', request.headers.get('via')!],
      ['from', [header(request, 'from')!]],
      ['to', [toTag?.[0] && status > 100 && !headerParam(to, 'tag') ? withTag(to, toTag[0]) : to]],
      ['call-id', [header(request, 'call-id')!]],
      ['cseq', [header(request, 'cseq')!]],
      ...Object.entries(rest),
    ]);
    return serialiseSipMessage({ kind: 'response', status, reason, headers, body });
  }

  /**
   * A message that does not parse: a request whose Via, From, To, Call-ID and CSeq can still
   * be read gets an answer (400 by default); anything else is dropped.
   */
  private replyToGarbage(data: Buffer, flow: Flow, status = 400, reason = 'Bad Request'): void {
    const text = data.toString('latin1');
    if (!/^[A-Za-z]{1,20} \S+ SIP\/2\.0\r\n/.test(text)) return;
    const headers: SipHeaders = new Map();
    for (const [name, pattern] of [
      ['via', /^(?:via|v)[ \t]*:[ \t]*(SIP\/2\.0\/[A-Za-z]+ [^\r\n]{1,300})$/im],
      ['from', /^(?:from|f)[ \t]*:[ \t]*([^\r\n]{1,300})$/im],
      ['to', /^(?:to|t)[ \t]*:[ \t]*([^\r\n]{1,300})$/im],
      ['call-id', /^(?:call-id|i)[ \t]*:[ \t]*([\x21-\x7e]{1,200})$/im],
      ['cseq', /^cseq[ \t]*:[ \t]*(\d{1,10} [A-Za-z]{1,20})$/im],
    ] as const) {
      const value = pattern.exec(text)?.[1]?.trim();
      if (!value || !/^[\x20-\x7e\x80-\xff]+$/.test(value)) return;
      headers.set(name, [value]);
    }
    if (/^ACK /.test(text) || /ACK$/i.test(headers.get('cseq')![0]!)) return; // never answer an ACK
    flow.send(serialiseSipMessage({ kind: 'response', status, reason, headers, body: '' }));
  }
}

function withTag(nameAddr: string, tag: string): string {
  return `${nameAddr};tag=${tag}`;
}
