import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

/**
 * `npm run test:unit` (scripts/test-unit.sh) leaves out the test files whose first line is the
 * mark below: they start Janus (the embedded supervisor, src/testing/janus-nodes.ts or the cluster harness) or sipp. This keeps the mark honest in both directions, so the
 * fast tier neither starts a media server nor silently loses a test that does not.
 */
const mark = /^\/\/ test tier: heavy\b/;
const startsHeavyParts =
  /\bcreateJanusSupervisor\(|\bstartJanusNodes\(|JANUS_MODE: 'embedded'|\brunSipp\(|\bchromium\.launch\(|\bstartClusterHarness\(|\bstartFailoverBed\(/;

const src = path.resolve(import.meta.dirname, '..');
const testFiles = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && path.join(src, file) !== import.meta.filename)
  .sort();

describe('test tiers', () => {
  it('marks exactly the test files that start Janus, sipp or a browser as heavy', () => {
    const wrong = testFiles.filter((file) => {
      const text = readFileSync(path.join(src, file), 'utf8');
      return mark.test(text) !== startsHeavyParts.test(text);
    });
    assert.deepEqual(wrong, []);
    assert.ok(
      testFiles.some((file) => mark.test(readFileSync(path.join(src, file), 'utf8'))),
      'the heavy files are found at all',
    );
  });
});
