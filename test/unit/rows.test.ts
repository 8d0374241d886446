/**
 * Rows keep one object per line: a one-field record holds its value, not an array, and a row after
 * the header is also its entry. What a rule reads of a row must still be exactly csv-parse's record.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildModel } from '../../server/src/service';
import { analyzeCell } from '../../server/src/service/normalize';
import { parseCsv, parseRecords } from '../../server/src/service/parse';
import { VALID } from '../helpers/service';

const piece = fc.constantFrom('Entry Number', VALID[0], 'myk2168 1165', '2.61E+10', ',', '"', ' ', '\t', '\r\n', '\n', '\r', '');
const text = fc.array(piece, { maxLength: 30 }).map((ps) => ps.join(''));

/** Every fact of a cell, as plain data (clean facts are getters on a prototype). */
function plain(f: ReturnType<typeof analyzeCell>) {
  const { value, quoted, nonAscii, nonAsciiLossy, whitespace, lowercase, hyphenated, scientific, normalized, padded, key } = f;
  return { value, quoted, nonAscii, nonAsciiLossy, whitespace, lowercase, hyphenated, scientific, normalized, padded, key };
}

describe('rows', () => {
  it('give each record csv-parse read, with its first cell where the text has it', () => {
    fc.assert(fc.property(text, (t) => {
      const parsed = parseCsv(t);
      if (parsed.unclosedQuote) return;
      const records = parseRecords(t);
      assert.deepEqual(parsed.rows.map((r) => r.fields), records, JSON.stringify(t));
      for (const row of parsed.rows) {
        assert.equal(row.value, row.fields[0]);
        assert.equal(row.fieldCount, row.fields.length);
        assert.equal(row.cellStart, row.start);
        assert.equal(row.blank, row.fields.every((f) => /^[ \t]*$/.test(f)));
        const raw = t.slice(row.cellStart, row.cellEnd);
        if (row.fieldCount === 1) assert.equal(row.cellEnd, row.end, JSON.stringify(t));
        else assert.equal(t[row.cellEnd], ',', JSON.stringify(t));
        if (!row.csvQuoted) assert.equal(raw, row.value, JSON.stringify(t));
        else assert.ok(raw.trimStart().startsWith('"'), JSON.stringify(t));
      }
      assert.deepEqual(parsed.wideRows, parsed.rows.filter((r) => r.fields.length > 1));
    }), { seed: 21, numRuns: 1500 });
  });

  it('are their own entries: in order, numbered from 1, with the facts of their first cell', () => {
    fc.assert(fc.property(text, (t) => {
      const model = buildModel(t, 'file:///rows.csv');
      model.entries.forEach((entry, i) => {
        assert.equal(entry.row, entry);
        assert.equal(entry.ordinal, i + 1);
        assert.deepEqual(plain(entry.facts), plain(analyzeCell(entry.row.value, entry.row.csvQuoted)), JSON.stringify(t));
      });
      const filed = new Set(model.entries);
      for (const row of model.rows) if (!filed.has(row)) assert.equal(row.ordinal, 0);
    }), { seed: 22, numRuns: 1500 });
  });

  it('moved by an edit above them keep their record and their entry', () => {
    const model = buildModel(`Entry Number\n"${VALID[0]}",x\n\n2.61E+10\n${VALID[1]}\n`, 'file:///rows.csv');
    for (const row of model.rows) {
      const moved = row.shifted(5);
      assert.deepEqual([moved.start, moved.end, moved.next, moved.cellStart, moved.cellEnd], [row.start, row.end, row.next, row.cellStart, row.cellEnd].map((o) => o + 5));
      assert.deepEqual([moved.line, moved.fields, moved.csvQuoted, moved.blank, moved.ordinal], [row.line, row.fields, row.csvQuoted, row.blank, row.ordinal]);
      assert.equal(moved.facts === moved, row.facts === row);
      assert.deepEqual(plain(moved.facts), plain(row.facts));
    }
    assert.deepEqual(model.entries.map((e) => e.facts.scientific), [false, true, false]);
  });
});
