import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { adminCredentials, sessionCookieOf, setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { dialects } from '../testing/stores.js';
import { solvedCaptcha } from '../events/testing.js';

const json = (body: unknown) => ({ payload: body as Record<string, unknown> });

for (const dialect of dialects) {
  describe(`staff accounts on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;

    before(async () => {
      plenum = await startTestPlenum(dialect);
    });
    after(() => plenum.dispose());

    const inject = (
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) =>
      plenum.app.inject({
        method,
        url,
        headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
        ...(options.body !== undefined ? json(options.body) : {}),
      });

    it('creates the first admin only with the one-time setup token', async () => {
      assert.deepEqual((await inject('GET', '/api/setup')).json(), { needed: true });
      const wrong = await inject('POST', '/api/setup', { body: { token: 'guess', ...adminCredentials } });
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json().error.code, 'ERR_SETUP_TOKEN_INVALID');

      admin = await setUpAdmin(plenum);
      assert.deepEqual((await inject('GET', '/api/setup')).json(), { needed: false });
      const again = await inject('POST', '/api/setup', {
        body: { token: plenum.setupLink!.split('#')[1], ...adminCredentials, email: 'b@example.org' },
      });
      assert.equal(again.json().error.code, 'ERR_SETUP_DONE');

      const me = (await inject('GET', '/api/auth/session', { cookie: admin })).json();
      assert.equal(me.email, adminCredentials.email);
      assert.equal(me.role, 'admin');
    });

    it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
      const response = await inject('POST', '/api/auth/login', {
        body: { email: adminCredentials.email, password: adminCredentials.password },
      });
      assert.equal(response.statusCode, 204);
      const cookie = response.cookies.find((c) => c.name === 'plenum_session');
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie?.sameSite, 'Lax');
      assert.equal(cookie?.secure, undefined, 'not Secure over plain http');
    });

    it('answers a wrong password and an unknown account with the same error', async () => {
      const wrongPassword = await inject('POST', '/api/auth/login', {
        body: { email: adminCredentials.email, password: 'not the password' },
      });
      const unknown = await inject('POST', '/api/auth/login', { body: { email: 'nobody@example.org', password: 'not the password' } });
      assert.equal(wrongPassword.statusCode, 401);
      assert.deepEqual(wrongPassword.json(), unknown.json());
      assert.equal(unknown.json().error.code, 'ERR_LOGIN_FAILED');
    });

    it('rejects requests without a session and logs out', async () => {
      assert.equal((await inject('GET', '/api/staff')).statusCode, 401);
      const login = await inject('POST', '/api/auth/login', {
        body: { email: adminCredentials.email, password: adminCredentials.password },
      });
      const cookie = sessionCookieOf(login);
      assert.equal((await inject('POST', '/api/auth/logout', { cookie })).statusCode, 204);
      assert.equal((await inject('GET', '/api/auth/session', { cookie })).statusCode, 401);
    });

    it('requires the authenticator code once two-factor login is on', async () => {
      const enrolment = (await inject('POST', '/api/account/totp/setup', { cookie: admin })).json();
      assert.match(enrolment.uri, /^otpauth:\/\/totp\//);
      assert.match(enrolment.qrSvg, /^<svg/);
      const totp = new TOTP({ secret: Secret.fromBase32(enrolment.secret) });
      assert.equal(
        (
          await inject('POST', '/api/account/totp/enable', {
            cookie: admin,
            body: { code: '000000' === totp.generate() ? '111111' : '000000' },
          })
        ).statusCode,
        400,
      );
      assert.equal((await inject('POST', '/api/account/totp/enable', { cookie: admin, body: { code: totp.generate() } })).statusCode, 204);

      const credentials = { email: adminCredentials.email, password: adminCredentials.password };
      const withoutCode = await inject('POST', '/api/auth/login', { body: credentials });
      assert.equal(withoutCode.json().error.code, 'ERR_TOTP_REQUIRED');
      // The code used to enable it is spent; the next period's code is within the accepted drift.
      const code = totp.generate({ timestamp: Date.now() + 30_000 });
      const withCode = await inject('POST', '/api/auth/login', { body: { ...credentials, totpCode: code } });
      assert.equal(withCode.statusCode, 204);
      const replayed = await inject('POST', '/api/auth/login', { body: { ...credentials, totpCode: code } });
      assert.equal(replayed.json().error.code, 'ERR_TOTP_INVALID', 'a code is accepted once');

      // A stolen session cannot switch it off by starting a new setup: the old secret stays until the password turns it off.
      const restart = await inject('POST', '/api/account/totp/setup', { cookie: admin });
      assert.equal(restart.statusCode, 409);
      assert.equal(restart.json().error.code, 'ERR_TOTP_ALREADY_ON');
      assert.equal((await inject('POST', '/api/auth/login', { body: credentials })).json().error.code, 'ERR_TOTP_REQUIRED');
      const wrongPassword = await inject('POST', '/api/account/totp/disable', { cookie: admin, body: { password: 'not the password' } });
      assert.equal(wrongPassword.json().error.code, 'ERR_PASSWORD_WRONG');

      assert.equal(
        (await inject('POST', '/api/account/totp/disable', { cookie: admin, body: { password: adminCredentials.password } })).statusCode,
        204,
      );
      assert.equal((await inject('POST', '/api/auth/login', { body: credentials })).statusCode, 204);
    });

    it('invites a host by mail, who sets a password and gets host rights only', async () => {
      for (const displayName of ['Hanna\nHost', 'Hanna <Host>', 'Hanna\u0008']) {
        const refused = await inject('POST', '/api/staff/invitations', {
          cookie: admin,
          body: { email: 'forged@example.org', displayName, role: 'host', language: 'de' },
        });
        assert.equal(refused.statusCode, 400, `a person’s name rule: ${JSON.stringify(displayName)}`);
      }
      const invite = await inject('POST', '/api/staff/invitations', {
        cookie: admin,
        body: { email: 'Hanna.Host@Example.org ', displayName: 'Hanna Host', role: 'host', language: 'de' },
      });
      assert.equal(invite.statusCode, 201);
      const duplicate = await inject('POST', '/api/staff/invitations', {
        cookie: admin,
        body: { email: 'hanna.host@example.org', displayName: 'H', role: 'host' },
      });
      assert.equal(duplicate.json().error.code, 'ERR_EMAIL_TAKEN');

      const outbox = (await inject('GET', '/api/outbox', { cookie: admin })).json();
      const mail = outbox.messages.find((m: { to: string }) => m.to === 'hanna.host@example.org');
      assert.equal(mail.subject.startsWith('Einladung zu Plenum'), true);
      const token = /\/invite\/([\w-]+)/.exec(mail.text)?.[1];
      assert.ok(token, 'the mail carries the invitation link');

      assert.equal((await inject('GET', `/api/invitations/${token}`)).json().displayName, 'Hanna Host');
      const accepted = await inject('POST', `/api/invitations/${token}/accept`, { body: { password: 'a long host password' } });
      assert.equal(accepted.statusCode, 204);
      const host = sessionCookieOf(accepted);
      assert.equal((await inject('GET', '/api/auth/session', { cookie: host })).json().role, 'host');
      assert.equal((await inject('GET', '/api/staff', { cookie: host })).statusCode, 403);
      assert.equal(
        (await inject('POST', `/api/invitations/${token}/accept`, { body: { password: 'a long host password' } })).statusCode,
        404,
        'single use',
      );
    });

    it('disables an account, ending its sessions, but never the last admin', async () => {
      const staff = (await inject('GET', '/api/staff', { cookie: admin })).json().staff as { id: string; email: string; role: string }[];
      const host = staff.find((s) => s.role === 'host')!;
      const adminAccount = staff.find((s) => s.role === 'admin')!;
      const hostLogin = await inject('POST', '/api/auth/login', { body: { email: host.email, password: 'a long host password' } });
      const hostCookie = sessionCookieOf(hostLogin);

      assert.equal((await inject('POST', `/api/staff/${host.id}/disable`, { cookie: admin })).statusCode, 204);
      assert.equal((await inject('GET', '/api/auth/session', { cookie: hostCookie })).statusCode, 401);
      assert.equal(
        (await inject('POST', '/api/auth/login', { body: { email: host.email, password: 'a long host password' } })).json().error.code,
        'ERR_LOGIN_FAILED',
      );
      assert.equal((await inject('POST', `/api/staff/${host.id}/enable`, { cookie: admin })).statusCode, 204);
      assert.equal(
        (await inject('POST', '/api/auth/login', { body: { email: host.email, password: 'a long host password' } })).statusCode,
        204,
      );

      assert.equal(
        (await inject('POST', `/api/staff/${adminAccount.id}/disable`, { cookie: admin })).json().error.code,
        'ERR_SELF_DISABLE',
      );
    });

    it('authenticates integrations by API token until the token is revoked', async () => {
      const created = await inject('POST', '/api/api-tokens', { cookie: admin, body: { name: 'CRM sync', role: 'admin' } });
      assert.equal(created.statusCode, 201);
      const { id, token } = created.json();
      assert.match(token, /^plm_/);
      const bearer = { authorization: `Bearer ${token}` };
      assert.equal((await inject('GET', '/api/staff', { headers: bearer })).statusCode, 200);
      const listed = (await inject('GET', '/api/api-tokens', { cookie: admin })).json().tokens;
      assert.equal(JSON.stringify(listed).includes(token), false, 'the secret is shown once only');
      assert.equal((await inject('DELETE', `/api/api-tokens/${id}`, { cookie: admin })).statusCode, 204);
      assert.equal((await inject('GET', '/api/staff', { headers: bearer })).statusCode, 401);
    });

    it('records an audit entry with each change, naming no personal data', async () => {
      const entries = await plenum.store.db.selectFrom('audit_entries').selectAll().execute();
      const actions = entries.map((e) => e.action);
      for (const action of ['setup.completed', 'staff.invited', 'staff.invitation_accepted', 'staff.disabled', 'api_token.revoked']) {
        assert.ok(actions.includes(action), action);
      }
      assert.equal(JSON.stringify(entries).includes('@'), false, 'no email address in the audit trail');
    });

    it('ends every session when the password changes', async () => {
      const other = sessionCookieOf(
        await inject('POST', '/api/auth/login', { body: { email: adminCredentials.email, password: adminCredentials.password } }),
      );
      const wrong = await inject('POST', '/api/account/password', {
        cookie: admin,
        body: { currentPassword: 'nope', newPassword: 'another long password' },
      });
      assert.equal(wrong.json().error.code, 'ERR_PASSWORD_WRONG');
      const changed = await inject('POST', '/api/account/password', {
        cookie: admin,
        body: { currentPassword: adminCredentials.password, newPassword: 'another long password' },
      });
      assert.equal(changed.statusCode, 204);
      assert.equal((await inject('GET', '/api/auth/session', { cookie: other })).statusCode, 401);
      admin = sessionCookieOf(
        await inject('POST', '/api/auth/login', { body: { email: adminCredentials.email, password: 'another long password' } }),
      );
    });

    it('asks for a captcha after failed logins to an account, from any address, and still lets the right password in with it', async () => {
      const login = (email: string, password: string, remoteAddress: string, captcha?: string) =>
        plenum.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password, ...(captcha ? { captcha } : {}) },
          remoteAddress,
          headers: { 'accept-language': 'de' },
        });
      for (const email of ['mallory-target@example.org', adminCredentials.email]) {
        const statuses: number[] = [];
        // Different client addresses: the per-account count holds where the per-IP limit would not.
        for (let i = 0; i < 5; i++) statuses.push((await login(email, 'wrong password', `10.0.0.${i}`)).statusCode);
        // The admin failed twice in the tests above (wrong password, wrong code): their fifth failure comes sooner.
        assert.deepEqual(statuses, email === adminCredentials.email ? [401, 401, 401, 403, 403] : Array(5).fill(401));
        const asked = await login(email, 'another long password', '10.0.1.1');
        assert.equal(asked.statusCode, 403, 'known and unknown accounts answer alike');
        assert.equal(asked.json().error.code, 'ERR_CAPTCHA_REQUIRED');
        assert.match(asked.json().error.message, /Anti-Spam-Prüfung/);
      }
      assert.equal((await login(adminCredentials.email, 'wrong password', '10.0.1.1', await solvedCaptcha(plenum))).statusCode, 401);
      const right = await login(adminCredentials.email, 'another long password', '10.0.1.1', await solvedCaptcha(plenum));
      assert.equal(right.statusCode, 204, `the right password with a solved captcha is never refused: ${right.body}`);
      admin = sessionCookieOf(right);
    });
  });
}

describe('sessions', () => {
  it('expire after the idle timeout', async () => {
    const plenum = await startTestPlenum('sqlite', { SESSION_IDLE_MINUTES: '1' });
    try {
      const cookie = await setUpAdmin(plenum);
      await plenum.store.db
        .updateTable('staff_sessions')
        .set({ last_seen_at: new Date(Date.now() - 61_000).toISOString() })
        .execute();
      assert.equal((await plenum.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).statusCode, 401);
      assert.equal(await plenum.store.db.selectFrom('staff_sessions').select('token_hash').executeTakeFirst(), undefined);
    } finally {
      await plenum.dispose();
    }
  });
});
