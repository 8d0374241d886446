/** Property tests (fast-check, seeded): split and prepare never lose, duplicate or reorder an entry. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, buildModel, partFileNames, prepareUpload, splitDeclaration, toDiagnostics } from '../../server/src/service';
import { randomDeclaration } from '../helpers/generate';
import { settings } from '../helpers/service';

const cells = (text: string) => {
  const model = buildModel(text, 'file:///p.csv');
  return model.entries.map((e) => model.text.slice(e.row.start, e.row.end));
};

const declarations = fc.record({
  count: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 9990, max: 10010 }), fc.integer({ min: 0, max: 50000 })),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  damage: fc.double({ min: 0, max: 0.5, noNaN: true }),
  duplicates: fc.double({ min: 0, max: 0.3, noNaN: true }),
  max: fc.oneof(fc.constant(9999), fc.integer({ min: 1, max: 9999 })),
  eol: fc.constantFrom('\r\n', '\n'),
});

describe('split and prepare: properties', function () {
  this.timeout(120000);

  it('split: the parts, concatenated, are the source entries in order; each part has at most N and is not over-limit', () => {
    fc.assert(
      fc.property(declarations, ({ count, seed, damage, duplicates, max, eol }) => {
        const { text } = randomDeclaration(count, seed, damage, duplicates, eol);
        const analysis = analyze(text, 'file:///m.csv', settings());
        const total = Math.ceil(analysis.model.entries.length / max);
        const files = splitDeclaration(analysis, partFileNames('m.csv', total, () => false).names, max);
        assert.deepEqual(files.flatMap((f) => cells(f.text)), cells(text));
        for (const f of files) {
          assert.ok(f.entries <= max && f.entries > 0);
          assert.ok(!analyze(f.text, 'file:///part.csv', settings()).findings.some((x) => x.code === 'over-limit'));
        }
      }),
      { seed: 2026, numRuns: 40 },
    );
  });

  it('prepare: every input row is in exactly one part or in excluded.csv, and every part is clean', () => {
    fc.assert(
      fc.property(declarations, fc.integer({ min: 1, max: 3 }), ({ count, seed, damage, duplicates, max, eol }, files) => {
        const inputs = Array.from({ length: files }, (_, i) => ({ source: `in${i}.csv`, uri: `file:///in${i}.csv`, text: randomDeclaration(Math.floor(count / files), seed + i, damage, duplicates, eol).text }));
        const result = prepareUpload(inputs, settings(), (i, n) => `p${i}-of-${n}.csv`, max);
        const kept = result.parts.reduce((n, p) => n + p.entries, 0);
        const rows = inputs.reduce((n, input) => { const m = buildModel(input.text, input.uri); return n + m.entries.length + m.blankRows.length; }, 0);
        assert.equal(result.inputRows, rows);
        assert.equal(kept + result.excluded.length, rows);
        const places = new Set(result.excluded.map((r) => `${r.source}:${r.line}`));
        assert.equal(places.size, result.excluded.length, 'no row excluded twice');
        const all = result.parts.flatMap((p) => cells(p.text));
        assert.equal(new Set(all).size, all.length, 'no entry in two parts');
        for (const part of result.parts) {
          assert.ok(part.entries <= max);
          assert.deepEqual(toDiagnostics(analyze(part.text, 'file:///part.csv', settings())), [], 'a prepared part has no diagnostics at all');
        }
      }),
      { seed: 2027, numRuns: 25 },
    );
  });
});
