/**
 * A CLI run's declarations checked with one parse each where that is enough (checkDeclarations) must
 * give exactly what the straightforward way gives: every file's keys indexed first, then each file
 * analyzed against the full index. Random workspaces mix what the cross-file rules read: entries
 * shared between files (valid, damaged and not entry-number shaped), split families, CBP results and
 * ES-003 exports.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, checkDeclarations, declarationKeys, toDiagnostics, withWorkspace, WorkspaceIndex } from '../../server/src/service';
import { aggregate, es003Text } from '../helpers/es003';
import { decl, settings, VALID } from '../helpers/service';

const FILING_DATE = '2026-12-01';
const POOL = [...VALID, 'ABCDEFGHIJK', 'myk21681165', ' BII26662403', '2.61E+10', 'EJ4456320', 'MYK-2168116-5', '="31635072007"'];

interface Workspace {
  files: { uri: string; text: string }[];
  results?: string;
  entryData?: string;
}

const rows = fc.array(fc.oneof(fc.nat({ max: POOL.length - 1 }).map((i) => POOL[i]), fc.constant('')), { maxLength: 6 });
const workspace: fc.Arbitrary<Workspace> = fc.record({
  plain: fc.array(rows, { minLength: 1, maxLength: 5 }),
  // A source and its parts: the parts hold its entries in order, or drift from them.
  family: fc.option(fc.tuple(rows, fc.boolean()), { nil: undefined }),
  results: fc.option(fc.subarray(VALID), { nil: undefined }),
  entryData: fc.option(fc.subarray(VALID), { nil: undefined }),
}).map(({ plain, family, results, entryData }) => {
  const files = plain.map((entries, i) => ({ uri: `file:///w/d${i}.csv`, text: decl(...entries) }));
  if (family) {
    const [entries, drift] = family;
    const half = Math.ceil(entries.length / 2);
    files.push({ uri: 'file:///w/big.csv', text: decl(...entries) });
    files.push({ uri: 'file:///w/big-part1-of-2.csv', text: decl(...entries.slice(0, half)) });
    files.push({ uri: 'file:///w/big-part2-of-2.csv', text: decl(...(drift ? [...entries.slice(half), VALID[0]] : entries.slice(half))) });
  }
  return {
    files,
    results: results && `Entry Number,Status,Error Description\r\n${results.map((key, i) => `${key},${i % 2 ? 'Rejected' : 'Accepted'},${i % 2 ? 'ENTRY ALREADY CLAIMED' : ''}`).join('\r\n')}\r\n`,
    entryData: entryData && es003Text(entryData.map((entry, i) => ({ entry, status: i % 2 ? 'Liquidated' : 'Unliquidated', liquidationDate: i % 2 ? '09/01/2026' : '' }))),
  };
});

/** The index with the workspace's results and exports, as the loader leaves it (declarations not yet indexed). */
function baseIndex(ws: Workspace): WorkspaceIndex {
  const index = new WorkspaceIndex();
  if (ws.results) index.setResults('file:///w/results.csv', ws.results);
  if (ws.entryData) {
    const data = aggregate(ws.entryData);
    index.setEntryData('file:///w/es003.csv', data.facts, data.problems, data.rows);
  }
  return index;
}

describe('checking many declarations with one parse each', () => {
  it('gives every file exactly the findings of indexing all first and analyzing each after', () => {
    let onePass = 0;
    let reanalyzed = 0;
    fc.assert(fc.property(workspace, (ws) => {
      const reference = baseIndex(ws);
      for (const f of ws.files) reference.setDeclarationKeys(f.uri, declarationKeys(f.text));
      const expected = ws.files.map((f) => toDiagnostics(withWorkspace(analyze(f.text, f.uri, settings()), reference, FILING_DATE, { indexedAsIs: true })));
      const index = baseIndex(ws);
      const finished: number[] = [];
      const actual = checkDeclarations(index, ws.files, settings(), FILING_DATE, (analysis, i) => {
        finished.push(i);
        return toDiagnostics(analysis);
      });
      assert.deepEqual(actual, expected);
      // The index holds every file as if each had been indexed on its own.
      for (const f of ws.files) for (const key of POOL) assert.deepEqual(index.occurrencesElsewhere(key, f.uri), reference.occurrencesElsewhere(key, f.uri), `${key} from ${f.uri}`);
      reanalyzed += finished.length - ws.files.length;
      onePass += ws.files.length - (finished.length - ws.files.length);
    }), { seed: 23, numRuns: 400 });
    // Both ways were taken many times: files that shared nothing, and files analyzed again.
    assert.ok(onePass > 200 && reanalyzed > 200, `${onePass} files in one pass, ${reanalyzed} analyzed again`);
  });

  it('gives the same for files past cape.maxEntries, undecoded UTF-16, a semicolon save and quoted cells', () => {
    const files = [
      { uri: 'file:///w/long.csv', text: decl(...VALID, VALID[0]) },
      { uri: 'file:///w/utf16.csv', text: Buffer.from(decl(VALID[1]), 'utf16le').toString('latin1') },
      { uri: 'file:///w/semicolon.csv', text: `Entry Number;Note\r\n${VALID[2]};x\r\n${VALID[3]};y\r\n` },
      { uri: 'file:///w/quoted.csv', text: `Entry Number\r\n"${VALID[3]}"\r\n"${VALID[4]}"\r\n` },
    ];
    const limited = settings({ maxEntries: 3 });
    const reference = new WorkspaceIndex();
    for (const f of files) reference.setDeclarationKeys(f.uri, declarationKeys(f.text));
    const expected = files.map((f) => toDiagnostics(withWorkspace(analyze(f.text, f.uri, limited), reference, FILING_DATE, { indexedAsIs: true })));
    assert.deepEqual(checkDeclarations(new WorkspaceIndex(), files, limited, FILING_DATE, (analysis) => toDiagnostics(analysis)), expected);
    assert.ok(expected[2].some((d) => d.code === 'duplicate-in-workspace') && expected[3].some((d) => d.code === 'duplicate-in-workspace'), 'the semicolon save and the quoted file share an entry');
  });

  it('checks a file again when another file holds its entry, and not when nothing is shared', () => {
    const files = [
      { uri: 'file:///w/a.csv', text: decl(VALID[0], VALID[1]) },
      { uri: 'file:///w/b.csv', text: decl(VALID[2], 'ABCDEFGHIJK') },
      { uri: 'file:///w/c.csv', text: decl(VALID[1], 'ABCDEFGHIJK', VALID[3]) },
    ];
    const again: string[] = [];
    const seen = new Set<number>();
    const found = checkDeclarations(new WorkspaceIndex(), files, settings(), FILING_DATE, (analysis, i) => {
      if (seen.has(i)) again.push(files[i].uri);
      seen.add(i);
      return toDiagnostics(analysis).map((d) => `${d.range.start.line}:${d.code}`);
    });
    // a and c share an entry; b and c share an entry that is not entry-number shaped.
    assert.deepEqual(again, ['file:///w/a.csv', 'file:///w/b.csv', 'file:///w/c.csv']);
    assert.ok(found[0].includes('2:duplicate-in-workspace'));
    assert.ok(found[1].includes('2:duplicate-in-workspace'));
    assert.ok(found[2].includes('1:duplicate-in-workspace') && found[2].includes('2:duplicate-in-workspace'));
    const alone: string[] = [];
    checkDeclarations(new WorkspaceIndex(), [files[0], { uri: 'file:///w/d.csv', text: decl(VALID[4]) }], settings(), FILING_DATE, (_, i) => alone.push(String(i)));
    assert.deepEqual(alone, ['0', '1']);
  });
});
