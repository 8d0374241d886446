/**
 * Hostile input against the pure service (fast-check, seeded and bounded): whatever the text, the
 * service answers without throwing, in bounded time, with every diagnostic inside the document;
 * fix-all is idempotent and keeps the set of valid entries; split and prepare account for every row.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze, buildModel, EDITOR_DIAGNOSTIC_LIMIT, fixAllText, getCodeActions, getDocumentSymbols, getFoldingRanges, getHover, isValidEntryNumber,
  LineIndex, partFileNames, prepareUpload, splitDeclaration, toDiagnostics,
} from '../../server/src/service';
import { settings, VALID } from '../helpers/service';

const URI = 'file:///fuzz.csv';

/** Every invariant the product promises for one text. */
function checkText(text: string, budgetMs = 2000): void {
  const started = performance.now();
  const analysis = analyze(text, URI, settings());
  const diagnostics = toDiagnostics(analysis, undefined, EDITOR_DIAGNOSTIC_LIMIT);
  const lines = new LineIndex(text);
  for (const d of diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.lineCount, `line ${p.line} outside the document`);
      assert.ok(p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStarts[p.line], `character ${p.character} outside line ${p.line}`);
    }
  }
  assert.ok(diagnostics.length <= EDITOR_DIAGNOSTIC_LIMIT + 1);
  getHover(analysis, { line: Math.min(1, lines.lineCount - 1), character: 0 });
  getCodeActions(analysis, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics.slice(0, 50));
  getDocumentSymbols(analysis);
  getFoldingRanges(analysis);
  const fixed = fixAllText(analysis);
  assert.equal(fixAllText(analyze(fixed, URI, settings())), fixed, 'fix-all is idempotent');
  const validKeys = (t: string) => new Set(buildModel(t, URI).entries.map((e) => e.facts.key).filter(isValidEntryNumber));
  assert.deepEqual(validKeys(fixed), validKeys(text), 'fix-all keeps the set of valid entries');
  const total = Math.ceil(analysis.model.entries.length / 9999);
  const parts = splitDeclaration(analysis, partFileNames('fuzz.csv', total, () => false).names);
  assert.equal(parts.reduce((n, p) => n + p.entries, 0), analysis.model.entries.length, 'split keeps every entry');
  const prepared = prepareUpload([{ source: 'fuzz.csv', uri: URI, text }], settings(), (i, n) => `p${i}-${n}.csv`);
  assert.equal(prepared.parts.reduce((n, p) => n + p.entries, 0) + prepared.excluded.length, prepared.inputRows, 'prepare accounts for every row');
  assert.ok(performance.now() - started < budgetMs, `answered in ${(performance.now() - started).toFixed(0)} ms`);
}

const hostileCell = fc.oneof(
  fc.constantFrom(...VALID),
  fc.constantFrom('"', '""', '"a,b"', '"a\nb"', ',', ',,', '\u0000', '\ufeff', '\r', '\n', '\r\n', ' ', '\t', '2.61E+10', 'Entry Number', '\u00a0', '\u200b', 'é', '€', '-'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

describe('fuzz: hostile text never breaks the service', function () {
  this.timeout(120000);

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      checkText(new TextDecoder('utf-8').decode(bytes));
      checkText(new TextDecoder('latin1').decode(bytes));
    }), { seed: 9, numRuns: 300 });
  });

  it('random CSV: quotes, embedded newlines, delimiters, NULs, mixed line endings', () => {
    const line = fc.array(hostileCell, { maxLength: 4 }).map((cells) => cells.join(','));
    const text = fc.tuple(fc.boolean(), fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r', '')), { maxLength: 60 }))
      .map(([header, rows]) => (header ? 'Entry Number\r\n' : '') + rows.map(([l, eol]) => l + eol).join(''));
    fc.assert(fc.property(text, (t) => checkText(t)), { seed: 10, numRuns: 600 });
  });

  it('a single 10 MB line', () => {
    checkText('Entry Number\n' + 'A'.repeat(10_000_000), 40000);
    checkText('"' + 'x,'.repeat(5_000_000), 40000);
  });

  it('1,000,000 blank lines', () => {
    checkText('Entry Number\n' + '\n'.repeat(1_000_000), 40000);
    checkText('Entry Number\n' + '\n'.repeat(999_990) + VALID[0], 40000);
  });

  it('10,000 random incremental edits', () => {
    const edits = fc.array(fc.record({ start: fc.nat(), length: fc.nat({ max: 30 }), text: fc.oneof(hostileCell, fc.constantFrom(VALID[1] + '\n', '\r\n', '')) }), { minLength: 10000, maxLength: 10000 });
    fc.assert(fc.property(edits, (list) => {
      let document = TextDocument.create(URI, 'csv', 1, 'Entry Number\r\n' + VALID.join('\r\n') + '\r\n');
      let version = 1;
      for (const [i, e] of list.entries()) {
        const text = document.getText();
        const start = text.length === 0 ? 0 : e.start % (text.length + 1);
        const range = { start: document.positionAt(start), end: document.positionAt(start + e.length) };
        document = TextDocument.update(document, [{ range, text: e.text }], ++version);
        // Every edit is analyzed as an editor would; the full set of invariants every 250 edits.
        if (i % 250 === 0) checkText(document.getText());
        else toDiagnostics(analyze(document.getText(), URI, settings()));
      }
    }), { seed: 11, numRuns: 1 });
  });
});
