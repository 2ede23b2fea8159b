import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { parseSipMessage, type SipResponse } from './sip-message.js';
import { SipEndpoint } from './sip-endpoint.js';
import { mutate, sampleInvite } from './testing/sip-samples.js';

const request = (method: string, callId: string, extra = '') =>
  `${method} sip:plenum@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-${callId}\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:plenum@127.0.0.1>\r\nCall-ID: ${callId}\r\nCSeq: 1 ${method}\r\n${extra}Content-Length: 0\r\n\r\n`;

/** A UDP SIP peer that keeps every response it receives. */
class Peer {
  readonly responses: SipResponse[] = [];
  private constructor(readonly socket: Socket) {
    socket.on('message', (data) => {
      const message = parseSipMessage(data);
      if (message.kind === 'response') this.responses.push(message);
    });
  }
  static async open(): Promise<Peer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new Peer(socket);
  }
  send(port: number, text: string | Buffer): void {
    this.socket.send(typeof text === 'string' ? Buffer.from(text) : text, port, '127.0.0.1');
  }
  async until(count: number, ms = 2_000): Promise<SipResponse[]> {
    const deadline = Date.now() + ms;
    while (this.responses.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.responses;
  }
}

describe('SIP endpoint on the wire', () => {
  let endpoint: SipEndpoint;
  let port: number;
  let allowed = true;
  let answerDelayMs = 0;
  const callers: (string | undefined)[] = [];

  before(async () => {
    endpoint = new SipEndpoint({
      host: '127.0.0.1',
      port: 0,
      isAllowed: () => allowed,
      invitesPerMinute: 60,
      maxCalls: 20,
      log: pino({ level: 'silent' }),
      onCall: async (call, signal) => {
        callers.push(call.callerNumber);
        await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
        if (signal.aborted) return { status: 487, reason: 'Request Terminated' };
        return { sdp: 'v=0\r\n' };
      },
    });
    ({ port } = await endpoint.start());
  });
  after(() => endpoint.stop());

  it('answers OPTIONS 200 with Allow, known unsupported methods 405 and unknown ones 501', async () => {
    const peer = await Peer.open();
    peer.send(port, request('OPTIONS', 'o1'));
    peer.send(port, request('REGISTER', 'r1'));
    peer.send(port, request('FROBNICATE', 'f1'));
    const responses = await peer.until(3);
    const byCall = new Map(responses.map((r) => [r.headers.get('call-id')![0], r]));
    assert.equal(byCall.get('o1')?.status, 200);
    assert.equal(byCall.get('o1')?.headers.get('allow')?.[0], 'INVITE, ACK, BYE, CANCEL, OPTIONS');
    assert.equal(byCall.get('r1')?.status, 405);
    assert.equal(byCall.get('f1')?.status, 501);
    peer.socket.close();
  });

  it('answers the same over TCP', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.write(request('OPTIONS', 't1').replace('SIP/2.0/UDP', 'SIP/2.0/TCP') + request('INFO', 't2'));
    const deadline = Date.now() + 2_000;
    while ((received.match(/SIP\/2\.0 \d{3}/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.match(received, /SIP\/2\.0 200 OK[\s\S]*Call-ID: t1/);
    assert.match(received, /SIP\/2\.0 405 Method Not Allowed[\s\S]*Call-ID: t2/);
    socket.destroy();
  });

  it('refuses addresses outside the trunk allow-list with 403', async () => {
    allowed = false;
    const peer = await Peer.open();
    peer.send(port, sampleInvite({ callId: 'stranger' }));
    const [response] = await peer.until(1);
    allowed = true;
    assert.equal(response?.status, 403);
    assert.equal(endpoint.activeCalls, 0);
    peer.socket.close();
  });

  it('ends an INVITE cancelled before the answer with 487 and answers the CANCEL 200', async () => {
    answerDelayMs = 300;
    const peer = await Peer.open();
    peer.send(port, sampleInvite({ callId: 'cancel-me', branch: 'z9hG4bK-c1' }));
    await peer.until(1); // 100 Trying
    peer.send(port, request('CANCEL', 'cancel-me').replace('branch=z9hG4bK-cancel-me', 'branch=z9hG4bK-c1'));
    const responses = await peer.until(3);
    answerDelayMs = 0;
    const statuses = responses.map((r) => `${r.status} ${r.headers.get('cseq')![0]}`).sort();
    assert.deepEqual(statuses, ['100 1 INVITE', '200 1 CANCEL', '487 1 INVITE']);
    peer.socket.close();
  });

  it('takes a call whose From and To carry malformed percent-escapes as one from an unknown number, and keeps serving', async () => {
    const peer = await Peer.open();
    const invite = sampleInvite({ callId: 'bad-escape', branch: 'z9hG4bK-esc', uri: 'sip:%zz@127.0.0.1' })
      .replace('<sip:+4955112345612@127.0.0.1>', '<sip:%E0%A4%A@127.0.0.1>')
      .replace('<sip:+4930123456@127.0.0.1>', '<sip:%@127.0.0.1>');
    peer.send(port, invite);
    const responses = await peer.until(2);
    assert.deepEqual(
      responses.map((r) => r.status),
      [100, 200],
    );
    assert.equal(callers.at(-1), undefined);
    peer.send(port, request('OPTIONS', 'after-escape'));
    assert.equal((await peer.until(3)).at(-1)?.status, 200);
    peer.socket.close();
  });

  it('answers an INVITE flood from one address with 503 beyond the limit', async () => {
    const peer = await Peer.open();
    for (let i = 0; i < 40; i++) peer.send(port, sampleInvite({ callId: `flood-${i}`, branch: `z9hG4bK-flood-${i}` }));
    await peer.until(80, 3_000);
    const refused = peer.responses.filter((r) => r.status === 503).length;
    const answered = new Set(peer.responses.filter((r) => r.status === 200).map((r) => r.headers.get('call-id')![0])).size;
    assert.ok(refused >= 25, `most of the burst is refused (${refused} × 503)`);
    assert.ok(answered <= 15, `only the burst allowance is answered (${answered})`);
    peer.socket.close();
  });

  it('survives 5,000 mutated datagrams and 300 mutated TCP streams: only well-formed answers, still serving afterwards', async () => {
    const peer = await Peer.open();
    const templates = [
      sampleInvite({ callId: 'fuzz' }),
      request('OPTIONS', 'fuzz-o'),
      request('BYE', 'fuzz-b'),
      request('CANCEL', 'fuzz-c'),
    ];
    for (let i = 0; i < 5_000; i++) {
      peer.send(port, mutate(Buffer.from(templates[i % templates.length]!)));
      if (i % 200 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    for (let i = 0; i < 300; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.end(mutate(Buffer.from(templates[i % templates.length]!.replace('SIP/2.0/UDP', 'SIP/2.0/TCP'))));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    // Every datagram that came back parsed as a SIP response (the Peer would have thrown otherwise).
    assert.ok(
      peer.responses.every((r) => [100, 200, 400, 405, 481, 487, 488, 501, 503].includes(r.status)),
      [...new Set(peer.responses.map((r) => r.status))].join(),
    );
    assert.ok(
      peer.responses.some((r) => r.status === 400),
      'malformed requests that can be answered get 400',
    );
    const check = await Peer.open();
    try {
      // The endpoint may still be working through the fuzz backlog on a loaded machine (a datagram
      // can be dropped meanwhile), so ask until it answers; "still serving" means it does, eventually.
      for (let attempt = 0; attempt < 20 && check.responses.length === 0; attempt++) {
        check.send(port, request('OPTIONS', `alive-${attempt}`));
        await check.until(1, 500);
      }
      assert.equal(check.responses[0]?.status, 200);
    } finally {
      peer.socket.close();
      check.socket.close();
    }
  });
});
