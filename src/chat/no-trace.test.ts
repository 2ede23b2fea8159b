import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { createLogger } from '../http/logging.js';
import { createPlenum } from '../plenum.js';
import { setUpAdmin, type TestPlenum } from '../testing/plenum.js';
import { createMeeting, joinAsGuest, joinAsHost, settle, type Person, type RoomKit } from './testing.js';

/** Every file under `dir` (the SQLite database, its WAL and shared memory, Janus config, recordings…). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

const unique = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

async function end(host: Person): Promise<void> {
  host.socket.send({ type: 'end', id: 1 });
  await host.socket.next((m) => m.type === 'ended');
  await settle(300);
}

describe('chat leaves no trace unless the minutes are on (SQLite files, data dir, logs)', () => {
  let kit: RoomKit;
  let dataDir: string;
  const logLines: string[] = [];

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-no-trace-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'plenum.sqlite')}`,
      JANUS_MODE: 'off',
      DEFAULT_LANGUAGE: 'en',
      PORT: '0',
    });
    // The production logger, at its most talkative level, into memory.
    const plenum = await createPlenum(config, { logger: createLogger('trace', { write: (line: string) => logLines.push(line) }) });
    const testPlenum: TestPlenum = Object.assign(plenum, { dispose: () => plenum.close() });
    const origin = await plenum.listen();
    kit = { plenum: testPlenum, admin: await setUpAdmin(plenum), origin, socketUrl: `${origin.replace('http', 'ws')}/api/rooms/socket` };
  });
  after(async () => {
    await kit.plenum.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Where a text was found: files under the data dir (as bytes) and the captured log lines. */
  function traces(text: string): string[] {
    const found = filesUnder(dataDir).filter((file) => readFileSync(file).includes(Buffer.from(text, 'utf8')));
    if (logLines.some((line) => line.includes(text))) found.push('(logs)');
    return found;
  }

  it('finds no message text anywhere after a meeting without minutes ended', async () => {
    const room = await createMeeting(kit);
    const host = await joinAsHost(kit, room);
    const anna = await joinAsGuest(kit, room, 'Anna');
    const publicText = unique('public');
    const privateText = unique('private');
    const replyText = unique('reply');
    await anna.request('chat.send', { text: publicText });
    await anna.request('chat.send', { text: privateText, to: 'hosts' });
    await host.request('chat.send', { text: replyText, to: anna.id });
    const refusedText = `${unique('refused')}${'x'.repeat(3000)}`;
    assert.equal((await anna.request('chat.send', { text: refusedText })).code, 'ERR_MESSAGE_TOO_LONG');
    await host.socket.next((m) => m.type === 'chat.message' && JSON.stringify(m).includes(privateText));
    await end(host);
    assert.ok(logLines.length > 10, 'the logs were captured');
    for (const text of [publicText, privateText, replyText, refusedText.slice(0, 40)])
      assert.deepEqual(traces(text), [], `${text} left no trace`);
  });

  it('stores exactly the messages written between switching the minutes on and off', async () => {
    const room = await createMeeting(kit);
    const host = await joinAsHost(kit, room);
    const anna = await joinAsGuest(kit, room, 'Anna');
    const before = unique('before');
    const during = unique('during');
    const afterwards = unique('after');
    await anna.request('chat.send', { text: before });
    await host.request('chat.minutes', { on: true });
    await anna.socket.next((m) => m.type === 'chat.minutes' && m.minutes !== null);
    await anna.request('chat.send', { text: during });
    await host.request('chat.minutes', { on: false });
    await anna.request('chat.send', { text: afterwards });
    await end(host);
    assert.deepEqual(traces(before), []);
    assert.deepEqual(traces(afterwards), []);
    // The search itself works: the logged message is in the database files, and only there.
    const found = traces(during);
    assert.ok(found.length > 0 && found.every((file) => path.basename(file).startsWith('plenum.sqlite')), `found in ${found.join(', ')}`);
  });
});
