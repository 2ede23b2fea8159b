import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { createHttpServer } from './app.js';

test('client-side routes get the web client’s index.html from memory, the API a JSON 404', async (t) => {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'plenum-web-'));
  t.after(() => rmSync(webRoot, { recursive: true, force: true }));
  const index = '<!doctype html><html><head><title>Plenum</title></head><body><div id="root"></div></body></html>';
  writeFileSync(path.join(webRoot, 'index.html'), index);
  const app = await createHttpServer({
    logger: pino({ level: 'silent' }),
    trustProxy: false,
    defaultLanguage: 'en',
    publicUrl: new URL('http://127.0.0.1:3000'),
    requestsPerMinute: 100,
    webRoot,
  });
  t.after(() => app.close());
  // Changed on disk after the start: a page still answers with what was read then (no file access per request).
  writeFileSync(path.join(webRoot, 'index.html'), 'changed on disk');

  const page = await app.inject({ url: '/j/some-personal-link', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.equal(page.body, index);

  const api = await app.inject({ url: '/api/nothing-here', headers: { accept: 'text/html' } });
  assert.equal(api.statusCode, 404);
  assert.match(String(api.headers['content-type']), /^application\/json/);
  assert.notEqual(api.body, index);
});
