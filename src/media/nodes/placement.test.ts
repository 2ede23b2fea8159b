import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leastLoaded, placeViewer, type Candidate } from './placement.js';

const node = (id: string, load: number, state: Candidate['state'] = 'active'): Candidate => ({ id, load, state });

describe('media node placement', () => {
  it('puts a meeting on the least-loaded active node, never on a draining or down one', () => {
    assert.equal(leastLoaded([node('a', 5), node('b', 2), node('c', 0, 'draining'), node('d', 0, 'down')])?.id, 'b');
    assert.equal(leastLoaded([node('c', 0, 'draining')]), undefined);
  });

  it('breaks a tie by name, so every instance picks the same node', () => {
    assert.equal(leastLoaded([node('b', 1), node('a', 1)])?.id, 'a');
  });

  it('fills the edges already carrying the webinar up to the cap before opening another', () => {
    const edges = [node('e1', 9), node('e2', 0)];
    assert.deepEqual(placeViewer(edges, new Set(['e1']), 10), { id: 'e1', carrying: true });
    assert.deepEqual(placeViewer([node('e1', 10), node('e2', 0)], new Set(['e1']), 10), { id: 'e2', carrying: false });
  });

  it('sends no new viewer to a draining edge, even one that carries the webinar', () => {
    assert.deepEqual(placeViewer([node('e1', 0, 'draining'), node('e2', 3)], new Set(['e1']), 10), { id: 'e2', carrying: false });
  });

  it('finds no place when every edge is full or draining', () => {
    assert.equal(placeViewer([node('e1', 10), node('e2', 0, 'draining')], new Set(), 10), undefined);
  });
});
