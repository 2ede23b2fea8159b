import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { adminCredentials } from './testing/plenum.js';
import { buildRtp } from './telephony/rtp.js';
import { mutate, sampleInvite } from './telephony/testing/sip-samples.js';
import { freeSipPort } from './telephony/testing/sipp.js';

/**
 * Every entry point of one real app process (src/main.ts, SQLite, no Janus) under bounded
 * fuzzing: SIP over UDP and TCP through to call setup and the IVR, the room WebSocket, and every
 * anonymous POST route of the OpenAPI document. The process must stay alive, answer every
 * error without a stack trace, and keep its memory bounded.
 */

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;

/**
 * How much of the fuzzing budget a run spends: all of it in `npm test`; the fast tier
 * (scripts/test-unit.sh, FUZZ_BUDGET=0.25) sends a quarter of the inputs, every kind still.
 */
const budget = Math.min(1, Math.max(0.05, Number(process.env.FUZZ_BUDGET ?? 1)));
const scaled = (count: number) => Math.max(1, Math.round(count * budget));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The resident memory of a process, in MB. */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const badUsers = ['%', '%zz', '%E0%A4%A', '%00', '%%41', '+49%2', '%C0%AF', 'x'.repeat(600), '%FF%FE'];

function fuzzInvite(port: number, mediaPort: number): string {
  const callId = randomBytes(6).toString('hex');
  const sdp = pick([
    [
      'v=0',
      'o=- 1 1 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${mediaPort} RTP/AVP 0 101`,
      'a=rtpmap:101 telephone-event/8000',
      '',
    ].join('\r\n'),
    'garbage',
    ['v=0', 'c=IN IP4 999.1.1.1', 'm=audio 99999 RTP/AVP 0', ''].join('\r\n'),
    ['v=0', 'c=IN IP6 ::1', 'm=audio 0 RTP/AVP 8', 'a=rtpmap:8 PCMA/8000', ''].join('\r\n'),
    ['v=0', `m=audio ${mediaPort} RTP/AVP ${Array.from({ length: 40 }, () => randomInt(256)).join(' ')}`, ''].join('\r\n'),
    `v=0\r\n${'a=x\r\n'.repeat(500)}`,
    '',
  ]);
  const lengthHeader = pick([
    `Content-Length: ${Buffer.byteLength(sdp)}`,
    'Content-Length: -1',
    'Content-Length: 99999',
    'Content-Length: abc',
    `Content-Length: ${Buffer.byteLength(sdp) + 7}`,
    'l: 0',
    '',
  ]);
  const headers = [
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${callId}`,
    `From: "${pick(['Caller', 'ü"\\', ''])}" <sip:${pick(badUsers)}@127.0.0.1>;tag=${callId}`,
    `To: <sip:${pick([...badUsers, '+4930123456'])}@127.0.0.1>`,
    `Call-ID: ${callId}`,
    `CSeq: ${pick(['1 INVITE', '1 INVITE', '99999999999 INVITE', '1 BYE', 'x INVITE'])}`,
    `Contact: <sip:caller@127.0.0.1:${port}>`,
    'Content-Type: application/sdp',
    ...(randomInt(4) === 0 ? [`X-Huge: ${'h'.repeat(randomInt(900, 3000))}`] : []),
    ...(randomInt(6) === 0 ? Array.from({ length: 70 }, (_, i) => `X-Many-${i}: y`) : []),
    lengthHeader,
  ].filter(Boolean);
  return `INVITE sip:${pick([...badUsers, 'plenum'])}@127.0.0.1 SIP/2.0\r\n${headers.join('\r\n')}\r\n\r\n${sdp}`;
}

/** A UDP peer that keeps what comes back and never trusts it. */
class UdpPeer {
  readonly received: string[] = [];
  private constructor(readonly socket: UdpSocket) {
    socket.on('message', (data) => this.received.push(data.toString('latin1')));
  }
  static async open(): Promise<UdpPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    // A failed assertion must not leave the test run waiting on an open socket.
    socket.unref();
    return new UdpPeer(socket);
  }
  get port(): number {
    return this.socket.address().port;
  }
  send(port: number, data: string | Buffer): void {
    this.socket.send(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, port, '127.0.0.1');
  }
  async response(callId: string, status: RegExp, ms = 3_000): Promise<string | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.received.find((m) => status.test(m) && m.includes(`Call-ID: ${callId}`));
      if (found || Date.now() > deadline) return found;
      await sleep(20);
    }
  }
}

/** One whole call: INVITE, answer, ACK, random RTP and key presses into the IVR, then BYE. */
async function fullCall(sipPort: number, keys: string): Promise<boolean> {
  const [signalling, media] = [await UdpPeer.open(), await UdpPeer.open()];
  try {
    const callId = `full-${randomBytes(6).toString('hex')}`;
    const invite = sampleInvite({ callId, branch: `z9hG4bK-${callId}` })
      .replace(/5070/g, String(signalling.port))
      .replace('m=audio 6000', `m=audio ${media.port}`)
      .replace(/Content-Length: \d+/, (header) =>
        header.replace(
          /\d+$/,
          String(Buffer.byteLength(sampleInvite({ callId }).split('\r\n\r\n')[1]!.replace('m=audio 6000', `m=audio ${media.port}`))),
        ),
      );
    signalling.send(sipPort, invite);
    const ok = await signalling.response(callId, /^SIP\/2\.0 200/);
    if (!ok) return false;
    const toTag = /^To: .*;tag=([^;\r\n]+)/m.exec(ok)?.[1] ?? '';
    const answerPort = Number(/m=audio (\d+)/.exec(ok)?.[1]);
    const dialog = (method: string, seq: number) =>
      `${method} sip:plenum@127.0.0.1:${sipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${signalling.port};branch=z9hG4bK-${method}-${callId}\r\nFrom: "Caller" <sip:+4955112345612@127.0.0.1>;tag=abc\r\nTo: <sip:+4930123456@127.0.0.1>;tag=${toTag}\r\nCall-ID: ${callId}\r\nCSeq: ${seq} ${method}\r\nContent-Length: 0\r\n\r\n`;
    signalling.send(sipPort, dialog('ACK', 1));
    let sequence = randomInt(65_536);
    for (let i = 0; i < 20; i++) media.send(answerPort, randomBytes(randomInt(0, 400)));
    for (const key of keys) {
      const event = key === '#' ? 11 : key === '*' ? 10 : Number(key);
      for (const end of [false, false, true, true]) {
        media.send(
          answerPort,
          buildRtp(
            { payloadType: 101, marker: !end, sequence: sequence++, timestamp: event * 1000 + sequence, ssrc: 7 },
            Buffer.from([event, end ? 0x8a : 0x0a, 0, 160]),
          ),
        );
      }
      await sleep(30);
    }
    await sleep(300);
    signalling.send(sipPort, dialog('BYE', 2));
    await signalling.response(callId, /^SIP\/2\.0 (200|481)/, 1_000);
    return true;
  } finally {
    signalling.socket.close();
    media.socket.close();
  }
}

/** A body shaped like the route's schema, then broken in one random way. */
function fuzzBody(schema: Record<string, unknown> | undefined): unknown {
  const sample = (s: Record<string, unknown> | undefined, depth = 0): unknown => {
    if (!s || depth > 4) return 'x';
    if (s.type === 'object' || s.properties) {
      const properties = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, sample(v, depth + 1)]));
    }
    if (s.type === 'array') return [sample(s.items as Record<string, unknown>, depth + 1)];
    if (s.type === 'integer' || s.type === 'number') return randomInt(-5, 1000);
    if (s.type === 'boolean') return randomInt(2) === 0;
    if (Array.isArray(s.enum)) return pick(s.enum);
    if (s.format === 'email') return `fuzz${randomInt(1e6)}@example.org`;
    return pick(['x', 'Erika', '', 'ü'.repeat(50), '<script>', '%zz', '\u202e', '0'.repeat(randomInt(1, 2000))]);
  };
  const valid = sample(schema);
  const wild = (): unknown =>
    pick<unknown>([
      null,
      0,
      -1,
      1e308,
      '',
      'x'.repeat(randomInt(1, 5000)),
      [],
      {},
      true,
      [[[[[]]]]],
      JSON.parse('{"__proto__":{"admin":true}}'),
      { constructor: { prototype: { x: 1 } } },
    ]);
  switch (randomInt(5)) {
    case 0:
      return valid;
    case 1:
      return wild();
    case 2: {
      if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return valid;
      const keys = Object.keys(valid);
      return keys.length ? { ...valid, [pick(keys)]: wild() } : valid;
    }
    case 3:
      return { ...(typeof valid === 'object' ? valid : {}), unknownField: 1 };
    default:
      return mutate(Buffer.from(JSON.stringify(valid) ?? 'null')).toString('latin1');
  }
}

describe('every entry point under bounded fuzzing (one app process)', () => {
  let app: ChildProcess;
  let dataDir: string;
  let base: string;
  let sipPort: number;
  let cookie: string;
  let meeting: { id: string; meetingNumber: string; passcode: string };
  let pin: string;
  let baselineMb: number;
  const exited: { code: number | null; signal: NodeJS.Signals | null }[] = [];
  let stderr = '';

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-fuzz-'));
    const [httpPort, sip] = [await freeSipPort(), await freeSipPort()];
    sipPort = sip;
    base = `http://127.0.0.1:${httpPort}`;
    app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(httpPort),
        JANUS_MODE: 'off',
        LOG_LEVEL: 'error',
        // One hop: the fuzzer names a client address per request, so per-address limits do not stop it early.
        TRUST_PROXY: '1',
        SIP_PORT: String(sipPort),
        SIP_DIAL_IN_NUMBER: '+49 30 1234567',
        SIP_INVITES_PER_MINUTE: '100000',
        SIP_MAX_CALLS: '40',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.on('exit', (code, signal) => exited.push({ code, signal }));
    let printed = '';
    app.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    app.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    const deadline = Date.now() + 60_000;
    while (!/\/setup#\S+/.test(printed)) {
      if (Date.now() > deadline || exited.length) throw new Error(`the app did not start: ${stderr}`);
      await sleep(100);
    }
    const token = /\/setup#(\S+)/.exec(printed)![1]!;
    const setup = await fetch(`${base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, ...adminCredentials, language: 'en' }),
    });
    cookie = setup.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const created = await fetch(`${base}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'Fuzz', lobby: 'off' }),
    });
    meeting = (await created.json()) as typeof meeting;
    pin = ((await (await fetch(`${base}/api/meetings/${meeting.id}/dial-in`, { headers: { cookie } })).json()) as { pin: string }).pin;
    baselineMb = rssMb(app.pid!);
  });

  after(async () => {
    app.kill('SIGTERM');
    await new Promise((resolve) => (exited.length ? resolve(undefined) : app.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The process runs, answers HTTP and SIP, and has not grown without bound. */
  async function assertHealthy(stage: string): Promise<void> {
    assert.deepEqual(exited, [], `the app died during ${stage}: ${stderr}`);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const peer = await UdpPeer.open();
    peer.send(
      sipPort,
      `OPTIONS sip:plenum@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bK-alive\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:plenum@127.0.0.1>\r\nCall-ID: alive-${stage}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
    );
    assert.ok(await peer.response(`alive-${stage}`, /^SIP\/2\.0 200/), 'SIP still answers');
    peer.socket.close();
    const grownMb = rssMb(app.pid!) - baselineMb;
    if (process.env.FUZZ_REPORT) console.log(`${stage}: RSS ${rssMb(app.pid!).toFixed(0)} MB, grown ${grownMb.toFixed(0)} MB`);
    assert.ok(grownMb < 150, `memory grew by ${grownMb.toFixed(0)} MB during ${stage}`);
    assert.doesNotMatch(stderr, /uncaught|unhandled/i);
  }

  it('SIP: mutated and malformed INVITEs over UDP and TCP, partial TCP frames and whole calls into the IVR', async () => {
    const peer = await UdpPeer.open();
    for (let i = 0; i < scaled(3_000); i++) {
      const invite = fuzzInvite(peer.port, 6000);
      peer.send(sipPort, i % 3 === 0 ? mutate(Buffer.from(invite, 'latin1')) : invite);
      if (i % 100 === 0) await sleep(10);
    }
    for (let i = 0; i < scaled(150); i++) {
      const socket = connect(sipPort, '127.0.0.1');
      socket.on('error', () => undefined);
      const data = Buffer.from(fuzzInvite(peer.port, 6000).replace('SIP/2.0/UDP', 'SIP/2.0/TCP'), 'latin1');
      const bytes = i % 2 ? mutate(data) : data;
      // Cut into random pieces, some left unfinished: the framer must wait, then give up cleanly.
      let at = 0;
      while (at < bytes.length) {
        const next = Math.min(bytes.length, at + randomInt(1, 400));
        socket.write(bytes.subarray(at, next));
        at = next;
        if (randomInt(5) === 0) break;
      }
      if (randomInt(2)) socket.end();
      else setTimeout(() => socket.destroy(), 500).unref();
      if (i % 20 === 0) await sleep(20);
    }
    await sleep(200);
    assert.deepEqual(exited, [], `the app died of malformed SIP: ${stderr}`);
    const digits = meeting.meetingNumber.replace(/\s/g, '');
    const keyPlans = [`${digits}#${pin}#`, `${digits}#000#`, '#', '1234#1234#1234#', `${digits}#${pin.slice(0, 3)}`, '*'.repeat(30)];
    let answered = 0;
    const calls = Math.max(keyPlans.length, scaled(12));
    for (let i = 0; i < calls; i++) if (await fullCall(sipPort, keyPlans[i % keyPlans.length]!)) answered++;
    assert.ok(answered >= calls / 2, `whole calls were answered (${answered} of ${calls})`);
    await sleep(500);
    const records = (await (await fetch(`${base}/api/calls`, { headers: { cookie } })).json()) as { calls: { outcome: string }[] };
    assert.ok(records.calls.length >= answered, 'every answered call left a record');
    peer.socket.close();
    await assertHealthy('SIP fuzzing');
  });

  it('room WebSocket: random frames before and after hello', async () => {
    const internal: string[] = [];
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${base.replace('http', 'ws')}/api/rooms/socket`, {
          headers: { origin: base, 'x-forwarded-for': `10.6.${randomInt(250)}.${randomInt(250)}` },
        });
        socket.on('message', (raw) => {
          const text = raw.toString();
          if (/ERR_INTERNAL|\bat .+:\d+:\d+/.test(text)) internal.push(text);
        });
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
    const intents = [
      'audio.mute',
      'publish',
      'subscribe',
      'subscription.answer',
      'unsubscribe',
      'trickle',
      'leave',
      'end',
      'chat.send',
      'qa.ask',
      'poll.vote',
      'moderation.mute',
      'lobby.admit',
      'hand.raise',
      'recording.start',
      'webinar.promote',
    ];
    for (let round = 0; round < scaled(30); round++) {
      const socket = await open();
      socket.on('error', () => undefined);
      if (round % 3 === 0) {
        // Before hello: garbage of every size.
        socket.send(
          pick([
            randomBytes(randomInt(1, 3_000)),
            '{',
            JSON.stringify({ type: 'hello', id: 1, token: randomBytes(40).toString('base64url') }),
            'x'.repeat(2_000),
          ]),
        );
      } else {
        const joined = (await (
          await fetch(`${base}/api/join`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.7.0.${round}` },
            body: JSON.stringify({ meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: `Fuzz ${round}` }),
          })
        ).json()) as { joinToken: string };
        socket.send(JSON.stringify({ type: 'hello', id: 1, token: joined.joinToken }));
        await sleep(50);
        for (let i = 0; i < scaled(40); i++) {
          const message = {
            type: pick(intents),
            id: i + 2,
            muted: pick([true, 'x', null]),
            kind: pick(['camera', 'screen', 'audio', 7]),
            participantId: pick(['', 'x'.repeat(70), 'nobody']),
            offer: pick([{ type: 'offer', sdp: 'v=0' }, null, 'x']),
            text: pick(['hi', '', 'x'.repeat(5_000)]),
            candidate: pick([{ candidate: '' }, null]),
          };
          socket.send(randomInt(4) === 0 ? mutate(Buffer.from(JSON.stringify(message))) : JSON.stringify(message));
        }
      }
      await sleep(100);
      socket.terminate();
    }
    assert.deepEqual(internal, [], 'no intent failed with an internal error or a stack trace');
    await assertHealthy('WebSocket fuzzing');
  });

  it('every anonymous POST route of the OpenAPI document: random and mutated bodies, never a 500 or a stack trace', async () => {
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { security?: unknown[]; requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>
      >;
    };
    const routes = Object.entries(document.paths).flatMap(([route, methods]) =>
      methods.post && !methods.post.security?.length
        ? [{ route, body: methods.post.requestBody?.content?.['application/json']?.schema }]
        : [],
    );
    assert.ok(routes.length >= 10, `anonymous POST routes found: ${routes.map((r) => r.route).join(', ')}`);
    const failures: string[] = [];
    let sent = 0;
    for (const { route, body } of routes) {
      for (let i = 0; i < scaled(25); i++) {
        const url = route.replace(/\{[^}]+\}/g, () => pick([meeting.id, 'x', '%zz', randomBytes(8).toString('hex'), '..%2F..', 'ü']));
        const payload = fuzzBody(body);
        const response = await fetch(`${base}${url}`, {
          method: 'POST',
          headers: {
            'content-type': pick(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded']),
            'x-forwarded-for': `10.5.${randomInt(250)}.${randomInt(250)}`,
            'accept-language': pick(['de', 'en', '*', 'xx;q=abc']),
          },
          body: typeof payload === 'string' ? payload : JSON.stringify(payload),
        });
        const text = await response.text();
        sent++;
        if (response.status >= 500 || /\bat .+\.(ts|js):\d+|"stack"/.test(text))
          failures.push(`${route} ${response.status} ${text.slice(0, 200)}`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${sent} requests failed`);
    await assertHealthy('HTTP fuzzing');
  });
});
