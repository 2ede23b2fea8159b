import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createHttpServer } from './app.js';
import { clientKey } from './client-key.js';

/** A server configured like Plenum's, with one route that names the client address and allows 3 requests a minute. */
async function serverWith(trustProxy: string) {
  const config = loadConfig({ TRUST_PROXY: trustProxy });
  const app = await createHttpServer({
    logger: pino({ level: 'silent' }),
    trustProxy: config.http.trustProxy,
    defaultLanguage: 'en',
    publicUrl: config.http.publicUrl,
    requestsPerMinute: 300,
  });
  app.get('/probe', { config: { rateLimit: { max: 3, timeWindow: 60_000 } } }, async (request) => ({ ip: request.ip }));
  await app.ready();
  return app;
}

describe('client address behind a reverse proxy', () => {
  for (const trustProxy of ['1', '127.0.0.1', '127.0.0.0/8, ::1']) {
    it(`TRUST_PROXY=${trustProxy}: the address the proxy appended is the client; a forged leftmost X-Forwarded-For changes neither it nor the rate-limit key`, async () => {
      const app = await serverWith(trustProxy);
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          const response = await app.inject({
            url: '/probe',
            remoteAddress: '127.0.0.1',
            headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
          });
          statuses.push(response.statusCode);
          if (response.statusCode === 200) assert.equal(response.json().ip, '203.0.113.7');
        }
        assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
        const other = await app.inject({ url: '/probe', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.8' } });
        assert.equal(other.statusCode, 200, 'another client behind the proxy has its own limit');
      } finally {
        await app.close();
      }
    });
  }

  it('keys per-address counters of IPv6 clients by their /64 and of IPv4-mapped clients by the IPv4 address', () => {
    assert.equal(clientKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(clientKey('192.0.2.1'), '192.0.2.1');
    assert.equal(clientKey('2001:db8:0:0:1::5'), '2001:db8:0:0::/64');
    assert.equal(clientKey('2001:db8::1'), clientKey('2001:db8:0:0:ffff::2'));
    assert.notEqual(clientKey('2001:db8:0:1::1'), clientKey('2001:db8:0:2::1'));
  });

  it('TRUST_PROXY=<addresses>: a client that reaches Plenum directly cannot name another address', async () => {
    const app = await serverWith('127.0.0.1');
    try {
      const direct = await app.inject({ url: '/probe', remoteAddress: '192.0.2.44', headers: { 'x-forwarded-for': '203.0.113.7' } });
      assert.equal(direct.json().ip, '192.0.2.44');
    } finally {
      await app.close();
    }
  });

  it('TRUST_PROXY=false (the default) ignores X-Forwarded-For', async () => {
    const app = await serverWith('false');
    try {
      const response = await app.inject({ url: '/probe', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } });
      assert.equal(response.json().ip, '127.0.0.1');
    } finally {
      await app.close();
    }
  });

  it('refuses TRUST_PROXY=true and anything that is not a hop count or proxy addresses', () => {
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), { message: /^TRUST_PROXY: true would let every client choose its address/ });
    for (const bad of ['0', '11', 'yes', '10.0.0.0/33', 'proxy.example.org']) {
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), { message: /^TRUST_PROXY: must be false, a number of proxies/ }, bad);
    }
    assert.equal(loadConfig({}).http.trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).http.trustProxy, ['10.0.0.1', '192.168.0.0/16']);
  });
});
