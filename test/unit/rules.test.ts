/**
 * Data-driven: every diagnostic code with an input that triggers it (at the given line), an input
 * that does not, and, for codes with a quick fix, the text that fix produces.
 */
import * as assert from 'node:assert/strict';
import { computeCheckDigit, type Code } from '../../server/src/service';
import type { DiagnosticData } from '../../server/src/service';
import { applyTextEdits, decl, diagnose, VALID, type settings } from '../helpers/service';

const [V1, V2, V3] = VALID;
const withCheck = (base: string) => base + computeCheckDigit(base);

interface Case {
  code: Code;
  name: string;
  positive: string;
  /** 0-based line the diagnostic starts on. */
  line: number;
  negative: string;
  /** Text after the diagnostic's own quick fix; null: the code must offer no fix. */
  fixed: string | null;
  settings?: Parameters<typeof settings>[0];
  severity?: number;
}

const CASES: Case[] = [
  { code: 'header-missing', name: 'first row is an entry', positive: `${V1}\n${V2}\n`, line: 0, negative: decl(V1), fixed: decl(V1, V2) },
  { code: 'header-missing', name: 'keeps CRLF', positive: `${V1}\r\n`, line: 0, negative: decl(V1), fixed: `Entry Number\r\n${V1}\r\n` },
  { code: 'header-mismatch', name: 'ENTRY_NUMBER', positive: `ENTRY_NUMBER\n${V1}\n`, line: 0, negative: decl(V1), fixed: decl(V1) },
  { code: 'header-mismatch', name: 'lower case', positive: `entry number\n${V1}\n`, line: 0, negative: decl(V1), fixed: decl(V1) },
  { code: 'header-mismatch', name: 'Entry No.', positive: `Entry No.\n${V1}\n`, line: 0, negative: decl(V1), fixed: decl(V1) },
  { code: 'extra-column', name: 'pasted ES-003 column', positive: decl(`${V1},01,2704`), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'trailing-comma', name: 'one empty field', positive: decl(`${V1},`), line: 1, negative: decl(`${V1},x`), fixed: decl(V1) },
  { code: 'empty-declaration', name: 'header only', positive: 'Entry Number\n', line: 0, negative: decl(V1), fixed: null },
  { code: 'blank-line', name: 'between entries', positive: decl(V1, '', V2), line: 2, negative: decl(V1, V2), fixed: decl(V1, V2) },
  { code: 'blank-line', name: 'spaces only', positive: decl(V1, '   ', V2), line: 2, negative: decl(V1, V2), fixed: decl(V1, V2) },
  { code: 'whitespace', name: 'around', positive: decl(` ${V1}\t`), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'whitespace', name: 'inside', positive: decl(`MYK 2168116 5`), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'quoted', name: 'CSV quotes', positive: decl(`"${V1}"`), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'quoted', name: 'leading apostrophe', positive: decl(`'${V1}`), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'lowercase', name: 'filer code', positive: decl(V1.toLowerCase()), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'hyphenated', name: 'CBP print form', positive: decl('MYK-2168116-5'), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'non-ascii', name: 'no-break space', positive: decl(`MYK\u00a021681165`), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'non-ascii', name: 'zero-width space', positive: decl(`\u200b${V1}`), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'non-ascii', name: 'full-width letters', positive: decl('\uff2d\uff39\uff2b21681165'), line: 1, negative: decl(V1), fixed: decl(V1) },
  { code: 'non-ascii', name: 'no ASCII meaning: an error without fix', positive: decl('MYK2168116\u20ac'), line: 1, negative: decl(V1), fixed: null, severity: 1 },
  { code: 'bom', name: 'UTF-8 BOM', positive: '\ufeff' + decl(V1), line: 0, negative: decl(V1), fixed: decl(V1) },
  { code: 'entry-charset', name: 'a hash sign', positive: decl('MYK2168#165'), line: 1, negative: decl(V1), fixed: null },
  { code: 'entry-length', name: 'too short', positive: decl('MYK216811'), line: 1, negative: decl(V1), fixed: null },
  { code: 'entry-length', name: 'too long', positive: decl(V1 + '9'), line: 1, negative: decl(V1), fixed: null },
  { code: 'filer-code', name: '000', positive: decl(withCheck('0001234567')), line: 1, negative: decl(V1), fixed: null },
  { code: 'transaction-number', name: 'a letter', positive: decl(withCheck('MYK21O8116')), line: 1, negative: decl(V1), fixed: null },
  { code: 'check-digit', name: 'last digit off', positive: decl('MYK21681164'), line: 1, negative: decl(V1), fixed: null },
  { code: 'check-digit', name: 'transposed digits', positive: decl('MYK26181165'), line: 1, negative: decl(V1), fixed: null },
  { code: 'leading-zeros-lost', name: 'nine digits', positive: decl('200130003'), line: 1, negative: decl('00200130003'), fixed: decl('00200130003') },
  { code: 'leading-zeros-lost', name: 'ten digits', positive: decl('1326110317'), line: 1, negative: decl('01326110317'), fixed: decl('01326110317') },
  { code: 'scientific-notation', name: 'Excel float', positive: decl('2.61103E+10'), line: 1, negative: decl(V1), fixed: null },
  { code: 'scientific-notation', name: 'lower-case e', positive: decl('2.61103e+10'), line: 1, negative: decl(V1), fixed: null },
  { code: 'duplicate', name: 'same text', positive: decl(V1, V2, V1), line: 3, negative: decl(V1, V2), fixed: decl(V1, V2) },
  { code: 'duplicate', name: 'hyphenated equals bare', positive: decl(V1, V2, 'MYK-2168116-5'), line: 3, negative: decl(V1, V2), fixed: decl(V1, V2) },
  { code: 'duplicate', name: 'last line without newline', positive: decl(V1, V2) + V1, line: 3, negative: decl(V1, V2), fixed: decl(V1) + V2 },
  { code: 'file-too-large', name: 'over 1 MB', positive: decl(...Array.from({ length: 40000 }, () => 'X'.repeat(30))), line: 0, negative: decl(V1), fixed: null },
  { code: 'unclosed-quote', name: 'quote never closes', positive: decl(V1, `"${V2}`, V3), line: 2, negative: decl(V1, `"${V2}"`, V3), fixed: null },
  { code: 'filer-code-mismatch', name: 'not one of cape.filerCodes', positive: decl(V1), line: 1, negative: decl(V2), fixed: null, settings: { filerCodes: ['BII'] } },
];

describe('rules: every code, positive and negative', () => {
  for (const c of CASES) {
    describe(`${c.code}: ${c.name}`, () => {
      it('is reported on the offending line', () => {
        const found = diagnose(c.positive, c.settings).filter((d) => d.code === c.code);
        assert.ok(found.length > 0, `expected ${c.code}`);
        assert.equal(found[0].range.start.line, c.line);
        assert.equal(found[0].source, 'cape');
        assert.equal(found[0].codeDescription?.href, `file:///docs/rules.md#${c.code}`);
        if (c.severity) assert.equal(found[0].severity, c.severity);
      });
      it('is not reported on the negative input', () => {
        assert.deepEqual(diagnose(c.negative, c.settings).filter((d) => d.code === c.code), []);
      });
      it(c.fixed === null ? 'offers no fix' : 'its quick fix gives the expected text', () => {
        const found = diagnose(c.positive, c.settings).find((d) => d.code === c.code)!;
        const fix = (found.data as DiagnosticData).fix;
        if (c.fixed === null) assert.equal(fix, undefined);
        else assert.equal(applyTextEdits(c.positive, fix!.edits), c.fixed);
      });
    });
  }
});

describe('rules: whole files', () => {
  it('a clean file has no diagnostics', () => {
    assert.deepEqual(diagnose(decl(...VALID)), []);
  });

  it('9,999 valid unique entries have no diagnostics; 10,000 are over the limit on entry 10,000 and the header', () => {
    const entries: string[] = [];
    for (let t = 0; entries.length < 10000; t++) entries.push(withCheck('MYK' + String(t).padStart(7, '0')));
    assert.deepEqual(diagnose(decl(...entries.slice(0, 9999))), []);
    const over = diagnose(decl(...entries)).filter((d) => d.code === 'over-limit');
    assert.deepEqual(over.map((d) => d.range.start.line).sort((a, b) => a - b), [0, 10000]);
    assert.equal((over[0].data as DiagnosticData).parts, 2);
  });

  it('an empty text is an empty declaration', () => {
    assert.deepEqual(diagnose('').map((d) => d.code), ['empty-declaration']);
  });

  it('reports every problem of the damaged example, not only the first', () => {
    const text = decl(` ${V1} `, 'myk-2168116-5', '2.61103E+10', 'BII2666240');
    const found = diagnose(text).map((d) => `${d.range.start.line}:${d.code}`);
    assert.deepEqual(found, ['1:whitespace', '2:lowercase', '2:hyphenated', '2:duplicate', '3:scientific-notation', '4:entry-length']);
  });

  it('duplicate points at the first occurrence and is tagged unnecessary', () => {
    const d = diagnose(decl(V1, V2, V1)).find((x) => x.code === 'duplicate')!;
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 1);
    assert.deepEqual(d.tags, [1]);
  });

  it('check-digit says which digit the first ten characters need', () => {
    const d = diagnose(decl('MYK21681164')).find((x) => x.code === 'check-digit')!;
    assert.equal((d.data as DiagnosticData).expected, 5);
    assert.match(String(d.message), /need 5/);
    assert.match(String(d.message), /anywhere/);
  });
});

describe('rules: cape.rules overrides', () => {
  it('changes a severity', () => {
    const d = diagnose(decl(` ${V1}`), { rules: { whitespace: 'error' } });
    assert.equal(d[0].severity, 1);
  });
  it('turns a code off', () => {
    assert.deepEqual(diagnose(decl(V1, V1), { rules: { duplicate: 'off' } }), []);
  });
  it('turns info on for a weak rule', () => {
    assert.equal(diagnose(decl(`${V1},`), { rules: { 'trailing-comma': 'info' } })[0].severity, 3);
  });
});
