import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMeetingNumber, newMeetingNumber, newPasscode, normaliseMeetingNumber } from './codes.js';

describe('meeting codes', () => {
  it('are 11-digit meeting numbers from the CSPRNG, never sequential', () => {
    const numbers = Array.from({ length: 200 }, newMeetingNumber);
    for (const n of numbers) assert.match(n, /^[1-9]\d{10}$/);
    assert.equal(new Set(numbers).size, numbers.length);
    const sorted = numbers.map(Number).sort((a, b) => a - b);
    const adjacent = sorted.slice(1).filter((n, i) => n - sorted[i]! === 1);
    assert.equal(adjacent.length, 0);
  });

  it('are passcodes with letters and digits, never digits only, without look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = newPasscode();
      assert.match(code, /^[a-hj-km-np-z2-9]{8}$/);
      assert.match(code, /[a-z]/);
      assert.match(code, /\d/);
    }
  });

  it('read the way people type them', () => {
    assert.equal(formatMeetingNumber('12345678901'), '123 4567 8901');
    assert.equal(normaliseMeetingNumber(' 123 4567-8901 '), '12345678901');
  });
});
