import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import { DtmfDetector, buildRtp, parseRtp } from './rtp.js';
import type { AudioOffer } from './sdp.js';

const frameBytes = 160; // 20 ms of G.711 at 8 kHz
const frameMs = 20;

export interface RtpAddress {
  ip: string;
  port: number;
}

export interface PacketCounts {
  fromCaller: number;
  toCaller: number;
  fromJanus: number;
  toJanus: number;
  /** Packets from any address other than the caller's (or Janus') announced one. */
  droppedWrongSource: number;
}

/**
 * The app's end of one call's audio. It owns the socket the caller sends RTP to: during the
 * IVR it plays prompts and reads key presses (RFC 4733); once the caller is admitted it
 * relays both ways between the caller and Janus' AudioBridge over a second socket.
 * Packets from any other address are dropped. Emits 'digit'.
 */
export class CallMedia extends EventEmitter {
  readonly counts: PacketCounts = { fromCaller: 0, toCaller: 0, fromJanus: 0, toJanus: 0, droppedWrongSource: 0 };
  private readonly dtmf = new DtmfDetector();
  private readonly ssrc = randomInt(1, 2 ** 31);
  private sequence = randomInt(0, 65535);
  private timestamp = randomInt(0, 2 ** 31);
  private playing?: { timer: NodeJS.Timeout; done: () => void };
  private relay?: { socket: Socket; janus: RtpAddress };
  /** The caller's audio not yet sent to Janus (less than one 20 ms frame), and that stream's numbering. */
  private pending: Buffer = Buffer.alloc(0);
  private relaySequence = randomInt(0, 65535);
  private relayTimestamp = randomInt(0, 2 ** 31);
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    private readonly caller: RtpAddress,
    private readonly offer: AudioOffer,
  ) {
    super();
    socket.on('message', (packet, from) => this.fromCaller(packet, from));
  }

  static async open(bindIp: string, ports: { min: number; max: number } | undefined, offer: AudioOffer): Promise<CallMedia> {
    const socket = await bindUdp(bindIp, ports);
    return new CallMedia(socket, { ip: offer.ip, port: offer.port }, offer);
  }

  get localPort(): number {
    return this.socket.address().port;
  }

  /**
   * Plays a G.711 prompt (already in the call's codec) in 20 ms packets; resolves when done or
   * stopped. While relaying, the mix is held back for the prompt's length and follows it.
   */
  play(audio: Buffer): Promise<void> {
    this.stopPlaying();
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      let offset = 0;
      let marker = true;
      const started = Date.now();
      let sent = 0;
      const tick = () => {
        // Send every frame that is due by now, so timer jitter does not slow the prompt down.
        while (offset < audio.length && sent * frameMs <= Date.now() - started) {
          const frame = audio.subarray(offset, offset + frameBytes);
          this.sendToCaller(
            buildRtp(
              { payloadType: this.offer.codec.payloadType, marker, sequence: this.sequence++, timestamp: this.timestamp, ssrc: this.ssrc },
              frame,
            ),
          );
          this.timestamp += frame.length;
          offset += frameBytes;
          marker = false;
          sent++;
        }
        if (offset >= audio.length) this.stopPlaying();
      };
      this.playing = { timer: setInterval(tick, frameMs / 2), done: resolve };
      tick();
    });
  }

  stopPlaying(): void {
    const playing = this.playing;
    this.playing = undefined;
    if (!playing) return;
    clearInterval(playing.timer);
    playing.done();
  }

  /** Opens the socket that faces Janus; its address goes into the AudioBridge join. */
  async openRelaySocket(bindIp: string): Promise<RtpAddress> {
    const socket = await bindUdp(bindIp, undefined);
    this.relay?.socket.close(); // after a media reset: the old mix is gone
    this.relay = { socket, janus: { ip: '', port: 0 } };
    socket.on('message', (packet, from) => this.fromJanus(packet, from));
    return { ip: bindIp, port: socket.address().port };
  }

  /** Starts relaying both ways, once Janus said where it receives. */
  startRelay(janus: RtpAddress): void {
    if (!this.relay) throw new Error('no relay socket');
    this.stopPlaying();
    this.relay.janus = janus;
  }

  /** Stops relaying (the meeting ended), so the caller can hear a last prompt. */
  stopRelay(): void {
    if (this.relay) this.relay.janus = { ip: '', port: 0 };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopPlaying();
    this.socket.close();
    this.relay?.socket.close();
  }

  private fromCaller(packet: Buffer, from: RemoteInfo): void {
    if (from.address !== this.caller.ip || from.port !== this.caller.port) {
      this.counts.droppedWrongSource++;
      return;
    }
    const rtp = parseRtp(packet);
    if (!rtp) return;
    this.counts.fromCaller++;
    if (rtp.payloadType === this.offer.telephoneEvent) {
      const digit = this.dtmf.feed(rtp.timestamp, rtp.payload);
      if (digit !== undefined) this.emit('digit', digit);
      return;
    }
    const relay = this.relay;
    if (relay?.janus.port && rtp.payloadType === this.offer.codec.payloadType) this.toJanus(relay, rtp.payload);
  }

  /**
   * Re-frames the caller's audio into 20 ms packets of the relay's own stream: the AudioBridge
   * mixes 20 ms frames, while trunks may send 30 ms (or other) packets.
   */
  private toJanus(relay: { socket: Socket; janus: RtpAddress }, payload: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, payload]) : payload;
    while (this.pending.length >= frameBytes) {
      const frame = this.pending.subarray(0, frameBytes);
      this.pending = this.pending.subarray(frameBytes);
      const packet = buildRtp(
        {
          payloadType: this.offer.codec.payloadType,
          marker: false,
          sequence: this.relaySequence++,
          timestamp: this.relayTimestamp,
          ssrc: this.ssrc,
        },
        frame,
      );
      this.relayTimestamp += frameBytes;
      this.counts.toJanus++;
      relay.socket.send(packet, relay.janus.port, relay.janus.ip);
    }
  }

  private fromJanus(packet: Buffer, from: RemoteInfo): void {
    const janus = this.relay?.janus;
    if (!janus?.port || from.address !== janus.ip || from.port !== janus.port) {
      this.counts.droppedWrongSource++;
      return;
    }
    this.counts.fromJanus++;
    if (!this.playing) this.sendToCaller(packet);
  }

  private sendToCaller(packet: Buffer): void {
    if (this.closed) return;
    this.counts.toCaller++;
    this.socket.send(packet, this.caller.port, this.caller.ip);
  }
}

/** Binds a UDP socket on a port of the range (even ports, as RTP prefers), or any free port. */
async function bindUdp(ip: string, ports: { min: number; max: number } | undefined): Promise<Socket> {
  const type = isIP(ip) === 6 ? 'udp6' : 'udp4';
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = ports ? ports.min + 2 * randomInt(0, Math.floor((ports.max - ports.min) / 2) + 1) : 0;
    const socket = createSocket(type);
    const bound = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(port, ip, () => resolve(true));
    });
    if (bound) {
      socket.on('error', () => undefined); // ICMP unreachable and the like: the call goes on
      return socket;
    }
    socket.close();
  }
  throw new Error('no free RTP port');
}
