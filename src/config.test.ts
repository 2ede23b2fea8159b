import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to loopback:8080, SQLite in ./data and the local outbox', () => {
    const config = loadConfig({});
    assert.equal(config.http.host, '127.0.0.1');
    assert.equal(config.http.port, 8080);
    assert.equal(config.http.publicUrl.origin, 'http://127.0.0.1:8080');
    assert.equal(config.http.secureCookies, false);
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.resolve('data/plenum.sqlite') });
    assert.equal(config.mail.kind, 'outbox');
    assert.equal(config.janus.mode, 'embedded');
  });

  it('switches to PostgreSQL and SMTP by URL, and to secure cookies behind https', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db/plenum',
      SMTP_URL: 'smtp://mail.example.org:587',
      PUBLIC_URL: 'https://meet.example.org',
    });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@db/plenum' });
    assert.equal(config.mail.kind, 'smtp');
    assert.equal(config.http.secureCookies, true);
  });

  it('runs as a single instance unless REDIS_URL is set; cluster mode needs PostgreSQL and a key prefix that names only its own keys', () => {
    const single = loadConfig({});
    assert.equal(single.cluster.redisUrl, undefined);
    assert.match(single.cluster.instanceId, /^plenum-[0-9a-f]{8}$/);
    const clustered = loadConfig({ DATABASE_URL: 'postgres://u@db/plenum', REDIS_URL: 'redis://10.0.0.5:6379', INSTANCE_ID: 'app-1' });
    assert.deepEqual(clustered.cluster, {
      redisUrl: 'redis://10.0.0.5:6379',
      keyPrefix: 'plenum:',
      instanceId: 'app-1',
      roomLeaseMs: 6000,
      internalUrl: undefined,
    });
    assert.throws(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }), /REDIS_URL: cluster mode needs PostgreSQL/);
    for (const prefix of ['plenum', 'a*:', 'a b:', '{x}:', 'a:b:'])
      assert.throws(
        () => loadConfig({ DATABASE_URL: 'postgres://u@db/p', REDIS_URL: 'redis://r', REDIS_KEY_PREFIX: prefix }),
        /REDIS_KEY_PREFIX/,
      );
    assert.throws(() => loadConfig({ INSTANCE_ID: 'app 1' }), /INSTANCE_ID/);
  });

  it('names the variable and what is wrong in one message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: Error) => e instanceof ConfigError && /^PORT: /.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), { message: /^DATABASE_URL: must start with postgres:\/\/ or sqlite:/ });
    assert.throws(() => loadConfig({ PRIVACY_EMAIL: 'nobody' }), { message: /^PRIVACY_EMAIL: must be an email address/ });
    assert.throws(() => loadConfig({ JANUS_MODE: 'external' }), { message: /^JANUS_URLS: required/ });
    assert.throws(() => loadConfig({ JANUS_RTP_PORT_RANGE: '30000-20000' }), { message: /^JANUS_RTP_PORT_RANGE: / });
  });

  it('reads a JSON file named by PLENUM_CONFIG, with the environment taking precedence', () => {
    const file = path.join(tmpdir(), `plenum-config-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ PORT: 9000, ORG_NAME: 'Beispiel GmbH', HOST: '127.0.0.2' }));
    const config = loadConfig({ PLENUM_CONFIG: file, HOST: '127.0.0.3' });
    assert.equal(config.http.port, 9000);
    assert.equal(config.http.host, '127.0.0.3');
    assert.equal(config.organisation.name, 'Beispiel GmbH');

    writeFileSync(file, JSON.stringify({ PROT: 1 }));
    assert.throws(() => loadConfig({ PLENUM_CONFIG: file }), { message: /^PLENUM_CONFIG: unknown setting PROT/ });
    writeFileSync(file, '[1,2]');
    assert.throws(() => loadConfig({ PLENUM_CONFIG: file }), { message: /must hold a JSON object/ });
  });

  it('leaves the TURN relay off unless asked, and checks what the relay needs', () => {
    assert.equal(loadConfig({}).turn, undefined);
    const embedded = loadConfig({ TURN_MODE: 'embedded', JANUS_ICE_INTERFACES: '198.51.100.7', JANUS_NAT_1_1_MAPPING: '203.0.113.7' }).turn;
    assert.equal(embedded?.mode, 'embedded');
    // It relays to Janus' own addresses only, listens where Janus does, and gives credentials for 10 minutes.
    assert.deepEqual(embedded?.peerIps, ['198.51.100.7', '203.0.113.7']);
    assert.equal(embedded?.mode === 'embedded' && embedded.listenIp, '198.51.100.7');
    assert.equal(embedded?.credentialSeconds, 600);
    assert.equal(embedded?.mode === 'embedded' && embedded.tls, undefined);
    const tls = loadConfig({
      TURN_MODE: 'embedded',
      JANUS_ICE_INTERFACES: '198.51.100.7',
      TURN_TLS_CERT: '/etc/ssl/turn.pem',
      TURN_TLS_KEY: '/etc/ssl/turn.key',
      TURN_TLS_LISTEN_IP: '198.51.100.8',
      TURN_TLS_HOST: 'turn.example.org',
    }).turn;
    assert.deepEqual(tls?.mode === 'embedded' && tls.tls, {
      listenIp: '198.51.100.8',
      port: 443,
      cert: '/etc/ssl/turn.pem',
      key: '/etc/ssl/turn.key',
      host: 'turn.example.org',
    });
    assert.throws(() => loadConfig({ TURN_MODE: 'external' }), { message: /^TURN_URLS: required/ });
    assert.throws(() => loadConfig({ TURN_MODE: 'external', TURN_URLS: 'turn:turn.example.org:3478' }), {
      message: /^TURN_SECRET: required/,
    });
    assert.throws(() => loadConfig({ TURN_MODE: 'embedded', TURN_SECRET: 'short' }), { message: /^TURN_SECRET: must be at least 32/ });
    assert.throws(() => loadConfig({ TURN_MODE: 'embedded', TURN_TLS_CERT: '/x.pem' }), { message: /^TURN_TLS_KEY: / });
    assert.throws(() => loadConfig({ TURN_MODE: 'external', TURN_URLS: 'http://turn.example.org' }), {
      message: /^TURN_URLS.0: each entry/,
    });
    assert.throws(() => loadConfig({ TURN_CREDENTIAL_MINUTES: '1440' }), { message: /^TURN_CREDENTIAL_MINUTES: / });
  });
});
