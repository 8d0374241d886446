/** One table says which codes Fix All repairs (issue 18): the code table, docs/rules.md and fix-all itself agree. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_CODES, analyze, applyOffsetEdits, computeCheckDigit, FIX_ALL_CODES, fixAllEdits, toDiagnostics } from '../../server/src/service';
import { settings, VALID } from '../helpers/service';

const [V0, V1] = VALID;

/** A text with exactly one kind of fix-all problem, for each code. */
const SAMPLES: Record<string, string> = {
  'header-missing': `${V0}\n`,
  'header-mismatch': `ENTRY_NUMBER\n${V0}\n`,
  'blank-line': `Entry Number\n${V0}\n\n${V1}\n`,
  whitespace: `Entry Number\n ${V0}\n`,
  quoted: `Entry Number\n"${V0}"\n`,
  lowercase: `Entry Number\n${V0.toLowerCase()}\n`,
  hyphenated: `Entry Number\n${V0.slice(0, 3)}-${V0.slice(3, 10)}-${V0.slice(10)}\n`,
  'non-ascii': `Entry Number\n${V0}\u200b\n`,
  bom: `\ufeffEntry Number\n${V0}\n`,
  'trailing-comma': `Entry Number\n${V0},\n`,
  duplicate: `Entry Number\n${V0}\n${V0}\n`,
  // 0012345678 + its check digit, with the zeros a spreadsheet drops.
  'leading-zeros-lost': `Entry Number\n${('0012345678' + computeCheckDigit('0012345678')).replace(/^0+/, '')}\n`,
  'excel-text-formula': `Entry Number\n="${V0}"\n`,
  delimiter: `Entry Number;Note\n${V0};\n`,
};

describe('the Fix All table', () => {
  it('docs/rules.md marks fix-all on exactly the codes the table flags', () => {
    const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    for (const code of ALL_CODES) {
      const section = new RegExp(`^## ${code}\\n\\n\\*\\*([^\\n]*)`, 'm').exec(docs);
      assert.ok(section, `a section for ${code}`);
      assert.equal(/fix-all/.test(section[1]), FIX_ALL_CODES.has(code), `${code}: "${section[1]}"`);
    }
  });

  for (const code of FIX_ALL_CODES) {
    it(`fix-all repairs ${code}`, () => {
      const text = SAMPLES[code];
      assert.ok(text, `a sample for ${code}`);
      const analysis = analyze(text, 'file:///w/d.csv', settings());
      assert.ok(toDiagnostics(analysis).some((d) => d.code === code), `${code} is reported on its sample`);
      const fixed = applyOffsetEdits(text, fixAllEdits(analysis));
      assert.ok(!toDiagnostics(analyze(fixed, 'file:///w/d.csv', settings())).some((d) => d.code === code), `${code} is gone: ${JSON.stringify(fixed)}`);
    });
  }
});
