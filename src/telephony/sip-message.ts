/**
 * A strict SIP message parser and serialiser (RFC 3261 §7). No maintained npm library fits
 * (`sip` 0.0.6 is unmaintained and untyped; drachtio needs a C++ server), so this one is
 * small, refuses anything it does not understand and is fuzzed (sip-message.test.ts).
 */

export const maxMessageBytes = 8_192;
const maxHeaders = 64;
const maxHeaderLineBytes = 1_024;

export class SipParseError extends Error {}

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeaders;
  body: string;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Header names in canonical case, values in arrival order; compact forms are expanded. */
export type SipHeaders = Map<string, string[]>;

const compactForms: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
};

const token = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const sipUri = /^(sips?|tel):[^\s<>]{1,512}$/i;
const printable = /^[\t\x20-\x7e\x80-\xff]*$/;

function headerName(raw: string): string {
  const name = raw.toLowerCase();
  return compactForms[name] ?? name;
}

/** Parses one whole message (a UDP datagram or one frame cut from a TCP stream). */
export function parseSipMessage(data: Buffer): SipMessage {
  if (data.length > maxMessageBytes) throw new SipParseError('message too large');
  const text = data.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new SipParseError('no end of headers');
  const lines = text.slice(0, headEnd).split('\r\n');
  const startLine = lines.shift() ?? '';
  const headers: SipHeaders = new Map();
  let count = 0;
  let previous: string | undefined;
  for (const line of lines) {
    if (line.length > maxHeaderLineBytes || !printable.test(line)) throw new SipParseError('bad header line');
    if (/^[ \t]/.test(line)) {
      // Folded continuation of the previous header value.
      if (!previous) throw new SipParseError('continuation without header');
      const values = headers.get(previous)!;
      values[values.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError('header without name');
    const rawName = line.slice(0, colon).trimEnd();
    if (!token.test(rawName)) throw new SipParseError('bad header name');
    if (++count > maxHeaders) throw new SipParseError('too many headers');
    const name = headerName(rawName);
    const value = line.slice(colon + 1).trim();
    // Via, Contact, Route and the like may carry several comma-separated values in one line.
    const parts = name === 'via' ? splitList(value) : [value];
    headers.set(name, [...(headers.get(name) ?? []), ...parts]);
    previous = name;
  }
  for (const required of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (!headers.get(required)?.[0]) throw new SipParseError(`missing ${required}`);
  }
  if (!/^\d{1,10} [A-Za-z]+$/.test(headers.get('cseq')![0]!)) throw new SipParseError('bad CSeq');
  const body = text.slice(headEnd + 4);
  const lengthHeader = headers.get('content-length')?.[0];
  if (lengthHeader !== undefined) {
    if (!/^\d{1,5}$/.test(lengthHeader)) throw new SipParseError('bad Content-Length');
    if (Number(lengthHeader) !== Buffer.byteLength(body, 'latin1')) throw new SipParseError('Content-Length does not match the body');
  }
  return { ...parseStartLine(startLine), headers, body };
}

function parseStartLine(
  line: string,
): { kind: 'request'; method: string; uri: string } | { kind: 'response'; status: number; reason: string } {
  const response = /^SIP\/2\.0 ([1-6]\d\d) ([\x20-\x7e\x80-\xff]{0,128})$/.exec(line);
  if (response) return { kind: 'response', status: Number(response[1]), reason: response[2]! };
  const request = /^([A-Za-z]{1,20}) (\S{1,600}) SIP\/2\.0$/.exec(line);
  if (!request || !token.test(request[1]!) || !sipUri.test(request[2]!)) throw new SipParseError('bad start line');
  return { kind: 'request', method: request[1]!, uri: request[2]! };
}

/** Splits a header value at commas that are outside quotes and angle brackets. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && c === '<') depth++;
    else if (!quoted && c === '>') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  if (parts.some((p) => p === '')) throw new SipParseError('empty list element');
  return parts;
}

export function header(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name)?.[0];
}

export function cseqOf(message: SipMessage): { seq: number; method: string } {
  const [seq = '0', method = ''] = header(message, 'cseq')!.split(' ');
  return { seq: Number(seq), method: method.toUpperCase() };
}

/** A header parameter such as `tag` in From/To or `branch` in Via. */
export function headerParam(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const afterUri = value.includes('>') ? value.slice(value.lastIndexOf('>')) : value;
  const match = new RegExp(`;\\s*${name}=([^;\\s,>]+)`, 'i').exec(afterUri);
  return match?.[1];
}

/** The URI inside a name-addr (`"Name" <sip:x@y>;tag=1`) or the addr-spec itself. */
export function addressUri(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bracket = /<([^>]+)>/.exec(value);
  return bracket ? bracket[1] : value.split(';')[0]!.trim();
}

/** The user part of a SIP URI: the caller or the called number; undefined when it has a malformed escape. */
export function uriUser(uri: string | undefined): string | undefined {
  const match = /^(?:sips?|tel):([^@;>]+)/i.exec(uri ?? '');
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]).slice(0, 64);
  } catch {
    return undefined; // `%zz` or a lone `%`: a peer's garbage, not a number
  }
}

/** Serialises a message; Content-Length is always written last, from the body. */
export function serialiseSipMessage(message: SipMessage): Buffer {
  const start = message.kind === 'request' ? `${message.method} ${message.uri} SIP/2.0` : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [start];
  for (const [name, values] of message.headers) {
    if (name === 'content-length') continue;
    for (const value of values) lines.push(`${canonicalName(name)}: ${value}`);
  }
  lines.push(`Content-Length: ${Buffer.byteLength(message.body, 'latin1')}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${message.body}`, 'latin1');
}

const specialNames: Record<string, string> = { 'call-id': 'Call-ID', cseq: 'CSeq', 'www-authenticate': 'WWW-Authenticate' };

function canonicalName(name: string): string {
  return specialNames[name] ?? name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * Cuts SIP messages out of a TCP byte stream (RFC 3261 §18.3: Content-Length is mandatory
 * there). Throws SipParseError when the stream cannot be framed any more; the connection
 * is then closed.
 */
export class SipStreamFramer {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      // Keep-alive CRLFs between messages are allowed (RFC 5626 §3.5.1).
      while (this.buffer.length >= 2 && this.buffer[0] === 0x0d && this.buffer[1] === 0x0a) this.buffer = this.buffer.subarray(2);
      const headEnd = this.buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (this.buffer.length > maxMessageBytes) throw new SipParseError('headers too large');
        return frames;
      }
      const head = this.buffer.subarray(0, headEnd).toString('latin1');
      const length = /\r\n(?:content-length|l)[ \t]*:[ \t]*(\d{1,5})[ \t]*(?:\r\n|$)/i.exec(`\r\n${head}`);
      if (!length) throw new SipParseError('no Content-Length on a stream');
      const total = headEnd + 4 + Number(length[1]);
      if (total > maxMessageBytes) throw new SipParseError('message too large');
      if (this.buffer.length < total) return frames;
      frames.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
  }
}
