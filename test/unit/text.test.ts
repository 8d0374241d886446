/**
 * The line index: line starts for any mix of line breaks, and the one line break a text's lines all
 * end with (csv-parse is then given that delimiter alone).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCsv, parseRecords } from '../../server/src/service/parse';
import { LineIndex, utf8Length } from '../../server/src/service/text';

const piece = fc.constantFrom('a', 'MYK21681165', ',', '"', ' ', '\r', '\n', '\r\n', '\n\r', '');
const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(''));

describe('line index', () => {
  it('starts a line after each CRLF, LF and lone CR, and names the break all lines share', () => {
    fc.assert(fc.property(text, (t) => {
      const breaks = t.match(/\r\n|\n|\r/g) ?? [];
      const expectedStarts = [0];
      for (const m of t.matchAll(/\r\n|\n|\r/g)) expectedStarts.push(m.index! + m[0].length);
      const index = new LineIndex(t);
      assert.deepEqual([...index.lineStarts], expectedStarts, JSON.stringify(t));
      const uniform = breaks.length > 0 && breaks.every((b) => b === breaks[0]) ? breaks[0] : undefined;
      assert.equal(index.uniformLineBreak(), uniform, JSON.stringify(t));
      // Computed from precomputed starts too (an index patched by an edit).
      assert.equal(new LineIndex(t, index.lineStarts).uniformLineBreak(), uniform, JSON.stringify(t));
    }), { seed: 11, numRuns: 2000 });
  });

  it('csv-parse reads the same records with the one shared delimiter as with all three', () => {
    fc.assert(fc.property(text, (t) => {
      let all: string[][] | Error;
      let one: string[][] | Error;
      try { all = parseRecords(t); } catch (e) { all = e as Error; }
      try { one = parseRecords(t, false, new LineIndex(t)); } catch (e) { one = e as Error; }
      if (all instanceof Error || one instanceof Error) assert.equal(one instanceof Error, all instanceof Error, JSON.stringify(t));
      else assert.deepEqual(one, all, JSON.stringify(t));
      assert.ok(parseCsv(t).rows.length >= 0); // never throws
    }), { seed: 12, numRuns: 2000 });
  });

  it('counts UTF-8 bytes as Node does, ASCII or not', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.array(fc.constantFrom('a', '\u00e9', '\ud800', '\udc00', '\u20ac', '\ud83d\ude00')).map((cs) => cs.join(''))), (t) => {
      // Lone surrogates become the 3-byte replacement character in Node, as they do here.
      assert.equal(utf8Length(t), Buffer.byteLength(t, 'utf8'), JSON.stringify(t));
    }), { seed: 13, numRuns: 2000 });
  });
});
