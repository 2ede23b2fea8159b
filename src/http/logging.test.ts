import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { createPlenum } from '../plenum.js';
import { createLogger, scrub } from './logging.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => lines.push(line) } };
}

describe('logs', () => {
  it('censor personal fields by name and scrub addresses, phone numbers and IPs from any text', () => {
    const { lines, destination } = capture();
    const log = createLogger('info', destination);
    log.info(
      {
        email: 'erika@example.org',
        user: { displayName: 'Erika Mustermann', phone: '+49 551 1234567' },
        peer: '192.168.10.20',
        v6: '2001:db8::1',
      },
      'mail to erika@example.org from 10.1.2.3 failed, call 0551 12345678 or +49 (0)30 901820',
    );
    const out = lines.join('');
    for (const secret of ['erika@', 'Mustermann', '1234567', '192.168', '2001:db8', '10.1.2.3', '0551 1234', '901820']) {
      assert.ok(!out.includes(secret), `${secret} leaked into ${out}`);
    }
    assert.match(out, /mail to \[redacted\] from \[redacted\] failed/);
  });

  it('cut a TURN credential or secret nested deeper than redaction by path reaches', () => {
    const { lines, destination } = capture();
    const log = createLogger('info', destination);
    const iceServers = [{ urls: ['turn:relay.example:3478?transport=udp'], username: '1767225600:abc', credential: 'Zm9vYmFyQ3JlZA==' }];
    log.info({ message: { type: 'welcome', data: { ice: { iceServers, note: { secret: 'shared-s3cret' } } } } }, 'sent');
    log.info({ deep: { a: { b: { credential: 'c"red"tail' } } } }, 'deep');
    const out = lines.join('');
    for (const secret of ['Zm9vYmFy', 'shared-s3cret', 'tail']) assert.ok(!out.includes(secret), `${secret} leaked into ${out}`);
    for (const line of lines) JSON.parse(line);
    assert.match(out, /"type":"welcome"/);
  });

  it('keep times, durations and identifiers readable', () => {
    assert.equal(scrub('took 12.5 ms at 01:49:32 on 2026-11-28 for req-42'), 'took 12.5 ms at 01:49:32 on 2026-11-28 for req-42');
  });

  it('name the route pattern of a request, never its URL, client address or cookies', async () => {
    const { lines, destination } = capture();
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', JANUS_MODE: 'off', LOG_LEVEL: 'info' });
    const plenum = await createPlenum(config, { logger: createLogger('info', destination) });
    try {
      await plenum.app.inject({
        method: 'GET',
        url: '/api/invitations/secret-token-123?email=erika@example.org',
        headers: { cookie: 'plenum_session=abc', 'x-forwarded-for': '203.0.113.9' },
        remoteAddress: '198.51.100.7',
      });
    } finally {
      await plenum.close();
    }
    const out = lines.join('');
    assert.match(out, /"route":"\/api\/invitations\/:token"/);
    for (const secret of ['secret-token-123', 'erika', '198.51.100.7', '203.0.113.9', 'plenum_session=abc']) {
      assert.ok(!out.includes(secret), `${secret} leaked`);
    }
  });
});
