// test tier: heavy (embedded Janus); not in npm run test:unit
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Janode from 'janode';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createMediaPlane } from './media-plane.js';
import { createJanusSupervisor, type JanusSupervisor } from './supervisor.js';
import { until } from '../testing/until.js';

describe('embedded Janus', () => {
  let dataDir: string;
  let supervisor: JanusSupervisor;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-janus-'));
    const config = loadConfig({ DATA_DIR: dataDir, JANUS_RTP_PORT_RANGE: '41000-41999' });
    supervisor = createJanusSupervisor(config.janus, config.dataDir, pino({ level: 'silent' }));
    await supervisor.start();
  });
  after(async () => {
    await supervisor.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts as a child process bound to loopback and reports ok', () => {
    assert.deepEqual(supervisor.status(), { status: 'ok' });
    const endpoint = supervisor.endpoint()!;
    assert.match(endpoint.url, /^ws:\/\/127\.0\.0\.1:\d+$/);
    const config = readFileSync(path.join(dataDir, 'janus', 'janus.jcfg'), 'utf8');
    assert.match(config, /token_auth = true/);
    // By default this machine's primary address; never loopback, where Janus gathers nothing and would fall back to every address.
    const primary = loadConfig({}).janus.ice.interfaces;
    assert.doesNotMatch(primary, /^127\./);
    assert.ok(config.includes(`ice_enforce_list = "${primary}"`));
    assert.match(config, /rtp_port_range = "41000-41999"/);
  });

  it('holds the configured shared event loops, as its admin info reports them', async () => {
    const { adminUrl, adminSecret } = supervisor.endpoint()!;
    const admin = await Janode.connect({ is_admin: true, address: { url: adminUrl, apisecret: adminSecret }, max_retries: 1 });
    try {
      const info = await admin.getInfo();
      assert.equal(info['static-event-loops'], loadConfig({}).janus.eventLoops);
      assert.ok(loadConfig({}).janus.eventLoops > 0, 'webinar viewers share event loops by default');
    } finally {
      await admin.close();
    }
  });

  it('admits no client without a token issued by the app', async () => {
    const connection = await Janode.connect({ address: { url: supervisor.endpoint()!.url }, max_retries: 1 });
    try {
      await assert.rejects(connection.create(), /Unauthorized/);
    } finally {
      await connection.close();
    }
  });

  it('restarts Janus when it dies', async () => {
    const firstPid = supervisor.pid();
    process.kill(firstPid!, 'SIGKILL');
    await until(() => supervisor.status().status === 'down', { timeoutMs: 5_000, intervalMs: 100 });
    await until(() => supervisor.status().status === 'ok', { timeoutMs: 15_000, intervalMs: 100 });
    assert.notEqual(supervisor.pid(), firstPid);
  });
});

describe('embedded Janus that cannot run', () => {
  it('reports the media plane down, naming the missing program', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-janus-'));
    const config = loadConfig({ DATA_DIR: dataDir, JANUS_BINARY: '/nonexistent/janus' });
    const supervisor = createJanusSupervisor(config.janus, config.dataDir, pino({ level: 'silent' }));
    await assert.rejects(supervisor.start(), /cannot run/);
    assert.equal(supervisor.status().status, 'down');
    assert.match((supervisor.status() as { detail: string }).detail, /nonexistent\/janus/);
    await supervisor.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('Janus configuration for production', () => {
  it('names the media interfaces, the public address and STUN/TURN when configured', async () => {
    const { renderJanusConfig } = await import('./janus-config.js');
    const config = loadConfig({
      JANUS_ICE_INTERFACES: 'eth0',
      JANUS_NAT_1_1_MAPPING: '203.0.113.10',
      JANUS_STUN_SERVER: 'stun.example.org:3478',
      JANUS_TURN_SERVER: 'turn.example.org:3478',
      JANUS_TURN_USER: 'plenum',
      JANUS_TURN_PASSWORD: 'secret',
    });
    const files = renderJanusConfig('/tmp/j', {
      wsPort: 1,
      adminWsPort: 2,
      adminSecret: 's',
      rtpPorts: config.janus.rtpPorts,
      eventLoops: 0,
      host: '127.0.0.1',
      ice: config.janus.ice,
      recordingsDir: '/tmp/r',
    });
    const main = files['janus.jcfg']!;
    assert.match(main, /ice_enforce_list = "eth0"/);
    assert.match(main, /nat_1_1_mapping = "203\.0\.113\.10"/);
    assert.match(main, /stun_server = "stun\.example\.org"\n\s+stun_port = 3478/);
    assert.match(main, /turn_user = "plenum"/);
    assert.doesNotMatch(main, /interface = "eth0"/, 'an interface name is not an address for the SDP');
    assert.match(files['janus.transport.websockets.jcfg']!, /ws_ip = "127\.0\.0\.1"/, 'the API stays on loopback');
    assert.doesNotMatch(main, /event_loops/, 'a thread per handle unless JANUS_EVENT_LOOPS says otherwise');
    const shared = renderJanusConfig('/tmp/j', {
      wsPort: 1,
      adminWsPort: 2,
      adminSecret: 's',
      rtpPorts: config.janus.rtpPorts,
      eventLoops: 2,
      host: '127.0.0.1',
      ice: config.janus.ice,
      recordingsDir: '/tmp/r',
    });
    assert.match(shared['janus.jcfg']!, /\n\s+event_loops = 2\n/);
    assert.throws(() => loadConfig({ JANUS_NAT_1_1_MAPPING: 'meet.example.org' }), {
      message: /^JANUS_NAT_1_1_MAPPING: must be an IPv4 address/,
    });
    assert.throws(() => loadConfig({ JANUS_ICE_INTERFACES: '127.0.0.1' }), {
      message: /^JANUS_ICE_INTERFACES: Janus never carries media over loopback/,
    });
    assert.throws(() => loadConfig({ JANUS_ICE_INTERFACES: 'lo, ::1' }), {
      message: /^JANUS_ICE_INTERFACES: Janus never carries media over loopback/,
    });
  });
});

describe('external Janus nodes', () => {
  it('connect to the first node that answers, open rooms there, and report a lost node', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-janus-'));
    const log = pino({ level: 'silent' });
    const janus = createJanusSupervisor(loadConfig({ DATA_DIR: dataDir, JANUS_RTP_PORT_RANGE: '43000-43999' }).janus, dataDir, log);
    await janus.start();
    const endpoint = janus.endpoint()!;
    const config = loadConfig({
      JANUS_MODE: 'external',
      // The first node does not exist: the plane goes on to the next.
      JANUS_URLS: `ws://127.0.0.1:9,${endpoint.url}`,
      JANUS_ADMIN_URLS: `ws://127.0.0.1:9,${endpoint.adminUrl}`,
      JANUS_ADMIN_SECRET: endpoint.adminSecret,
    });
    const plane = createMediaPlane(config, log);
    try {
      plane.start();
      await until(() => plane.status().status === 'ok', { timeoutMs: 10_000, intervalMs: 100 });
      const room = await plane.openRoom('external test');
      const participant = await room.join('Anna');
      await participant.close();
      await room.close();

      await janus.stop();
      await until(() => plane.status().status === 'down', { timeoutMs: 10_000, intervalMs: 100 });
      await assert.rejects(plane.openRoom('no node'), /ERR_MEDIA_UNAVAILABLE/);
    } finally {
      await plane.stop();
      await janus.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('need an admin URL per node and the admin secret', () => {
    assert.throws(() => loadConfig({ JANUS_MODE: 'external', JANUS_URLS: 'ws://a:8188' }), { message: /^JANUS_ADMIN_URLS: one admin URL/ });
    assert.throws(() => loadConfig({ JANUS_MODE: 'external', JANUS_URLS: 'ws://a:8188', JANUS_ADMIN_URLS: 'ws://a:7188' }), {
      message: /^JANUS_ADMIN_SECRET: required/,
    });
  });
});

describe('the app and its embedded Janus', () => {
  it('take Janus with them when the app is killed with SIGKILL', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-orphan-'));
    const app = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', JANUS_RTP_PORT_RANGE: '44000-44999', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let printed = '';
      app.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      await until(() => printed.includes('Plenum is running'), { timeoutMs: 30_000, intervalMs: 100 });
      const janusPid = Number(execFileSync('pgrep', ['-P', String(app.pid), '-x', 'janus'], { encoding: 'utf8' }).trim());
      assert.ok(janusPid > 0);
      app.kill('SIGKILL');
      await until(() => !isRunning(janusPid), { timeoutMs: 5_000, intervalMs: 100 });
    } finally {
      app.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A pid that is gone or a zombie no longer runs. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
