/** RTP (RFC 3550) packets as far as the relay and the IVR need them. */
export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

/** Undefined for anything that is not an RTP version 2 packet with a whole header. */
export function parseRtp(packet: Buffer): RtpHeader | undefined {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return undefined;
  const csrcCount = packet[0]! & 0x0f;
  let offset = 12 + csrcCount * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  let end = packet.length;
  if (packet[0]! & 0x20) end -= packet[packet.length - 1]!;
  if (offset > end) return undefined;
  return {
    payloadType: packet[1]! & 0x7f,
    marker: (packet[1]! & 0x80) !== 0,
    sequence: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(offset, end),
  };
}

export function buildRtp(header: Omit<RtpHeader, 'payload'>, payload: Buffer): Buffer {
  const packet = Buffer.alloc(12 + payload.length);
  packet[0] = 0x80;
  packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  packet.writeUInt16BE(header.sequence & 0xffff, 2);
  packet.writeUInt32BE(header.timestamp >>> 0, 4);
  packet.writeUInt32BE(header.ssrc >>> 0, 8);
  payload.copy(packet, 12);
  return packet;
}

/** An RFC 4733 telephone-event payload: the digit, and whether this packet ends the event. */
export function parseTelephoneEvent(payload: Buffer): { digit: string; end: boolean } | undefined {
  if (payload.length < 4) return undefined;
  const event = payload[0]!;
  const digit = event <= 9 ? String(event) : event === 10 ? '*' : event === 11 ? '#' : undefined;
  if (digit === undefined) return undefined;
  return { digit, end: (payload[1]! & 0x80) !== 0 };
}

/**
 * Turns a stream of telephone-event packets into key presses: one per event, however
 * often its packets (and the redundant end packets) repeat. All packets of one event share
 * the RTP timestamp; a new event has another timestamp, or starts again after an end
 * (a replayed capture repeats timestamps).
 */
export class DtmfDetector {
  private lastTimestamp?: number;
  private lastEnded = false;

  /** The digit once per event, on the event's first packet. */
  feed(timestamp: number, payload: Buffer): string | undefined {
    const event = parseTelephoneEvent(payload);
    if (!event) return undefined;
    const isNew = timestamp !== this.lastTimestamp || (this.lastEnded && !event.end);
    this.lastTimestamp = timestamp;
    this.lastEnded = event.end;
    return isNew ? event.digit : undefined;
  }
}
