import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import type { ParticipantMedia, PublishKind } from '../media/participant-media.js';

/**
 * Non-browser WebRTC peers for media tests and benchmarks: a publisher that replays a
 * pre-encoded VP8 clip (no encoder runs while measuring) and viewers that count RTP packets
 * and loss by sequence number without decoding anything.
 */

export interface SessionDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

const codecs = {
  audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 })],
  video: [
    new RTCRtpCodecParameters({
      mimeType: 'video/VP8',
      clockRate: 90000,
      payloadType: 96,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
    }),
  ],
};

/** Resolves once the peer's candidates are in its local description (Janus gets no trickle from us). */
async function gathered(pc: RTCPeerConnection): Promise<SessionDescription> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          unSubscribe();
          resolve();
        }
      });
    });
  }
  const local = pc.localDescription!;
  return { type: local.type as 'offer' | 'answer', sdp: local.sdp };
}

/** Encodes a test pattern to VP8 at about `kbps` once; later runs reuse the file. */
export async function preEncodedClip(file: string, kbps = 1000, seconds = 20, size = '1280x720'): Promise<string> {
  if (existsSync(file)) return file;
  const args = ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30:duration=${seconds}`];
  args.push(
    '-c:v',
    'libvpx',
    '-b:v',
    `${kbps}k`,
    '-minrate',
    `${kbps}k`,
    '-maxrate',
    `${kbps}k`,
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    '60',
    file,
  );
  await new Promise<void>((resolve, reject) => {
    const ffmpeg = spawn('ffmpeg', args, { stdio: 'inherit' });
    ffmpeg.once('error', reject);
    ffmpeg.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
  return file;
}

/** Encodes a tone to Opus at about `kbps` once; later runs reuse the file. */
export async function preEncodedOpus(file: string, kbps = 32, seconds = 20): Promise<string> {
  if (existsSync(file)) return file;
  const args = [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:a',
    'libopus',
    '-b:a',
    `${kbps}k`,
    file,
  ];
  await new Promise<void>((resolve, reject) => {
    const ffmpeg = spawn('ffmpeg', args, { stdio: 'inherit' });
    ffmpeg.once('error', reject);
    ffmpeg.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
  return file;
}

/**
 * One ffmpeg replaying a pre-encoded clip as RTP (copied, not re-encoded), handed to every
 * attached track: many senders share one replay, so the load generator runs one process per
 * clip, not one per person. Each werift sender rewrites SSRC and sequence numbers for its stream.
 */
export class SharedReplay {
  private readonly tracks = new Set<MediaStreamTrack>();
  private readonly socket = createSocket('udp4');
  private ffmpeg?: ChildProcess;

  static async start(clip: string, kind: 'audio' | 'video'): Promise<SharedReplay> {
    const replay = new SharedReplay();
    replay.socket.on('message', (packet) => {
      for (const track of replay.tracks) track.writeRtp(packet);
    });
    await new Promise<void>((resolve) => replay.socket.bind(0, '127.0.0.1', resolve));
    const { port } = replay.socket.address();
    const payloadType = kind === 'video' ? codecs.video[0]!.payloadType : codecs.audio[0]!.payloadType;
    const streams = kind === 'video' ? ['-an', '-c:v', 'copy'] : ['-vn', '-c:a', 'copy'];
    replay.ffmpeg = spawn(
      'ffmpeg',
      [
        '-loglevel',
        'error',
        '-re',
        '-stream_loop',
        '-1',
        '-i',
        clip,
        ...streams,
        '-f',
        'rtp',
        '-payload_type',
        String(payloadType),
        `rtp://127.0.0.1:${port}?pkt_size=1200`,
      ],
      {
        stdio: 'ignore',
      },
    );
    return replay;
  }

  attach(track: MediaStreamTrack): void {
    this.tracks.add(track);
  }

  detach(track: MediaStreamTrack): void {
    this.tracks.delete(track);
  }

  get pid(): number | undefined {
    return this.ffmpeg?.pid;
  }

  close(): void {
    this.ffmpeg?.kill('SIGTERM');
    this.socket.close();
  }
}

/**
 * A peer that sends one track fed by a SharedReplay: a camera (send only) or a microphone (send
 * and receive, as the audio mix answers with the mix; what arrives is dropped before decryption).
 */
export class ReplaySender {
  readonly pc: RTCPeerConnection;
  readonly track: MediaStreamTrack;

  constructor(
    readonly kind: 'audio' | 'video',
    private readonly replay: SharedReplay,
  ) {
    this.pc = new RTCPeerConnection({ codecs, ...(kind === 'audio' ? { debug: { inboundPacketLoss: 1e-9 } } : {}) });
    this.track = new MediaStreamTrack({ kind });
    this.pc.addTransceiver(this.track, { direction: kind === 'audio' ? 'sendrecv' : 'sendonly' });
  }

  async offer(): Promise<SessionDescription> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return gathered(this.pc);
  }

  /** Takes the answer; the replay feeds the track from now on. */
  async accept(answer: SessionDescription): Promise<void> {
    await this.pc.setRemoteDescription(answer);
    this.replay.attach(this.track);
  }

  /** Resolves when ICE and DTLS are up. */
  connected(timeoutMs: number): Promise<void> {
    return untilConnected(this.pc, timeoutMs);
  }

  async close(): Promise<void> {
    this.replay.detach(this.track);
    await this.pc.close();
  }
}

export function untilConnected(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.connectionState === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unSubscribe();
      reject(new Error(`not connected within ${timeoutMs} ms (${pc.connectionState})`));
    }, timeoutMs);
    const { unSubscribe } = pc.connectionStateChange.subscribe((state) => {
      if (state !== 'connected') return;
      clearTimeout(timer);
      unSubscribe();
      resolve();
    });
  });
}

/**
 * A publisher that sends a pre-encoded clip in a loop, copied packet by packet into WebRTC
 * (ffmpeg `-c copy` to RTP on loopback, werift encrypts and sends).
 */
export class ClipPublisher {
  readonly pc = new RTCPeerConnection({ codecs });
  private readonly track = new MediaStreamTrack({ kind: 'video' });
  private ffmpeg?: ChildProcess;
  private readonly socket = createSocket('udp4');

  constructor() {
    this.pc.addTransceiver(this.track, { direction: 'sendonly' });
  }

  async offer(): Promise<SessionDescription> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return gathered(this.pc);
  }

  /** Takes the answer and starts replaying the clip. */
  async start(answer: SessionDescription, clip: string): Promise<void> {
    await this.pc.setRemoteDescription(answer);
    this.socket.on('message', (packet) => this.track.writeRtp(packet));
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    const { port } = this.socket.address();
    this.ffmpeg = spawn(
      'ffmpeg',
      [
        '-loglevel',
        'error',
        '-re',
        '-stream_loop',
        '-1',
        '-i',
        clip,
        '-an',
        '-c:v',
        'copy',
        '-f',
        'rtp',
        '-payload_type',
        '96',
        `rtp://127.0.0.1:${port}?pkt_size=1200`,
      ],
      { stdio: 'ignore' },
    );
  }

  /** The ffmpeg process that replays the clip (its CPU belongs to the load generator). */
  get replayPid(): number | undefined {
    return this.ffmpeg?.pid;
  }

  async close(): Promise<void> {
    this.ffmpeg?.kill('SIGTERM');
    this.socket.close();
    await this.pc.close();
  }
}

/**
 * Counts what one kind of media brings in (each sequence number once: retransmissions are not
 * counted twice), and how many the sender sent from the first packet seen to the highest.
 */
export class RtpCounter {
  received = 0;
  private readonly seen = new Uint8Array(0x10000);
  private first?: number;
  private highest = 0;
  private cycles = 0;

  add(sequenceNumber: number): void {
    if (this.seen[sequenceNumber]) return;
    this.seen[sequenceNumber] = 1;
    this.received += 1;
    if (this.first === undefined) {
      this.first = sequenceNumber;
      this.highest = sequenceNumber;
      return;
    }
    const delta = (sequenceNumber - this.highest) & 0xffff;
    if (delta === 0 || delta >= 0x8000) return;
    // Forget marks half a cycle behind, so the sequence can wrap around.
    for (let k = 1; k <= delta; k++) this.seen[(this.highest + k + 0x8000) & 0xffff] = 0;
    if (sequenceNumber < this.highest) this.cycles += 0x10000;
    this.highest = sequenceNumber;
  }

  /** Packets the sender sent from the first one seen to the highest one seen. */
  get expected(): number {
    return this.first === undefined ? 0 : this.cycles + this.highest - this.first + 1;
  }
}

/** One RtpCounter per stream (SSRC), summed: a multistream connection carries several videos. */
export class StreamCounters {
  private readonly streams = new Map<number, RtpCounter>();

  add(ssrc: number, sequenceNumber: number): void {
    let counter = this.streams.get(ssrc);
    if (!counter) this.streams.set(ssrc, (counter = new RtpCounter()));
    counter.add(sequenceNumber);
  }

  get received(): number {
    return [...this.streams.values()].reduce((sum, c) => sum + c.received, 0);
  }

  get expected(): number {
    return [...this.streams.values()].reduce((sum, c) => sum + c.expected, 0);
  }
}

/**
 * A viewer that answers an offer (and later offers of the same connection, as a multistream
 * subscription renegotiates) and counts the RTP it receives, audio and video apart, per stream.
 */
export class CountingViewer {
  readonly pc: RTCPeerConnection;
  readonly video = new StreamCounters();
  readonly audio = new StreamCounters();
  /** What each m-line (by its mid) brought in; decrypted tracks only, not with `headersOnly`. */
  readonly byMid = new Map<string, StreamCounters>();
  /** When each audio and each video packet arrived (performance.now()), for gaps; decrypted tracks only. */
  readonly audioArrivals: number[] = [];
  readonly videoArrivals: number[] = [];
  private listening = false;

  /**
   * `headersOnly`: count from the RTP headers, which SRTP leaves in the clear, and let werift
   * drop every media packet before decrypting it (its `inboundPacketLoss` debug knob set to a
   * vanishing share drops all): a load generator then spends its CPU on receiving, not on
   * crypto. Otherwise packets are decrypted and counted as the tracks deliver them.
   */
  constructor(private readonly options: { headersOnly?: boolean } = {}) {
    this.pc = new RTCPeerConnection({ codecs, ...(options.headersOnly ? { debug: { inboundPacketLoss: 1e-9 } } : {}) });
    if (options.headersOnly) return;
    this.pc.ontrack = ({ track, transceiver }) => {
      const counter = track.kind === 'video' ? this.video : this.audio;
      const mid = transceiver.mid ?? '';
      const ofMid = this.byMid.get(mid) ?? new StreamCounters();
      this.byMid.set(mid, ofMid);
      track.onReceiveRtp.subscribe((rtp) => {
        (track.kind === 'audio' ? this.audioArrivals : this.videoArrivals).push(performance.now());
        counter.add(rtp.header.ssrc, rtp.header.sequenceNumber);
        ofMid.add(rtp.header.ssrc, rtp.header.sequenceNumber);
      });
    };
  }

  async answer(offer: SessionDescription): Promise<SessionDescription> {
    await this.pc.setRemoteDescription(offer);
    if (this.options.headersOnly && !this.listening) {
      this.listening = true;
      this.pc.iceTransports[0]!.connection.onData.subscribe((packet) => {
        const payloadType = packet[1]! & 0x7f;
        // RTP only (version 2, not RTCP's packet types 192-223), sorted by the mountpoint's payload types.
        if (packet.length < 12 || packet[0]! >> 6 !== 2 || (packet[1]! >= 192 && packet[1]! <= 223)) return;
        const counter =
          payloadType === codecs.video[0]!.payloadType ? this.video : payloadType === codecs.audio[0]!.payloadType ? this.audio : undefined;
        counter?.add(packet.readUInt32BE(8), packet.readUInt16BE(2));
      });
    }
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return gathered(this.pc);
  }

  async close(): Promise<void> {
    await this.pc.close();
  }
}

/**
 * Publishes the clip as `kind` from a werift peer and waits until Janus has it live; returns the
 * feed. `closers` gets the peer to close afterwards.
 */
export async function publishClip(
  media: ParticipantMedia,
  kind: PublishKind,
  clip: string,
  closers: (() => Promise<unknown>)[],
): Promise<number> {
  const publisher = new ClipPublisher();
  closers.push(() => publisher.close());
  const { answer, feed, live } = await media.publish(kind, await publisher.offer());
  await publisher.start(answer, clip);
  if (!(await live)) throw new Error(`the ${kind} publication did not become live`);
  return feed;
}
