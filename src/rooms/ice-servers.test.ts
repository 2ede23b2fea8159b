import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../http/logging.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient as Client, type RoomSocketMessage } from '../testing/room-socket.js';

/**
 * The TURN relay's credentials reach the browser with the room's welcome: one of its own per
 * connection, in coturn's shared-secret scheme, valid for minutes, never written to a log.
 * (TURN_MODE=external: the app only computes credentials; coturn itself is tried in src/media/turn-relay.test.ts.)
 */

const secret = 'the shared secret of the coturn on its own machine';
const urls = [
  'turn:turn.example.org:3478?transport=udp',
  'turn:turn.example.org:3478?transport=tcp',
  'turns:turn.example.org:443?transport=tcp',
];

interface Ice {
  iceServers: { urls: string[]; username: string; credential: string }[];
  expiresAt: string;
}

describe('ICE servers for the browser', () => {
  let plenum: TestPlenum;
  let url: string;
  let origin: string;
  let meeting: { meetingNumber: string; passcode: string };
  const logLines: string[] = [];

  before(async () => {
    plenum = await startTestPlenum(
      'sqlite',
      { PORT: '0', TURN_MODE: 'external', TURN_URLS: urls.join(','), TURN_SECRET: secret, TURN_PEER_IPS: '203.0.113.10' },
      { logger: createLogger('trace', { write: (line: string) => logLines.push(line) }) },
    );
    origin = await plenum.listen();
    url = `${origin.replace('http', 'ws')}/api/rooms/socket`;
    const admin = await setUpAdmin(plenum);
    meeting = (
      await plenum.app.inject({
        method: 'POST',
        url: '/api/meetings',
        payload: { title: 'Relay', lobby: 'off' },
        headers: { cookie: admin },
      })
    ).json();
  });
  after(() => plenum.dispose());

  async function enter(name: string): Promise<{ client: Client; welcome: RoomSocketMessage }> {
    const join = await plenum.app.inject({
      method: 'POST',
      url: '/api/join',
      payload: { meetingNumber: meeting.meetingNumber, passcode: meeting.passcode, displayName: name },
    });
    const client = await Client.open(url, { origin });
    client.send({ type: 'hello', id: 0, token: join.json().joinToken });
    return { client, welcome: await client.next((m) => m.type === 'welcome') };
  }

  function assertValid(ice: Ice, before: number): void {
    const [server] = ice.iceServers;
    assert.equal(ice.iceServers.length, 1);
    assert.deepEqual(server!.urls, urls);
    const [expiry, opaque] = server!.username.split(':');
    assert.equal(Number(expiry) * 1000, Date.parse(ice.expiresAt));
    // Minutes, not days: TURN_CREDENTIAL_MINUTES defaults to 10.
    assert.ok(Date.parse(ice.expiresAt) - before <= 10 * 60_000 + 1000 && Date.parse(ice.expiresAt) - before > 9 * 60_000);
    // Tied to nothing personal: random, not the name or the participant's id.
    assert.match(opaque!, /^[\w-]{16}$/);
    assert.equal(server!.credential, createHmac('sha1', secret).update(server!.username).digest('base64'));
  }

  it('gives each connection a credential of its own, valid for minutes, with the relay’s UDP, TCP and TLS 443 URLs', async () => {
    const before = Date.now();
    const anna = await enter('Anna');
    const ben = await enter('Ben');
    for (const { welcome } of [anna, ben]) assertValid(welcome.ice as Ice, before);
    const annaIce = anna.welcome.ice as Ice;
    const benIce = ben.welcome.ice as Ice;
    assert.notEqual(annaIce.iceServers[0]!.username, benIce.iceServers[0]!.username);
    assert.ok(!annaIce.iceServers[0]!.username.includes((anna.welcome.self as { id: string }).id));

    // A peer connection made later asks for a fresh one.
    anna.client.send({ type: 'ice.servers', id: 1 });
    const fresh = await anna.client.reply(1);
    assert.equal(fresh.type, 'result');
    assertValid(fresh.data as Ice, before);
    assert.notEqual((fresh.data as Ice).iceServers[0]!.username, annaIce.iceServers[0]!.username);
    anna.client.socket.close();
    ben.client.socket.close();

    // Nothing of it in the log, even at trace level.
    const log = logLines.join('\n');
    assert.ok(logLines.length > 0);
    for (const ice of [annaIce, benIce, fresh.data as Ice])
      assert.ok(!log.includes(ice.iceServers[0]!.credential), 'no credential in the log');
    assert.ok(!log.includes(secret));
  });

  it('keeps credentials out of log lines that carry them by mistake', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const ice = { iceServers: [{ urls, username: '1796567745:abcdefghijklmnop', credential: 'c2VjcmV0LWNyZWRlbnRpYWw=' }], expiresAt: '' };
    logger.info({ ice }, 'welcome sent');
    logger.info({ server: ice.iceServers[0] }, 'one server');
    logger.info({ turn: { secret } }, 'relay settings');
    assert.equal(lines.length, 3);
    assert.ok(!lines.join('').includes('c2VjcmV0LWNyZWRlbnRpYWw='));
    assert.ok(!lines.join('').includes(secret));
  });
});
