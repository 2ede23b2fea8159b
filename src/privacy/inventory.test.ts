import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { privacyDeclarations } from '../plenum.js';
import { renderInventory } from './inventory.js';

describe('privacy inventory', () => {
  it('in docs/ matches the declarations (run `npm run docs:privacy` after changing a privacy.ts)', () => {
    const file = path.resolve(import.meta.dirname, '../../docs/privacy-inventory.md');
    assert.equal(readFileSync(file, 'utf8'), renderInventory(privacyDeclarations));
  });
});
