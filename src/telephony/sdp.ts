import { isIP } from 'node:net';

/** The caller's audio offer, as far as the app needs it. */
export interface AudioOffer {
  ip: string;
  port: number;
  /** The G.711 codec the app chose from the offer: PCMU (0) or PCMA (8). */
  codec: { name: 'pcmu' | 'pcma'; payloadType: 0 | 8 };
  /** RFC 4733 telephone-event payload type, when offered. */
  telephoneEvent?: number;
}

/**
 * Reads the first audio stream of an SDP offer. Returns undefined when it offers neither
 * PCMU nor PCMA on an IPv4/IPv6 address (the caller is then answered 488).
 */
export function readAudioOffer(sdp: string): AudioOffer | undefined {
  const lines = sdp.split(/\r?\n/).map((l) => l.trim());
  let sessionIp: string | undefined;
  let mediaIp: string | undefined;
  let media: { port: number; formats: number[] } | undefined;
  let inAudio = false;
  const rtpmap = new Map<number, string>();
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (media) break; // only the first audio stream
      const m = /^m=audio (\d{1,5}) RTP\/AVP((?: \d{1,3})+)$/.exec(line);
      inAudio = !!m;
      if (m) media = { port: Number(m[1]), formats: m[2]!.trim().split(' ').map(Number) };
      continue;
    }
    const c = /^c=IN IP[46] ([0-9a-fA-F.:]+)$/.exec(line);
    if (c) {
      if (inAudio) mediaIp = c[1];
      else if (!media) sessionIp = c[1];
      continue;
    }
    const map = /^a=rtpmap:(\d{1,3}) ([\w-]+)\/(\d+)/.exec(line);
    if (map && inAudio) rtpmap.set(Number(map[1]), `${map[2]!.toLowerCase()}/${map[3]}`);
  }
  const ip = mediaIp ?? sessionIp;
  if (!media || !ip || !isIP(ip) || media.port < 1 || media.port > 65535) return undefined;
  const codecOf = (pt: number) =>
    pt === 0 || rtpmap.get(pt) === 'pcmu/8000' ? 0 : pt === 8 || rtpmap.get(pt) === 'pcma/8000' ? 8 : undefined;
  const chosen = media.formats.map(codecOf).find((c) => c !== undefined);
  if (chosen === undefined) return undefined;
  const telephoneEvent = media.formats.find((pt) => rtpmap.get(pt) === 'telephone-event/8000');
  return {
    ip,
    port: media.port,
    codec: chosen === 0 ? { name: 'pcmu', payloadType: 0 } : { name: 'pcma', payloadType: 8 },
    telephoneEvent,
  };
}

/** The app's answer: one audio stream on the app's own RTP socket. */
export function buildAnswer(localIp: string, port: number, offer: AudioOffer, sessionId: number): string {
  const family = isIP(localIp) === 6 ? 'IP6' : 'IP4';
  const codec = offer.codec;
  const formats = [codec.payloadType, ...(offer.telephoneEvent !== undefined ? [offer.telephoneEvent] : [])];
  return [
    'v=0',
    `o=plenum ${sessionId} ${sessionId} IN ${family} ${localIp}`,
    's=Plenum',
    `c=IN ${family} ${localIp}`,
    't=0 0',
    `m=audio ${port} RTP/AVP ${formats.join(' ')}`,
    `a=rtpmap:${codec.payloadType} ${codec.name.toUpperCase()}/8000`,
    ...(offer.telephoneEvent !== undefined
      ? [`a=rtpmap:${offer.telephoneEvent} telephone-event/8000`, `a=fmtp:${offer.telephoneEvent} 0-15`]
      : []),
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n');
}
