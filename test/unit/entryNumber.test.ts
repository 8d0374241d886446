import * as assert from 'node:assert/strict';
import { computeCheckDigit, formatEntryNumber, isValidEntryNumber } from '../../server/src/service';

describe('entry numbers', () => {
  // The computed vectors and the real published numbers from the domain reference (section 3).
  const vectors: [string, number][] = [
    ['ABC1234567', 6], ['0000000000', 0], ['1111111111', 5], ['A000000000', 9],
    ['S000000000', 8], ['ZZZ9999999', 0], ['M9X0000001', 8], ['MYK2800086', 4], ['BII0599285', 4],
  ];
  for (const [base, digit] of vectors) {
    it(`${base} -> ${digit}`, () => assert.equal(computeCheckDigit(base), digit));
  }
  it('is undefined for characters outside A-Z/0-9 or the wrong length', () => {
    assert.equal(computeCheckDigit('ABC12345#7'), undefined);
    assert.equal(computeCheckDigit('ABC123'), undefined);
  });
  it('validates filer code, digits and check digit together', () => {
    assert.ok(isValidEntryNumber('MYK28000864'));
    assert.ok(!isValidEntryNumber('MYK28000865'));
    assert.ok(!isValidEntryNumber('00000000000')); // filer code 000
    assert.ok(!isValidEntryNumber('MYK2800A864'));
  });
  it('formats the CBP print form', () => assert.equal(formatEntryNumber('BII05992854'), 'BII-0599285-4'));
});
