/**
 * The one-line patch of incremental.ts must give exactly the model (and findings) of a full parse,
 * whatever the edit; and it must actually apply to ordinary typing.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, buildModel, type DeclarationModel } from '../../server/src/service';
import { patchModel } from '../../server/src/service/incremental';
import { randomDeclaration } from '../helpers/generate';
import { settings, VALID } from '../helpers/service';

const URI = 'file:///typing.csv';

/** Everything a feature can read of a model, as plain data. */
function view(model: DeclarationModel) {
  // Public fields only: a row keeps its text's value unread until asked (how is not a feature's business).
  const facts = (f: DeclarationModel['entries'][number]['facts']) => ({
    value: f.value, quoted: f.quoted, nonAscii: f.nonAscii, nonAsciiLossy: f.nonAsciiLossy, whitespace: f.whitespace, lowercase: f.lowercase, hyphenated: f.hyphenated,
    scientific: f.scientific, textFormula: f.textFormula, separatedValues: f.separatedValues, normalized: f.normalized, padded: f.padded, key: f.key,
  });
  const row = (r: DeclarationModel['rows'][number]) => ({
    line: r.line, start: r.start, end: r.end, next: r.next, value: r.value, fields: r.fields, csvQuoted: r.csvQuoted, blank: r.blank, cellStart: r.cellStart, cellEnd: r.cellEnd, ordinal: r.ordinal,
  });
  return {
    text: model.text,
    lineStarts: [...model.lines.lineStarts],
    bom: model.bom,
    rows: model.rows.map(row),
    wideRows: model.wideRows.map((r) => r.line),
    header: model.header && row(model.header),
    headerKind: model.headerKind,
    entries: model.entries.map((e) => ({ line: e.row.line, ordinal: e.ordinal, facts: facts(e.facts) })),
    unusual: model.unusual.map((e) => e.ordinal),
    suspect: model.suspect.map((e) => e.ordinal),
    keyCodes: [...model.keyCodes],
    blankRows: model.blankRows.map((r) => r.line),
    unclosedQuote: model.unclosedQuote,
  };
}

const base = fc.tuple(fc.nat({ max: 1000 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean()).map(([seed, eol, quoted]) => {
  let { text } = randomDeclaration(40, seed, 0.3, 0.1, eol);
  if (quoted) text = text.replace(VALID[0], `"${VALID[0]}"`) + `"${VALID[1]}"${eol}`;
  return text;
});
const edit = fc.record({
  at: fc.nat({ max: 100000 }),
  remove: fc.nat({ max: 3 }),
  insert: fc.oneof(fc.constantFrom('', '7', 'A', 'a', ' ', '-', ',', '"', '\n', '\r\n', '2', 'x,y', VALID[2]), fc.string({ maxLength: 4 })),
});

describe('incremental model: a one-line edit patched in', () => {
  it('gives exactly the full parse\'s model and findings, for any edit and any text', () => {
    let applied = 0;
    let runs = 0;
    fc.assert(fc.property(base, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
      let previous = analyze(text, URI, settings());
      for (const e of edits) {
        runs++;
        const start = e.at % (previous.model.text.length + 1);
        const next = previous.model.text.slice(0, start) + e.insert + previous.model.text.slice(start + e.remove);
        const full = analyze(next, URI, settings());
        if (patchModel(previous.model, next, URI)) applied++;
        const incremental = analyze(next, URI, settings(), previous);
        assert.deepEqual(view(incremental.model), view(full.model));
        assert.deepEqual(incremental.findings, full.findings);
        previous = incremental;
      }
    }), { seed: 21, numRuns: 400 });
    assert.ok(applied > runs / 4, `the patch applied to ${applied} of ${runs} edits`);
  });

  it('applies to typing inside an entry line and not to edits that touch a line break, a quote or the header', () => {
    const text = `Entry Number\r\n${VALID[0]}\r\n${VALID[1]}\r\n`;
    const model = buildModel(text, URI);
    assert.ok(patchModel(model, text.replace(VALID[1], VALID[1].slice(0, 5) + 'Z' + VALID[1].slice(6)), URI));
    assert.ok(patchModel(model, text.replace(VALID[1], VALID[1] + ',extra'), URI));
    assert.equal(patchModel(model, text.replace(VALID[1], `${VALID[1]}\r\n${VALID[2]}`), URI), undefined, 'a new line');
    assert.equal(patchModel(model, text.replace(VALID[1], `"${VALID[1]}"`), URI), undefined, 'a quote');
    assert.equal(patchModel(model, text.replace('Entry Number', 'Entry No'), URI), undefined, 'the header');
    assert.equal(patchModel(model, text.replace(VALID[1], ''), URI), undefined, 'a line becomes blank');
  });
});
