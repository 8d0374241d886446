/**
 * Lossless means lossless (issue 16): no fix, quick or Fix All, ever removes a character that
 * separates two values. The oracle is written independently of the rules: it reads every entry
 * number in a text as a run of letters, digits and hyphens between any other characters, with its
 * own check-digit arithmetic, and asks that every valid one before a fix is still one after it (not
 * merged into a neighbour, not deleted).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, applyOffsetEdits, fixAllEdits, toDiagnostics, type OffsetEdit } from '../../server/src/service';
import { settings } from '../helpers/service';

const URI = 'file:///w/lossless.csv';

/** The oracle's own check digit (domain reference, section 3): Luhn over the ten-character base. */
function oracleValid(entry: string): boolean {
  if (!/^[A-Z0-9]{3}[0-9]{8}$/.test(entry) || entry.startsWith('000')) return false;
  const value = (ch: string) => {
    const code = ch.charCodeAt(0);
    if (code <= 57) return code - 48;
    const letter = code - 65; // A = 0
    if (letter <= 8) return letter + 1; // A-I = 1-9
    if (letter <= 17) return letter - 8; // J-R = 1-9
    return letter - 16; // S-Z = 2-9
  };
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let v = value(entry[i]);
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10 === Number(entry[10]);
}

/** Every valid entry number in the text, hyphens and case aside. */
function validEntriesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const token of text.split(/[^A-Za-z0-9-]+/)) {
    const candidate = token.replace(/-/g, '').toUpperCase();
    if (oracleValid(candidate)) found.add(candidate);
  }
  return found;
}

const FILERS = ['MYK', 'BII', 'EJ4', '9Q2', '316', 'A7K', '002', 'ZZZ'];

/** A valid entry number built with the oracle's own arithmetic. */
const validEntry = fc.tuple(fc.constantFrom(...FILERS), fc.integer({ min: 0, max: 9_999_999 })).map(([filer, n]) => {
  const base = filer + String(n).padStart(7, '0');
  for (let d = 0; d <= 9; d++) if (oracleValid(base + d)) return base + d;
  throw new Error('no check digit');
});

/** How a spreadsheet, e-mail or a person damages one entry (each keeps it readable to the oracle or not, at random). */
const damaged = fc.tuple(validEntry, fc.constantFrom('plain', 'lower', 'hyphen', 'quoted', 'spaced', 'nbsp', 'zwsp', 'formula', 'inner-space', 'bom')).map(([e, how]) => {
  switch (how) {
    case 'lower': return e.toLowerCase();
    case 'hyphen': return `${e.slice(0, 3)}-${e.slice(3, 10)}-${e.slice(10)}`;
    case 'quoted': return `"${e}"`;
    case 'spaced': return `  ${e} `;
    case 'nbsp': return `\u00a0${e}`;
    case 'zwsp': return `${e}\u200b`;
    case 'formula': return `="${e}"`;
    case 'inner-space': return `${e.slice(0, 3)} ${e.slice(3)}`;
    case 'bom': return `\ufeff${e}`;
    default: return e;
  }
});

/** What sits between two values on one line. */
const separator = fc.constantFrom(' ', '  ', '\t', ',', ';', '|', '\u00a0', '\u200b', ', ', ' ,', '\t\t');
const junk = fc.constantFrom('ACME', 'extra', '12', '2.61103E+10', '""', "'", 'N/A', '$1,000.00', '=""', 'Entry Number');

const line = fc.oneof(
  { weight: 5, arbitrary: damaged },
  { weight: 3, arbitrary: fc.tuple(damaged, separator, fc.oneof(damaged, junk)).map(([a, s, b]) => a + s + b) },
  { weight: 2, arbitrary: fc.tuple(fc.oneof(damaged, junk), separator, damaged, separator, fc.oneof(damaged, junk)).map(([a, s, b, t, c]) => a + s + b + t + c) },
  { weight: 1, arbitrary: junk },
  { weight: 1, arbitrary: fc.constant('') },
);

const declaration = fc.tuple(
  fc.constantFrom('Entry Number', 'ENTRY_NUMBER', 'entry number', ''),
  fc.array(line, { minLength: 1, maxLength: 12 }),
  fc.constantFrom('\n', '\r\n'),
  fc.boolean(),
).map(([header, lines, eol, finalEol]) => (header ? [header, ...lines] : lines).join(eol) + (finalEol ? eol : ''));

function assertKept(before: string, after: string, what: string): void {
  const lost = [...validEntriesIn(before)].filter((e) => !validEntriesIn(after).has(e));
  assert.deepEqual(lost, [], `${what} lost ${lost.join(', ')}\nbefore: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`);
}

describe('lossless fixes keep every entry (independent oracle)', () => {
  const seed = Number(process.env.CAPE_SEED ?? Date.now() % 100000);
  before(() => console.log(`      lossless property seed: ${seed} (CAPE_SEED=${seed} repeats it)`));

  it('Fix All never merges or deletes a valid entry number', () => {
    fc.assert(
      fc.property(declaration, (text) => {
        const analysis = analyze(text, URI, settings());
        const fixed = applyOffsetEdits(text, fixAllEdits(analysis));
        assertKept(text, fixed, 'Fix All');
        // And a second run changes nothing.
        assert.equal(applyOffsetEdits(fixed, fixAllEdits(analyze(fixed, URI, settings()))), fixed);
      }),
      { numRuns: 3000, seed },
    );
  });

  it('no single quick fix merges or deletes a valid entry number (extra columns included)', () => {
    fc.assert(
      fc.property(declaration, (text) => {
        const analysis = analyze(text, URI, settings());
        for (const finding of analysis.findings) {
          if (!finding.fix) continue;
          // Deleting a whole line is the fix of a duplicate or an entry ACE rejects: the oracle counts entries, not lines.
          if (['duplicate', 'duplicate-in-workspace', 'already-declared'].includes(finding.code)) continue;
          const after = applyOffsetEdits(text, finding.fix.edits as OffsetEdit[]);
          assertKept(text, after, `the ${finding.code} fix '${finding.fix.title}'`);
        }
      }),
      { numRuns: 3000, seed: seed + 1 },
    );
  });

  it('the reported examples: E1 E2 and an entry with a tab and a name', () => {
    const [e1, e2] = ['MYK21681165', 'BII26662403'];
    for (const text of [`Entry Number\n${e1} ${e2}\n`, `Entry Number\n${e1}\tACME\n`, `Entry Number\n${e1}\u00a0${e2}\n`]) {
      const analysis = analyze(text, URI, settings());
      const codes = toDiagnostics(analysis).map((d) => d.code);
      assert.ok(!codes.includes('whitespace'), `${JSON.stringify(text)}: not a whitespace problem (${codes.join(' ')})`);
      assert.ok(codes.includes('extra-column'), `${JSON.stringify(text)}: an extra-column problem`);
      assertKept(text, applyOffsetEdits(text, fixAllEdits(analysis)), 'Fix All');
    }
    const split = analyze(`Entry Number\n${e1} ${e2}\n`, URI, settings());
    const fix = split.findings.find((f) => f.code === 'extra-column')!.fix!;
    assert.equal(applyOffsetEdits(split.model.text, fix.edits), `Entry Number\n${e1}\n${e2}\n`);
    const named = analyze(`Entry Number\n${e1}\tACME\n`, URI, settings());
    const keep = named.findings.find((f) => f.code === 'extra-column')!.fix!;
    assert.match(keep.title, /Keep the entry number \(remove 'ACME'\)/);
    assert.equal(applyOffsetEdits(named.model.text, keep.edits), `Entry Number\n${e1}\n`);
  });

  it('an entry with spaces inside it is still one entry: a whitespace problem, repaired', () => {
    const text = 'Entry Number\nMYK 2168116 5\n';
    const analysis = analyze(text, URI, settings());
    assert.deepEqual(toDiagnostics(analysis).map((d) => d.code), ['whitespace']);
    assert.equal(applyOffsetEdits(text, fixAllEdits(analysis)), 'Entry Number\nMYK21681165\n');
  });

  it('extra columns holding entries: the fix moves them to their own lines', () => {
    const text = 'Entry Number\r\nMYK21681165,BII26662403,ACME\r\n';
    const analysis = analyze(text, URI, settings());
    const fix = analysis.findings.find((f) => f.code === 'extra-column')!.fix!;
    assert.equal(fix.title, 'Move 1 extra entry to its own line and remove the other columns');
    assert.equal(applyOffsetEdits(text, fix.edits), 'Entry Number\r\nMYK21681165\r\nBII26662403\r\n');
  });
});
