/**
 * One read per entry: `scanEntryNumber` gives the packed key and the validity that the entry-number
 * rules and duplicate detection used to work out separately. The model's `suspect` list must hold
 * every entry those rules could report, so that skipping the rest changes no finding.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildModel, DEFAULT_SETTINGS } from '../../server/src/service';
import { packEntryKey } from '../../server/src/service/codeTable';
import { isValidEntryNumber, NOT_ENTRY_SHAPED, scanEntryNumber, scannedKey } from '../../server/src/service/entryNumber';
import type { DeclarationModel } from '../../server/src/service/model';
import { RULES } from '../../server/src/service/rules';
import type { Finding } from '../../server/src/service/rules/rule';
import { randomDeclaration } from '../helpers/generate';
import { VALID } from '../helpers/service';

/** The packed key by a different route: base 36 filer code, then the 8 digits. */
function referenceKey(value: string): number {
  if (!/^[A-Z0-9]{3}[0-9]{8}$/.test(value)) return -1;
  return parseInt(value.slice(0, 3), 36) * 1e8 + Number(value.slice(3));
}

describe('entry scan', () => {
  it('gives the packed key and the validity of any value', () => {
    const chars = fc.constantFrom(...'0123456789ABCIJRSZaz-# .'.split(''));
    const value = fc.oneof(fc.constantFrom(...VALID, '00000000000', '000123456789'.slice(1), 'ZZZ99999999'), fc.array(chars, { minLength: 9, maxLength: 12 }).map((cs) => cs.join('')), fc.string({ maxLength: 12 }));
    fc.assert(fc.property(value, (v) => {
      const scan = scanEntryNumber(v);
      assert.equal(scannedKey(scan), referenceKey(v), v);
      assert.equal(scan >= 0, isValidEntryNumber(v), v);
      if (referenceKey(v) < 0) assert.equal(scan, NOT_ENTRY_SHAPED, v);
      assert.equal(packEntryKey(v), referenceKey(v), v);
    }), { seed: 3, numRuns: 3000 });
    for (const v of VALID) assert.ok(scanEntryNumber(v) >= 0, v);
  });

  it('the model keeps every entry the entry-number rules can report in `suspect`, and each key code', () => {
    const findings = (model: DeclarationModel) => {
      const out: Finding[] = [];
      for (const rule of RULES) rule.check({ model, settings: DEFAULT_SETTINGS, perEntry: true, report: (f) => void out.push(f) });
      return out;
    };
    let suspects = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const model = buildModel(randomDeclaration(400, seed, 0.3, 0.1).text, 'file:///s.csv');
      suspects += model.suspect.length;
      // Judged with every entry suspect, the rules must find exactly what they find on the model.
      assert.deepEqual(findings(model), findings({ ...model, suspect: model.entries }));
      model.entries.forEach((entry, i) => {
        const expected = entry.facts.scientific ? -1 : packEntryKey(entry.facts.key);
        assert.equal(model.keyCodes[i], expected, entry.facts.value);
      });
      assert.ok(model.suspect.length < model.entries.length, 'valid clean entries are not suspect');
    }
    assert.ok(suspects > 0);
  });
});
