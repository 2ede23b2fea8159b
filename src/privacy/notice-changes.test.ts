import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticeChanges, paragraphChanges } from './notice-changes.js';

describe('what changed between two notice versions', () => {
  it('marks paragraphs added, removed and changed, in order', () => {
    assert.deepEqual(paragraphChanges(['A', 'B', 'C', 'D'], ['A', 'B2', 'C', 'E', 'F']), [
      { kind: 'changed', before: 'B', after: 'B2' },
      { kind: 'changed', before: 'D', after: 'E' },
      { kind: 'added', text: 'F' },
    ]);
    assert.deepEqual(paragraphChanges(['A', 'B'], ['B']), [{ kind: 'removed', text: 'A' }]);
    assert.deepEqual(paragraphChanges(['A'], ['A']), []);
  });

  it('names each part by its heading; new and dropped parts come whole, unchanged parts not at all', () => {
    const before = [
      { key: 'controller', title: 'Controller', paragraphs: ['Plenum'] },
      { key: 'phone', title: 'Dialling in by phone', paragraphs: ['We store your number.'] },
      { key: 'recipients', title: 'Recipients', paragraphs: [] },
    ];
    const after = [
      { key: 'controller', title: 'Controller', paragraphs: ['Plenum'] },
      { key: 'chat', title: 'Chat and minutes', paragraphs: ['We store nothing.'] },
      { key: 'recipients', title: 'Recipients', paragraphs: ['Mail GmbH (DE): sending mail'] },
    ];
    assert.deepEqual(noticeChanges(before, after), [
      { title: 'Chat and minutes', kind: 'added', paragraphs: [{ kind: 'added', text: 'We store nothing.' }] },
      { title: 'Recipients', kind: 'changed', paragraphs: [{ kind: 'added', text: 'Mail GmbH (DE): sending mail' }] },
      { title: 'Dialling in by phone', kind: 'removed', paragraphs: [{ kind: 'removed', text: 'We store your number.' }] },
    ]);
  });
});
