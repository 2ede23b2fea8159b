// test tier: heavy (embedded Janus, sipp); not in npm run test:unit
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient } from '../testing/room-socket.js';
import { phoneNotice } from './recording-consent.js';
import { freeSipPort, runSipp } from './testing/sipp.js';
import { until } from '../testing/until.js';

interface Detail {
  consents: {
    participantId: string;
    displayName: string;
    decision: string;
    decidedAt: string;
    noticeVersion: string;
    noticeHash: string;
    noticeLanguage: string;
    scope: string[];
  }[];
  tracks: { participantId: string; kind: string; fileBase: string; stoppedAt: string | null }[];
}

/**
 * Callers of a locked meeting, and of a meeting that is being recorded, through a real embedded Janus and real sipp: the
 * spoken notice asks them, 1 consents (their own AudioBridge track is written), silence declines.
 */
describe('phone callers of a locked and of a recorded meeting', () => {
  let plenum: TestPlenum;
  let dataDir: string;
  let sipPort: number;
  let cookie: string;
  let origin: string;

  before(async () => {
    sipPort = await freeSipPort();
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-phone-recording-'));
    plenum = await startTestPlenum('sqlite', {
      PORT: '0',
      DATA_DIR: dataDir,
      JANUS_MODE: 'embedded',
      JANUS_RTP_PORT_RANGE: '45000-45999',
      SIP_PORT: String(sipPort),
    });
    origin = await plenum.listen();
    cookie = await setUpAdmin(plenum);
    const mediaUp = async () => (await plenum.app.inject({ url: '/healthz' })).json<{ media: { status: string } }>().media.status === 'ok';
    await until(mediaUp, { timeoutMs: 30_000, intervalMs: 200, what: 'Janus up' });
  });
  after(async () => {
    await plenum?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T>(method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await plenum.app.inject({ method, url, payload, headers: { cookie } });
    assert.ok(response.statusCode < 300, `${url}: ${response.statusCode} ${response.body}`);
    return (response.body ? response.json() : undefined) as T;
  };

  async function hostOf(meetingId: string): Promise<RoomSocketClient> {
    const { joinToken } = await api<{ joinToken: string }>('POST', `/api/meetings/${meetingId}/host-join`);
    const host = await RoomSocketClient.open(`${origin.replace('http', 'ws')}/api/rooms/socket`, { origin });
    host.send({ type: 'hello', id: 1, token: joinToken });
    await host.reply(1);
    return host;
  }

  it('tells a caller with the right PIN that the meeting is locked and hangs up at once, not as a wrong attempt', async () => {
    const meeting = await api<{ id: string }>('POST', '/api/meetings', { title: 'Locked call', lobby: 'off' });
    const dialIn = await api<{ meetingNumber: string; pin: string }>('GET', `/api/meetings/${meeting.id}/dial-in`);
    const host = await hostOf(meeting.id);
    host.send({ type: 'moderation.settings', id: 2, locked: true });
    assert.equal((await host.reply(2)).type, 'result');
    const started = Date.now();
    const run = await runSipp('wrong-pin', { sipPort, keys: [`${dialIn.meetingNumber.replace(/\s/g, '')}#${dialIn.pin}#`] });
    assert.equal(run.code, 0, `Plenum hung up: ${run.output}`);
    // One entry and the 6 s announcement; a wrong attempt would wait 30 s for the next entry.
    assert.ok(Date.now() - started < 20_000, `hung up after ${Date.now() - started} ms`);
    const { calls } = await api<{ calls: { outcome: string; meeting: unknown }[] }>('GET', '/api/calls');
    assert.equal(calls[0]?.outcome, 'refused');
    assert.equal(calls[0]?.meeting, null);
    host.socket.close();
  });

  it('records the caller who pressed 1 (consent proof, own .mjr), nothing of the caller who pressed nothing (decline proof), and stops at 0 (withdrawal)', async () => {
    const meeting = await api<{ id: string }>('POST', '/api/meetings', { title: 'Recorded call', lobby: 'off' });
    await api('POST', `/api/meetings/${meeting.id}/recording-permission`, { allowed: true });
    const dialIn = await api<{ meetingNumber: string; pin: string }>('GET', `/api/meetings/${meeting.id}/dial-in`);
    const host = await hostOf(meeting.id);
    host.send({ type: 'recording.start', id: 2 });
    assert.equal((await host.reply(2)).type, 'result');

    const keys = [`${dialIn.meetingNumber.replace(/\s/g, '')}#`, `${dialIn.pin}#`];
    const [agreeing, silent, withdrawing] = await Promise.all([
      runSipp('recording-consent', { sipPort, keys, consent: { caller: '+4955111111101', answer: '1', waitMs: 3000 } }),
      // The announcement (about 35 s) and 15 s of silence: declined before this caller hangs up.
      runSipp('recording-consent', { sipPort, keys, consent: { caller: '+4955122222202', answer: '', waitMs: 50_000 } }),
      // Consents, talks, withdraws with 0 and stays on the line 4 s longer.
      runSipp('recording-consent', { sipPort, keys, consent: { caller: '+4955133333303', answer: '1', later: '0', waitMs: 4000 } }),
    ]);
    assert.equal(agreeing.code, 0, agreeing.output);
    assert.equal(silent.code, 0, silent.output);
    assert.equal(withdrawing.code, 0, withdrawing.output);
    // The host's indicator named the consenting caller by their masked number, never the silent one.
    const named = host.messages
      .filter((m) => m.type === 'recording.state')
      .flatMap((m) => m.recorded as { displayName: string; phone?: true }[]);
    assert.ok(
      named.some((p) => p.displayName === '+49 551 ••• 01' && p.phone === true),
      JSON.stringify(named),
    );
    assert.ok(!named.some((p) => p.displayName === '+49 551 ••• 02'));

    const { recordings } = await api<{ recordings: { id: string }[] }>('GET', `/api/meetings/${meeting.id}/recordings`);
    const detail = await api<Detail>('GET', `/api/recordings/${recordings[0]!.id}`);
    const byName = (name: string) => detail.consents.filter((c) => c.displayName === name);
    const [consent] = byName('+49 551 ••• 01');
    const [decline] = byName('+49 551 ••• 02');
    const withdrawal = byName('+49 551 ••• 03');
    assert.deepEqual(
      withdrawal.map((c) => c.decision),
      ['consent', 'withdraw'],
    );
    assert.equal(withdrawal[1]?.noticeHash, phoneNotice.hash);
    assert.equal(detail.consents.length, 4, JSON.stringify(detail.consents));
    for (const [row, decision] of [
      [consent, 'consent'],
      [decline, 'decline'],
    ] as const) {
      assert.equal(row?.decision, decision);
      assert.equal(row.noticeVersion, phoneNotice.version);
      assert.equal(row.noticeHash, phoneNotice.hash);
      assert.equal(row.noticeLanguage, 'de+en');
      assert.deepEqual(row.scope, ['audio']);
    }

    assert.deepEqual(
      detail.tracks.map((t) => [t.participantId, t.kind]).sort(),
      [
        [consent!.participantId, 'audio'],
        [withdrawal[0]!.participantId, 'audio'],
      ].sort(),
    );
    // Their track stopped with the 0, not 4 s later when they hung up.
    const withdrawnTrack = detail.tracks.find((t) => t.participantId === withdrawal[0]!.participantId)!;
    assert.ok(
      Date.parse(withdrawnTrack.stoppedAt!) <= Date.parse(withdrawal[1]!.decidedAt),
      `stopped ${withdrawnTrack.stoppedAt}, withdrawn ${withdrawal[1]!.decidedAt}`,
    );
    const dir = path.join(dataDir, 'recordings', recordings[0]!.id);
    const files = existsSync(dir) ? readdirSync(dir) : [];
    const own = files.filter((name) => name.includes(consent!.participantId) && name.endsWith('.mjr'));
    assert.equal(own.length, 1, `the consenting caller's raw audio (${files.join(', ')})`);
    assert.ok(statSync(path.join(dir, own[0]!)).size > 10_000, 'their speech was written');
    assert.ok(!files.some((name) => name.includes(decline!.participantId)), 'nothing of the declining caller');
    host.socket.close();
  });
});
