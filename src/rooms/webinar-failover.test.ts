// test tier: heavy (three Janus processes); not in npm run test:unit
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { nodeRegistry } from '../media/nodes/registry.js';
import { recordAudit } from '../privacy/audit.js';
import { sessionsOn, startJanusNodes } from '../testing/janus-nodes.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient as Client, type RoomSocketMessage } from '../testing/room-socket.js';
import { until } from '../testing/until.js';
import { CountingViewer, type SessionDescription } from '../testing/werift-peers.js';

/**
 * The whole app in registry mode (one meeting node, two edges): an attendee watching over the
 * room's WebSocket is told to watch again when the edge they watch on dies (SIGKILL), and their
 * next watch is placed on the edge left.
 */
describe('a webinar attendee whose edge dies (JANUS_MODE=registry, whole app)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-webinar-failover-'));
  let janus: Awaited<ReturnType<typeof startJanusNodes>>;
  let plenum: TestPlenum;
  let origin: string;
  let nextId = 10;
  const peers: CountingViewer[] = [];
  const clients: Client[] = [];

  before(async () => {
    janus = await startJanusNodes(['meeting-1', 'edge-a', 'edge-b'], dataDir, loadConfig({ DATA_DIR: dataDir }).janus);
    plenum = await startTestPlenum('sqlite', { PORT: '0', JANUS_MODE: 'registry', JANUS_ADMIN_SECRET: janus.adminSecret });
    for (const node of janus.nodes) {
      await nodeRegistry.register(
        plenum.store.db,
        {
          id: node.name,
          apiUrl: node.apiUrl,
          adminUrl: node.adminUrl,
          mediaAddress: '127.0.0.1',
          role: node.name.startsWith('edge') ? 'edge' : 'meeting',
        },
        (db, action, id, detail) => recordAudit(db, { kind: 'system' }, { action, subject: { type: 'media_node', id }, detail }),
      );
    }
    // The registry is read every 5 s: the app is connected once every node holds its control session.
    await until(
      async () => {
        const health = (await plenum.app.inject({ url: '/healthz' })).json<{ media: { status: string } }>();
        if (health.media.status !== 'ok') return false;
        const sessions = await Promise.all(janus.nodes.map((node) => sessionsOn(node.adminUrl, janus.adminSecret)));
        return sessions.every((n) => n > 0);
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'the app connected to the three nodes' },
    );
    origin = await plenum.listen();
  });
  after(async () => {
    for (const client of clients) client.socket.close();
    for (const peer of peers) await peer.close();
    await plenum?.dispose();
    await janus?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function enter(token: string): Promise<Client> {
    const client = await Client.open(`${origin.replace('http', 'ws')}/api/rooms/socket`, { origin });
    clients.push(client);
    client.send({ type: 'hello', id: 1, token });
    assert.equal((await client.reply(1)).type, 'result');
    await client.next((m) => m.type === 'welcome');
    return client;
  }

  async function ask(client: Client, message: Record<string, unknown>): Promise<RoomSocketMessage> {
    const id = nextId++;
    client.send({ ...message, id });
    const reply = await client.next((m) => m.id === id, 15_000);
    assert.equal(reply.type, 'result', JSON.stringify(reply));
    return reply;
  }

  /** Watches as the browser does: webinar.watch, answer Janus' offer, webinar.start. */
  async function watch(client: Client): Promise<CountingViewer> {
    const { offer } = (await ask(client, { type: 'webinar.watch' })).data as { offer: SessionDescription };
    const peer = new CountingViewer();
    peers.push(peer);
    await ask(client, { type: 'webinar.start', answer: await peer.answer(offer) });
    return peer;
  }

  it('tells the attendee to watch again, and their next watch brings sound from the edge left', async () => {
    const admin = await setUpAdmin(plenum);
    const webinar = (
      await plenum.app.inject({
        method: 'POST',
        url: '/api/meetings',
        payload: { title: 'Failover webinar', lobby: 'off', kind: 'webinar' },
        headers: { cookie: admin },
      })
    ).json<{ id: string; meetingNumber: string; passcode: string }>();
    const hostToken = (
      await plenum.app.inject({ method: 'POST', url: `/api/meetings/${webinar.id}/host-join`, headers: { cookie: admin } })
    ).json<{ joinToken: string }>().joinToken;
    const host = await enter(hostToken);
    await ask(host, { type: 'webinar.goLive' });
    const joined = await plenum.app.inject({
      method: 'POST',
      url: '/api/join',
      payload: { meetingNumber: webinar.meetingNumber, passcode: webinar.passcode, displayName: 'Anna Attendee' },
    });
    const anna = await enter(joined.json<{ joinToken: string }>().joinToken);

    const first = await watch(anna);
    // The mix is forwarded always on: silence frames flow with nobody speaking.
    await until(() => first.audio.received > 20, { timeoutMs: 10_000, intervalMs: 50, what: 'sound at the attendee' });

    // Both edges are empty: the first viewer went to edge-a (ties go by name).
    const reset = anna.next((m) => m.type === 'media.reset', 10_000);
    janus.nodes.find((n) => n.name === 'edge-a')!.process.kill('SIGKILL');
    await reset;
    const again = await watch(anna);
    await until(() => again.audio.received > 20, { timeoutMs: 5_000, intervalMs: 50, what: 'sound after watching again' });
    // The host, who presents, was not asked to set anything up again.
    assert.equal(
      host.messages.some((m) => m.type === 'media.reset'),
      false,
    );
  });
});
