import * as assert from 'node:assert/strict';
import {
  analyze, getCodeActions, getDocumentSymbols, getFoldingRanges, getSplitLenses, partFileNames, planSplitEdit, prepareUpload, excludedCsv,
  splitDeclaration, toDiagnostics, SPLIT_REFACTOR_KIND, type SplitEnvironment,
} from '../../server/src/service';
import { decl, settings, VALID } from '../helpers/service';
import { randomDeclaration } from '../helpers/generate';

const URI = 'file:///work/master.csv';
const big = randomDeclaration(10500, 7, 0, 0);
const analysis = analyze(big.text, URI, settings());
const environment = (taken: string[] = []): SplitEnvironment => ({ directoryUri: 'file:///work/', taken: (n) => taken.includes(n) });

describe('split', () => {
  it('names parts <stem>-partK-of-N.csv and keeps .cape.csv', () => {
    assert.deepEqual(partFileNames('master.csv', 3, () => false).names, ['master-part1-of-3.csv', 'master-part2-of-3.csv', 'master-part3-of-3.csv']);
    assert.deepEqual(partFileNames('march.cape.csv', 2, () => false).names, ['march-part1-of-2.cape.csv', 'march-part2-of-2.cape.csv']);
  });

  it('offers the next free names when a target exists, and says which one collided', () => {
    const result = partFileNames('master.csv', 2, (n) => n === 'master-part1-of-2.csv');
    assert.deepEqual(result.names, ['master-part1-of-2 (2).csv', 'master-part2-of-2 (2).csv']);
    assert.deepEqual(result.collided, ['master-part1-of-2.csv']);
  });

  it('writes the header and the entries in order, with the source line endings', () => {
    const files = splitDeclaration(analysis, ['a.csv', 'b.csv']);
    assert.deepEqual(files.map((f) => f.entries), [9999, 501]);
    assert.equal(files[0].text, 'Entry Number\r\n' + big.rows.slice(0, 9999).join('\r\n') + '\r\n');
    assert.equal(files[1].text, 'Entry Number\r\n' + big.rows.slice(9999).join('\r\n') + '\r\n');
    assert.equal(splitDeclaration(analyze(decl(...VALID), URI, settings()), ['x.csv'], 4)[1].text, 'Entry Number\n' + VALID.slice(4).join('\n') + '\n');
  });

  it('is one WorkspaceEdit that creates files without overwriting, applied directly unless cape.split.preview asks for confirmation', () => {
    const plan = planSplitEdit(analysis, environment())!;
    const creates = plan.edit.documentChanges!.filter((c) => 'kind' in c && c.kind === 'create');
    assert.deepEqual(creates.map((c) => ('uri' in c ? c.uri : '')), ['file:///work/master-part1-of-2.csv', 'file:///work/master-part2-of-2.csv']);
    assert.ok(creates.every((c) => 'options' in c && c.options?.overwrite === false && c.options?.ignoreIfExists === false));
    assert.equal(plan.edit.changeAnnotations!['cape.split'].needsConfirmation, false);
    const previewed = planSplitEdit(analysis, { ...environment(), preview: true })!;
    assert.equal(previewed.edit.changeAnnotations!['cape.split'].needsConfirmation, true);
  });

  it('is the quick fix of over-limit, and a refactoring that says why it is disabled on a small file', () => {
    const overLimit = toDiagnostics(analysis).filter((d) => d.code === 'over-limit');
    const actions = getCodeActions(analysis, overLimit[0].range, overLimit, ['quickfix'], environment(['master-part1-of-2.csv']));
    const split = actions.find((a) => a.title.startsWith('Split into 2 declarations of at most 9,999'))!;
    assert.match(split.title, /master-part1-of-2\.csv exists: writing master-part1-of-2 \(2\)\.csv/);
    assert.deepEqual(split.command, { title: split.title, command: 'cape.server.split', arguments: [URI] });
    const small = analyze(decl(...VALID), URI, settings());
    const refactor = getCodeActions(small, overLimit[0].range, [], ['refactor'], environment());
    assert.equal(refactor[0].kind, SPLIT_REFACTOR_KIND);
    assert.match(refactor[0].disabled!.reason, /fit in one declaration/);
    const unsaved = getCodeActions(analyze(big.text, 'untitled:Untitled-1', settings()), overLimit[0].range, [], ['refactor'], { directoryUri: undefined, taken: () => false });
    assert.match(unsaved[0].disabled!.reason, /Save the declaration first/);
  });

  it('shows the parts in the outline, as folding ranges, and with a lens at each boundary', () => {
    const symbols = getDocumentSymbols(analysis);
    assert.deepEqual(symbols.map((s) => s.name), ['Header', 'Part 1: entries 1-9,999', 'Part 2: entries 10,000-10,500']);
    assert.equal(symbols[2].detail, 'lines 10,001-10,501');
    assert.deepEqual(getFoldingRanges(analysis).map((r) => [r.startLine, r.endLine]), [[1, 9999], [10000, 10500]]);
    const lenses = getSplitLenses(analysis);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 10000);
    assert.equal(lenses[0].command!.title, 'Part 2 of 2 starts here: Split Declaration');
    assert.deepEqual(getSplitLenses(analyze(decl(...VALID), URI, settings())), []);
  });
});

describe('prepare for upload', () => {
  const name = (i: number, n: number) => `up-part${i}-of-${n}.csv`;

  it('fixes, drops duplicates across files, keeps error-free entries, and reports the rest', () => {
    const a = decl(` ${VALID[0]}`, '200130003', 'MYK21681164', '', VALID[1]);
    const b = decl(VALID[1].toLowerCase(), VALID[2]);
    const result = prepareUpload([{ source: 'a.csv', uri: 'file:///a.csv', text: a }, { source: 'b.csv', uri: 'file:///b.csv', text: b }], settings(), name);
    assert.equal(result.parts.length, 1);
    assert.equal(result.parts[0].text, ['Entry Number', VALID[0], '00200130003', VALID[1], VALID[2]].join('\r\n') + '\r\n');
    assert.deepEqual(result.excluded.map((r) => `${r.source}:${r.line}:${r.codes.join('+')}`), ['a.csv:4:check-digit', 'a.csv:5:blank-line', 'b.csv:2:duplicate']);
    assert.equal(result.parts[0].entries + result.excluded.length, result.inputRows);
    assert.match(excludedCsv(result.excluded), /^Source,Line,Entry,Codes,Messages\r\na\.csv,4,MYK21681164,check-digit,"?Check digit/);
  });

  it('splits what it keeps into parts of at most the given size', () => {
    const result = prepareUpload([{ source: 'm.csv', uri: 'file:///m.csv', text: big.text }], settings(), name);
    assert.deepEqual(result.parts.map((p) => [p.name, p.entries]), [['up-part1-of-2.csv', 9999], ['up-part2-of-2.csv', 501]]);
  });
});
