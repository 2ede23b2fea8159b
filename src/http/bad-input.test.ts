import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';

/** Bad input gets a 4xx with a clear message in the request's language; never a 500 or a stack trace. */
describe('bad input', () => {
  let plenum: TestPlenum;
  let admin: string;
  before(async () => {
    plenum = await startTestPlenum('sqlite');
    admin = await setUpAdmin(plenum);
  });
  after(() => plenum.dispose());

  const cases: {
    name: string;
    status: number;
    code: string;
    de: RegExp;
    en: RegExp;
    request: { url: string; headers?: Record<string, string>; payload?: string };
  }[] = [
    {
      name: 'malformed JSON',
      status: 400,
      code: 'ERR_MALFORMED_JSON',
      de: /kein gültiges JSON/,
      en: /not valid JSON/,
      request: { url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": "a@example.org",' },
    },
    {
      name: 'an empty JSON body',
      status: 400,
      code: 'ERR_MALFORMED_JSON',
      de: /kein gültiges JSON/,
      en: /not valid JSON/,
      request: { url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '' },
    },
    {
      name: 'an oversized body',
      status: 413,
      code: 'ERR_BODY_TOO_LARGE',
      de: /zu groß/,
      en: /too large/,
      request: {
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(300_000) }),
      },
    },
    {
      name: 'the wrong content type',
      status: 415,
      code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
      de: /application\/json/,
      en: /application\/json/,
      request: {
        url: '/api/auth/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=a%40b.c&password=x',
      },
    },
    {
      name: 'an unknown field',
      status: 400,
      code: 'ERR_VALIDATION',
      de: /Unbekannter Schlüssel: "isAdmin"/,
      en: /Unrecognized key: "isAdmin"/,
      request: {
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@example.org', password: 'x', isAdmin: true }),
      },
    },
    {
      name: 'a wrong type',
      status: 400,
      code: 'ERR_VALIDATION',
      de: /body\.password: Ungültige Eingabe: erwartet string, erhalten Zahl/,
      en: /body\.password: Invalid input: expected string, received number/,
      request: {
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@example.org', password: 5 }),
      },
    },
    {
      name: 'a request from another site',
      status: 403,
      code: 'ERR_CROSS_ORIGIN',
      de: /Plenum-Seite/,
      en: /Plenum page/,
      request: { url: '/api/auth/login', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, payload: '{}' },
    },
    {
      name: 'an unknown route',
      status: 404,
      code: 'ERR_NOT_FOUND',
      de: /Nicht gefunden/,
      en: /Not found/,
      request: { url: '/api/nothing-here' },
    },
  ];

  for (const c of cases) {
    for (const language of ['de', 'en'] as const) {
      it(`answers ${c.name} with ${c.status} ${c.code} in ${language}`, async () => {
        const response = await plenum.app.inject({
          method: c.request.payload === undefined ? 'GET' : 'POST',
          url: c.request.url,
          headers: { ...c.request.headers, 'accept-language': language === 'de' ? 'de-DE,de;q=0.9,en;q=0.8' : 'en-GB,en;q=0.9' },
          ...(c.request.payload === undefined ? {} : { payload: c.request.payload }),
        });
        assert.equal(response.statusCode, c.status);
        const { error } = response.json();
        assert.equal(error.code, c.code);
        const text = [
          error.message,
          ...(error.details ?? []).map((d: { field: string; message: string }) => `${d.field}: ${d.message}`),
        ].join('\n');
        assert.match(text, language === 'de' ? c.de : c.en);
        assert.doesNotMatch(response.body, /at \w+ \(|node_modules|\.ts:\d+/, 'no stack trace');
      });
    }
  }

  it('rejects unknown fields and wrong types on authenticated routes too', async () => {
    const response = await plenum.app.inject({
      method: 'POST',
      url: '/api/staff/invitations',
      headers: { cookie: admin },
      payload: { email: 'x@example.org', displayName: 'X', role: 'superuser', extra: 1 },
    });
    assert.equal(response.statusCode, 400);
    const fields = response.json().error.details.map((d: { field: string }) => d.field);
    assert.deepEqual(fields.sort(), ['body', 'body.role']);
  });

  it('accepts a same-origin browser request', async () => {
    const response = await plenum.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://localhost:8080', host: 'localhost:8080' },
      payload: { email: 'a@example.org', password: 'x' },
    });
    assert.equal(response.json().error.code, 'ERR_LOGIN_FAILED');
  });

  it('sends a strict Content-Security-Policy with no third-party origin', async () => {
    const response = await plenum.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /https?:\/\//);
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
  });
});
