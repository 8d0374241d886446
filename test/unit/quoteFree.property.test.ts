/**
 * A text with no `"` is split by its line breaks and commas directly, without csv-parse (issue 19).
 * Proven identical here: over generated quote-free texts (any mix of line breaks, empty lines,
 * commas, spaces, tabs, a BOM, non-ASCII, very long lines), the records, the rows with every offset,
 * and every diagnostic equal csv-parse's reading with the options the product uses.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { analyze, toDiagnostics } from '../../server/src/service';
import { parseCsv, setQuoteFreeSplitting, splitQuoteFree } from '../../server/src/service/parse';
import { LineIndex } from '../../server/src/service/text';
import { settings, VALID } from '../helpers/service';

const URI = 'file:///w/q.csv';
const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] };

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALID, 'Entry Number', 'ENTRY_NUMBER', 'abc', '2.61103E+10', '261103162', 'MYK-2168116-5', "'MYK21681165") },
  { weight: 3, arbitrary: fc.constantFrom(',', ',,', ' ', '  ', '\t', '\u00a0', '\u200b', 'é', '日本', '😀', '\ufeff', '=', "'") },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\r\n') },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }).map((s) => s.replace(/"/g, '')) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((n) => 'x'.repeat(n)) },
);
const quoteFree = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 60 })).map(([bom, parts]) => (bom ? '\ufeff' : '') + parts.join(''));

describe('quote-free texts: the direct split reads exactly as csv-parse', () => {
  const seed = Number(process.env.CAPE_SEED ?? Date.now() % 1_000_000);
  before(() => console.log(`      quote-free property seed: ${seed} (CAPE_SEED=${seed} repeats it)`));
  after(() => setQuoteFreeSplitting(true));

  it('records, rows with every offset, and every diagnostic are the same (10,000 texts)', () => {
    fc.assert(
      fc.property(quoteFree, (text) => {
        const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
        if (body.length > 0) {
          const records = parse(body, OPTIONS);
          assert.deepEqual(splitQuoteFree(body), records, 'records');
          // As parseCsv calls it: with the line index of the whole text, a BOM included.
          assert.deepEqual(splitQuoteFree(body, new LineIndex(text)), records, 'records, with the text\'s line index');
        }
        setQuoteFreeSplitting(true);
        const fast = parseCsv(text);
        const fastDiagnostics = toDiagnostics(analyze(text, URI, settings()));
        setQuoteFreeSplitting(false);
        const slow = parseCsv(text);
        const slowDiagnostics = toDiagnostics(analyze(text, URI, settings()));
        setQuoteFreeSplitting(true);
        const shape = (p: ReturnType<typeof parseCsv>) => ({
          bom: p.bom,
          rows: p.rows.map((r) => [r.line, r.start, r.end, r.next, r.cellEnd, r.value, r.csvQuoted, r.blank, r.fields.join('\u0001')]),
          wide: p.wideRows.map((r) => r.line),
          unclosed: p.unclosedQuote,
        });
        assert.deepEqual(shape(fast), shape(slow), 'rows and offsets');
        assert.deepEqual(fastDiagnostics, slowDiagnostics, 'diagnostics');
      }),
      { numRuns: 10_000, seed },
    );
  });

  it('the edge cases by name', () => {
    for (const body of ['', '\n', '\r\n', '\r', 'a', 'a\n', 'a\n\n', 'a\r\nb', 'a\rb\nc\r\n', ',', 'a,,b\n,\n', '\n\r\n\r']) {
      assert.deepEqual(body === '' ? [] : splitQuoteFree(body), body === '' ? [] : parse(body, OPTIONS), JSON.stringify(body));
    }
  });
});
