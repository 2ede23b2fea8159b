// test tier: heavy (four Janus processes and a Redis of its own); not in npm run test:unit
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFailoverBed,
  audioSince,
  forwardedTo,
  gapAround,
  killEdge,
  killOrigin,
  portsOf,
  type FailoverBed,
} from '../testing/media-failover.js';
import { until } from '../testing/until.js';

const budgetMs = 5_000;

/**
 * Failures of the media tier (registry mode), with real Janus processes killed with SIGKILL:
 * an edge, the webinar's origin, Redis; and owners changing (another app instance, a draining
 * node). Attendees are werift peers; what they receive is counted packet by packet.
 */
describe('media failures: edges, origin, owner instances, Redis (JANUS_MODE=registry)', () => {
  let bed: FailoverBed;

  before(async () => {
    bed = await startFailoverBed();
    await bed.present(bed.room);
    // Two attendees on edge-a, one on edge-b (edge-a drains while the second one is placed).
    bed.viewers.push(await bed.watch());
    await bed.setState('edge-a', 'draining');
    bed.viewers.push(await bed.watch());
    await bed.setState('edge-a', 'active');
    bed.viewers.push(await bed.watch());
  });
  after(async () => bed?.close());

  const hearing = (since: number, packets = 25) =>
    until(() => bed.viewers.every((w) => audioSince(w.peer, since) >= packets), {
      timeoutMs: budgetMs,
      intervalMs: 20,
      what: () => `sound at every attendee (${bed.viewers.map((w) => audioSince(w.peer, since)).join(', ')} packets)`,
    });

  it('forwards over SRTP to the ports of each edge’s mountpoint, as Janus lists them back', async () => {
    assert.equal(bed.room.node, 'meeting-1');
    assert.deepEqual(
      bed.viewers.map((w) => w.viewer.node),
      ['edge-a', 'edge-b', 'edge-a'],
    );
    const snapshot = bed.room.snapshot();
    assert.deepEqual(snapshot.mountpoints.map((m) => m.node).sort(), ['edge-a', 'edge-b']);
    assert.deepEqual(await forwardedTo(await bed.inspect('meeting-1'), snapshot.rooms), portsOf(snapshot));
    await hearing(performance.now());
  });

  it('moves the attendee of an edge that died to the edge left, within 5 s, by themselves; the others hear on', async (t) => {
    const moved = await killEdge(bed, 'edge-b');
    t.diagnostic(`edge failover: ${moved.map((m) => `${m.ms} ms`).join(', ')} from the kill to sound on the new edge`);
    assert.deepEqual(
      moved.map((m) => m.node),
      ['edge-a'],
    );
    for (const { ms } of moved) assert.ok(ms < budgetMs, `sound back after ${ms} ms`);
    await hearing(performance.now());
    // The origin stopped forwarding to the dead edge when the attendee was placed again.
    const snapshot = bed.room.snapshot();
    assert.deepEqual(
      snapshot.mountpoints.map((m) => m.node),
      ['edge-a'],
    );
    assert.deepEqual(await forwardedTo(await bed.inspect('meeting-1'), snapshot.rooms), portsOf(snapshot));
  });

  it('lets another app instance take the room over from the snapshot: same rooms, same mountpoint, the old forwarders replaced', async () => {
    const kept = bed.room.snapshot();
    const other = await bed.anotherInstance();
    const taken = await other.openRoom('failover bed', { broadcast: true, resume: kept });
    bed.room.abandon();
    bed.room = taken;
    bed.plane = other;
    assert.deepEqual(taken.snapshot(), kept, 'the same Janus rooms, secret and mountpoint');
    // Only the new owner's forwarders are left: one per medium, to the mountpoint's ports.
    await bed.present(taken);
    const since = performance.now();
    assert.deepEqual(await forwardedTo(await bed.inspect('meeting-1'), kept.rooms), portsOf(kept));
    await hearing(since);
  });

  it('takes no new room on a draining node; a room whose owner changes moves off it, its old rooms destroyed', async () => {
    await bed.setState('meeting-1', 'draining');
    const fresh = await bed.plane.openRoom('another room');
    assert.equal(fresh.node, 'meeting-2');
    await fresh.close();

    const kept = bed.room.snapshot();
    const moved = await bed.plane.openRoom('failover bed', { broadcast: true, resume: kept });
    bed.room.abandon();
    bed.room = moved;
    assert.equal(moved.node, 'meeting-2');
    assert.deepEqual(moved.snapshot().mountpoints, kept.mountpoints, 'edge-a’s mountpoint taken over, ports and key kept');
    assert.equal(await (await bed.inspect('meeting-1')).holdsRooms(kept.rooms), false, 'the old rooms are gone from meeting-1');
    await bed.present(moved);
    assert.deepEqual(await forwardedTo(await bed.inspect('meeting-2'), moved.snapshot().rooms), portsOf(kept));
    await hearing(performance.now());

    await bed.setState('meeting-2', 'draining');
    await assert.rejects(bed.plane.openRoom('a third room'), /ERR_MEDIA_UNAVAILABLE/);
    await bed.setState('meeting-1', 'active');
    await bed.setState('meeting-2', 'active');
  });

  it('reopens the room on the other meeting node when the origin dies, feeding the same edge ports: attendees stay connected', async (t) => {
    const connections = bed.viewers.map((w) => w.peer.pc);
    const kept = bed.room.snapshot();
    const videoBefore = bed.viewers.map((w) => w.peer.video.received);
    const { killedAt, reopenedAt, movedTo } = await killOrigin(bed);
    const near = bed.viewers[0]!.peer.audioArrivals.filter((a) => Math.abs(a - killedAt) < 400).map((a) => Math.round(a - killedAt));
    t.diagnostic(`reopened ${Math.round(reopenedAt - killedAt)} ms after the kill; arrivals ${near.join(' ')}`);
    assert.equal(movedTo, 'meeting-1');
    await hearing(killedAt);
    const gaps = bed.viewers.map((w) => Math.round(gapAround(w.peer, killedAt)));
    t.diagnostic(`origin failover: longest silence at the attendees ${gaps.join(', ')} ms`);
    for (const gap of gaps) assert.ok(gap < budgetMs, `sound back after a gap of ${gap} ms`);
    assert.deepEqual(
      bed.viewers.map((w) => w.peer.pc),
      connections,
      'nobody watched again',
    );
    assert.ok(bed.viewers.every((w) => w.peer.pc.connectionState === 'connected' && w.viewer.node === 'edge-a'));
    await until(() => bed.viewers.every((w, i) => w.peer.video.received > videoBefore[i]! + 50), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'pictures again at every attendee',
    });
    const now = bed.room.snapshot();
    assert.deepEqual(now.mountpoints, kept.mountpoints);
    assert.deepEqual(await forwardedTo(await bed.inspect('meeting-1'), now.rooms), portsOf(kept));
    // The edge's mountpoint itself says it receives: Janus' age of its last packet, per medium.
    const [mountpoint] = now.mountpoints;
    const { info } = (await (
      await bed.inspect('edge-a')
    ).request('streaming', {
      request: 'info',
      id: mountpoint!.id,
      secret: mountpoint!.secret,
    })) as { info: { media: { age_ms?: number }[] } };
    assert.ok(
      info.media.every((m) => (m.age_ms ?? Infinity) < 1_000),
      JSON.stringify(info.media),
    );
  });

  it('places the attendees on the origin itself once every edge is gone', async () => {
    const moved = await killEdge(bed, 'edge-a');
    assert.deepEqual(new Set(moved.map((m) => m.node)), new Set(['meeting-1']));
    await hearing(performance.now());
  });

  it('goes on when Redis is lost: running media flows, new viewers are placed on local counts, the cluster says down', async () => {
    bed.redis.kill('SIGKILL');
    await until(() => bed.cluster.status().status === 'down', { timeoutMs: 10_000, what: 'the cluster reports Redis down' });
    await hearing(performance.now(), 50);
    assert.equal(bed.plane.status().status, 'ok');
    bed.viewers.push(await bed.watch());
    await hearing(performance.now());
  });
});
