/**
 * How long media failures interrupt a webinar's attendees (registry mode, issue 17 item 8), on
 * four Janus processes of this box (two meeting nodes, two edges; src/testing/media-failover.ts):
 *
 * - edge_failover_ms: an edge is killed (SIGKILL); from the kill until each of its attendees hears
 *   sound again on the edge they were moved to (they learn it from their viewer, watch again and
 *   are placed anew). The largest over the attendees moved.
 * - origin_gap_ms: the room's meeting node is killed; the owner reopens the room on the other
 *   meeting node and forwards again to the same edge ports: the longest silence at the attendees,
 *   whose connections to the edges stay. origin_video_gap_ms: the same for the pictures, which
 *   come back once the presenter (a werift peer here, at once) has published again.
 *
 * Baselines of the same run: first_watch_ms (a new attendee's first sound, no failure) and
 * steady_gap_ms (the longest silence in 3 s without a failure). Packets are counted at werift
 * viewers as they arrive. A killed process closes its connections at once; a machine that
 * vanishes is noticed only by the WebSocket ping (up to 15 s more, docs/operations.md).
 *
 *   npm run bench:cluster-media      (heavy: runs under /tmp/plenum-heavy.lock)
 */
import { pathToFileURL } from 'node:url';
import { audioSince, gapAround, killEdge, killOrigin, startFailoverBed } from '../src/testing/media-failover.js';
import { until } from '../src/testing/until.js';

export interface MediaFailoverFigures {
  edgeFailoverMs: number;
  originGapMs: number;
  originVideoGapMs: number;
  firstWatchMs: number;
  steadyGapMs: number;
}

/** Runs the failures once on a bed of its own and answers the figures (for bench:cluster too). */
export async function measureMediaFailover(attendeesPerEdge = 2): Promise<MediaFailoverFigures> {
  const bed = await startFailoverBed();
  try {
    await bed.present(bed.room);
    const asked = performance.now();
    const first = await bed.watch();
    bed.viewers.push(first);
    const firstWatchMs = (await until(() => first.peer.audioArrivals[0], { timeoutMs: 10_000, what: 'first sound' })) - asked;
    // The first attendees on edge-a, the rest on edge-b (edge-a drains meanwhile).
    for (let i = 1; i < attendeesPerEdge; i++) bed.viewers.push(await bed.watch());
    await bed.setState('edge-a', 'draining');
    for (let i = 0; i < attendeesPerEdge; i++) bed.viewers.push(await bed.watch());
    await bed.setState('edge-a', 'active');
    const placed = bed.viewers.map((w) => w.viewer.node).join(',');
    if (placed !== [...Array(attendeesPerEdge).fill('edge-a'), ...Array(attendeesPerEdge).fill('edge-b')].join(','))
      throw new Error(`attendees placed on ${placed}`);

    const quietFrom = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const steadyGapMs = Math.max(...bed.viewers.map((w) => longestGapBetween(w.peer.audioArrivals, quietFrom, performance.now())));

    const moved = await killEdge(bed, 'edge-b');
    const edgeFailoverMs = Math.max(...moved.map((m) => m.ms));

    const { killedAt } = await killOrigin(bed);
    await until(() => bed.viewers.every((w) => audioSince(w.peer, killedAt) >= 25), {
      timeoutMs: 15_000,
      what: 'sound after the origin died',
    });
    const originGapMs = Math.max(...bed.viewers.map((w) => gapAround(w.peer, killedAt)));
    await until(() => bed.viewers.every((w) => w.peer.videoArrivals.some((t) => t > killedAt)), {
      timeoutMs: 15_000,
      what: 'pictures after the origin died',
    });
    const originVideoGapMs = Math.max(...bed.viewers.map((w) => gapAround(w.peer, killedAt, 'video')));
    return { edgeFailoverMs, originGapMs, originVideoGapMs, firstWatchMs, steadyGapMs };
  } finally {
    await bed.close();
  }
}

function longestGapBetween(arrivals: readonly number[], from: number, to: number): number {
  const inside = arrivals.filter((t) => t >= from && t <= to);
  let longest = 0;
  for (let i = 1; i < inside.length; i++) longest = Math.max(longest, inside[i]! - inside[i - 1]!);
  return longest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rounds = Number(process.env.ROUNDS ?? 3);
  const runs: MediaFailoverFigures[] = [];
  for (let i = 0; i < rounds; i++) {
    const figures = await measureMediaFailover();
    runs.push(figures);
    console.log(`round ${i + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)])))}`);
  }
  const worst = (key: keyof MediaFailoverFigures) => Math.round(Math.max(...runs.map((r) => r[key])));
  const median = (key: keyof MediaFailoverFigures) =>
    Math.round(runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!);
  console.log(
    `RESULT rounds=${rounds} edge_failover_ms=${median('edgeFailoverMs')} edge_failover_worst_ms=${worst('edgeFailoverMs')} ` +
      `origin_gap_ms=${median('originGapMs')} origin_gap_worst_ms=${worst('originGapMs')} origin_video_gap_ms=${median('originVideoGapMs')} ` +
      `baseline_first_watch_ms=${median('firstWatchMs')} baseline_steady_gap_ms=${median('steadyGapMs')}`,
  );
  process.exit(0);
}
