import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  SipParseError,
  SipStreamFramer,
  addressUri,
  cseqOf,
  header,
  headerParam,
  parseSipMessage,
  serialiseSipMessage,
  uriUser,
} from './sip-message.js';
import { mutate, sampleInvite } from './testing/sip-samples.js';

describe('SIP message parser', () => {
  it('reads an INVITE with compact headers, folded lines and a body', () => {
    const message = parseSipMessage(Buffer.from(sampleInvite({ compact: true })));
    assert.equal(message.kind, 'request');
    if (message.kind !== 'request') return;
    assert.equal(message.method, 'INVITE');
    assert.equal(uriUser(addressUri(header(message, 'from'))), '+4955112345612');
    assert.equal(headerParam(header(message, 'from'), 'tag'), 'abc');
    assert.equal(headerParam(header(message, 'via'), 'branch'), 'z9hG4bK-1');
    assert.deepEqual(cseqOf(message), { seq: 1, method: 'INVITE' });
    assert.match(message.body, /m=audio 6000 RTP\/AVP 8 101/);
  });

  it('splits a Via list and round-trips through the serialiser', () => {
    const text = sampleInvite({ extraHeaders: ['Via: SIP/2.0/UDP a.example;branch=z9hG4bK-a, SIP/2.0/UDP b.example;branch=z9hG4bK-b'] });
    const message = parseSipMessage(Buffer.from(text));
    assert.equal(message.headers.get('via')?.length, 3);
    const again = parseSipMessage(serialiseSipMessage(message));
    assert.deepEqual([...again.headers.get('via')!], [...message.headers.get('via')!]);
    assert.equal(again.body, message.body);
  });

  for (const [name, text] of [
    ['no blank line', 'OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n'],
    ['a wrong Content-Length', sampleInvite({ contentLength: 3 })],
    ['a missing Call-ID', sampleInvite({ drop: 'Call-ID' })],
    ['a bad CSeq', sampleInvite({ extraHeaders: [], cseq: 'one INVITE' })],
    ['a header without colon', sampleInvite({ extraHeaders: ['Broken header'] })],
    ['a non-SIP request URI', sampleInvite({ uri: 'http://example.org/' })],
    ['SIP/3.0', sampleInvite({ version: 'SIP/3.0' })],
    ['control characters', sampleInvite({ extraHeaders: ['X-Bad: a\u0000b'] })],
  ] as const) {
    it(`refuses a message with ${name}`, () => {
      assert.throws(() => parseSipMessage(Buffer.from(text)), SipParseError);
    });
  }

  it('frames messages out of a TCP stream cut at arbitrary points', () => {
    const one = sampleInvite({});
    const stream = Buffer.from(`\r\n${one}${one}${one}`);
    const framer = new SipStreamFramer();
    const frames: Buffer[] = [];
    for (let i = 0; i < stream.length;) {
      const step = randomInt(1, 90);
      frames.push(...framer.push(stream.subarray(i, i + step)));
      i += step;
    }
    assert.equal(frames.length, 3);
    for (const frame of frames) assert.equal(parseSipMessage(frame).kind, 'request');
  });

  it('survives 20,000 mutated and random messages: each parses or throws SipParseError, nothing else', () => {
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const data =
        i % 10 === 0
          ? Buffer.from(Array.from({ length: randomInt(0, 2_000) }, () => randomInt(0, 256)))
          : mutate(Buffer.from(sampleInvite({ compact: i % 2 === 0 })));
      try {
        const message = parseSipMessage(data);
        parsed++;
        // Whatever parses must serialise into something that parses the same way.
        assert.equal(parseSipMessage(serialiseSipMessage(message)).kind, message.kind);
      } catch (error) {
        if (!(error instanceof SipParseError)) throw error;
        refused++;
      }
      try {
        new SipStreamFramer().push(data);
      } catch (error) {
        if (!(error instanceof SipParseError)) throw error;
      }
    }
    assert.ok(parsed > 100, `some mutations stay valid (${parsed})`);
    assert.ok(refused > 10_000, `most are refused (${refused})`);
  });
});
