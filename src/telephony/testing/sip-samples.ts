import { randomInt } from 'node:crypto';

/** A valid INVITE to build variations of; options make it invalid in one named way. */
export function sampleInvite(options: {
  compact?: boolean;
  extraHeaders?: string[];
  drop?: string;
  contentLength?: number;
  cseq?: string;
  uri?: string;
  version?: string;
  callId?: string;
  branch?: string;
}): string {
  const body = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 6000 RTP/AVP 8 101',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    '',
  ].join('\r\n');
  const c = options.compact;
  const headers = [
    `${c ? 'v' : 'Via'}: SIP/2.0/UDP 127.0.0.1:5070;branch=${options.branch ?? 'z9hG4bK-1'}`,
    'Max-Forwards: 70',
    `${c ? 'f' : 'From'}: "Caller" <sip:+4955112345612@127.0.0.1>;tag=abc`,
    `${c ? 't' : 'To'}: <sip:+4930123456@127.0.0.1>`,
    `${c ? 'i' : 'Call-ID'}: ${options.callId ?? 'call-1@127.0.0.1'}`,
    `CSeq: ${options.cseq ?? '1 INVITE'}`,
    `${c ? 'm' : 'Contact'}: <sip:caller@127.0.0.1:5070>`,
    `Subject: a folded`,
    '  subject line',
    `${c ? 'c' : 'Content-Type'}: application/sdp`,
    ...(options.extraHeaders ?? []),
    `${c ? 'l' : 'Content-Length'}: ${options.contentLength ?? Buffer.byteLength(body)}`,
  ].filter((h) => !options.drop || !h.startsWith(`${options.drop}:`));
  return `INVITE ${options.uri ?? 'sip:+4930123456@127.0.0.1'} ${options.version ?? 'SIP/2.0'}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** Flips, inserts, deletes, duplicates or truncates a few bytes: the fuzzer's mutations. */
export function mutate(input: Buffer): Buffer {
  let data = Buffer.from(input);
  const rounds = randomInt(1, 6);
  for (let r = 0; r < rounds; r++) {
    const at = randomInt(0, Math.max(1, data.length));
    switch (randomInt(0, 6)) {
      case 0:
        data[at] = randomInt(0, 256);
        break;
      case 1:
        data = Buffer.concat([data.subarray(0, at), Buffer.from([randomInt(0, 256)]), data.subarray(at)]);
        break;
      case 2:
        data = Buffer.concat([data.subarray(0, at), data.subarray(at + randomInt(1, 20))]);
        break;
      case 3:
        data = data.subarray(0, at);
        break;
      case 4: {
        const piece = data.subarray(at, at + randomInt(1, 200));
        data = Buffer.concat([data.subarray(0, at), piece, piece, data.subarray(at)]);
        break;
      }
      default:
        data = Buffer.concat([
          data.subarray(0, at),
          Buffer.from(['\r\n', ':', ';', ',', '<', '>', '"', ' ', '\t', '\r\n\r\n', 'SIP/2.0'][randomInt(0, 11)]!),
          data.subarray(at),
        ]);
    }
  }
  return data;
}
