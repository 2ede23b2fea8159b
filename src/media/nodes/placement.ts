import type { MediaNodeState } from '../../store/schema.js';

/** A node that could take something new: its operator state and its load (src/media/nodes/load.ts). */
export interface Candidate {
  id: string;
  state: MediaNodeState;
  load: number;
}

const byLoad = (a: Candidate, b: Candidate) => a.load - b.load || a.id.localeCompare(b.id);

/** The least-loaded active node (a new meeting's); draining and down nodes take nothing new. */
export function leastLoaded(nodes: readonly Candidate[]): Candidate | undefined {
  return nodes.filter((n) => n.state === 'active').sort(byLoad)[0];
}

/**
 * The edge a webinar's next viewer watches on: one that already carries the webinar and is
 * below the cap (the least loaded of them), else the least-loaded active edge below the cap,
 * which then needs a mountpoint for the webinar. None: every edge is full or draining.
 */
export function placeViewer(
  edges: readonly Candidate[],
  carrying: ReadonlySet<string>,
  cap: number,
): { id: string; carrying: boolean } | undefined {
  const open = edges.filter((n) => n.state === 'active' && n.load < cap);
  const carried = leastLoaded(open.filter((n) => carrying.has(n.id)));
  if (carried) return { id: carried.id, carrying: true };
  const fresh = leastLoaded(open);
  return fresh && { id: fresh.id, carrying: false };
}
