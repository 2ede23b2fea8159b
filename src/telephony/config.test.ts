import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.js';

describe('phone dial-in configuration', () => {
  it('is off unless SIP_PORT is set, and loopback-only with the loopback trunk by default', () => {
    assert.equal(loadConfig({}).telephony, undefined);
    const sip = loadConfig({ SIP_PORT: '5060' }).telephony;
    assert.deepEqual(sip, {
      host: '127.0.0.1',
      port: 5060,
      trunkAllow: ['127.0.0.1', '::1'],
      dialInNumber: undefined,
      rtpPorts: undefined,
      relayHost: '127.0.0.1',
      invitesPerMinute: 60,
      maxCalls: 100,
    });
  });

  it('reads the trunk allow-list, the number shown to people and the RTP port range', () => {
    const sip = loadConfig({
      SIP_PORT: '5070',
      SIP_TRUNK_ALLOW: '192.0.2.10, 198.51.100.0/24',
      SIP_DIAL_IN_NUMBER: '+49 30 1234567',
      SIP_RTP_PORT_RANGE: '41000-41999',
    }).telephony;
    assert.deepEqual(sip?.trunkAllow, ['192.0.2.10', '198.51.100.0/24']);
    assert.equal(sip?.dialInNumber, '+49 30 1234567');
    assert.deepEqual(sip?.rtpPorts, { min: 41000, max: 41999 });
  });

  for (const [env, message] of [
    [{ SIP_HOST: '0.0.0.0' }, /SIP_HOST/],
    [{ SIP_TRUNK_ALLOW: 'trunk.example.org' }, /SIP_TRUNK_ALLOW/],
    [{ SIP_DIAL_IN_NUMBER: '030 1234567' }, /SIP_DIAL_IN_NUMBER/],
    [{ SIP_RTP_PORT_RANGE: '42000-41000' }, /SIP_RTP_PORT_RANGE/],
  ] as const) {
    it(`refuses ${Object.keys(env)[0]}=${Object.values(env)[0]} with a message naming it`, () => {
      assert.throws(
        () => loadConfig({ SIP_PORT: '5060', ...env }),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    });
  }
});
