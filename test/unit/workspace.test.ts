import * as assert from 'node:assert/strict';
import { analyze, buildModel, getHover, toDiagnostics, withWorkspace, WorkspaceIndex, type DiagnosticData } from '../../server/src/service';
import { decl, settings, VALID } from '../helpers/service';

const A = 'file:///w/a.csv';
const B = 'file:///w/b.csv';
const C = 'file:///w/c.csv';
const R = 'file:///w/claims.csv';
const [V0, V1, V2, V3] = VALID;

function indexOf(files: Record<string, string>, results: Record<string, string> = {}): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.setDeclaration(uri, buildModel(text, uri));
  for (const [uri, text] of Object.entries(results)) index.setResults(uri, text);
  return index;
}

function diagnoseIn(index: WorkspaceIndex, uri: string, text: string) {
  return toDiagnostics(withWorkspace(analyze(text, uri, settings()), index, '2026-12-01'));
}

describe('workspace index', () => {
  it('finds an entry in other files, with the line, whatever its spelling', () => {
    const index = indexOf({ [A]: decl(V0, V1), [B]: decl(V2, V1.toLowerCase()), [C]: decl(V3) });
    assert.deepEqual(index.occurrencesElsewhere(V1, A), [{ uri: B, line: 2 }]);
    assert.deepEqual(index.occurrencesElsewhere(V0, A), []);
  });

  it('follows changes, deletions and renames', () => {
    const index = indexOf({ [A]: decl(V0, V1), [B]: decl(V1) });
    const before = index.generation;
    index.setDeclaration(B, buildModel(decl(V2), B));
    assert.ok(index.generation > before);
    assert.deepEqual(index.occurrencesElsewhere(V1, A), []);
    index.setDeclaration(B, buildModel(decl(V0), B));
    assert.deepEqual(index.occurrencesElsewhere(V0, A), [{ uri: B, line: 1 }]);
    index.remove(B);
    index.setDeclaration(C, buildModel(decl(V0), C)); // B renamed to C
    assert.deepEqual(index.occurrencesElsewhere(V0, A), [{ uri: C, line: 1 }]);
    index.remove(A);
    assert.deepEqual(index.occurrencesElsewhere(V0, C), []);
    assert.deepEqual(index.declarationUris(), [C]);
  });

  it('reports duplicate-in-workspace once per file, naming the other files, and keeps in-file duplicates separate', () => {
    const index = indexOf({ [A]: decl(V0, V1, V1), [B]: decl(V1), [C]: decl(V1) });
    const d = diagnoseIn(index, A, decl(V0, V1, V1));
    assert.deepEqual(d.map((x) => `${x.range.start.line}:${x.code}`), ['2:duplicate-in-workspace', '3:duplicate']);
    const cross = d[0];
    assert.match(String(cross.message), /Also in b\.csv \(line 2\), c\.csv \(line 2\)/);
    assert.deepEqual(cross.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line]), [[B, 1], [C, 1]]);
    assert.equal((cross.data as DiagnosticData).fix!.title, 'Delete this line (it stays in b.csv)');
  });

  it('reads CBP results: accepted entries are already declared, rejected ones say what to do', () => {
    const results = ['ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION', `${V0},CAPE123,Accepted,`, `${V1},CAPE123,Rejected,STATEMENT PROCESSING NOT COMPLETE`, `${V2},CAPE124,Rejected,NO IEEPA HTS ON ENTRY`].join('\r\n');
    const index = indexOf({ [A]: decl(V0, V1, V2, V3) }, { [R]: results });
    const d = diagnoseIn(index, A, decl(V0, V1, V2, V3));
    assert.deepEqual(d.map((x) => `${x.range.start.line}:${x.code}:${x.severity}`), ['1:already-declared:1', '2:rejected-by-cbp:2', '3:rejected-by-cbp:2']);
    assert.match(String(d[0].message), /Already accepted on CAPE claim CAPE123; ACE will reject it again/);
    assert.match(String(d[1].message), /"STATEMENT PROCESSING NOT COMPLETE"\. Re-filing can help once you act: the periodic statement is not yet paid/);
    assert.match(String(d[2].message), /Re-filing will not help: the entry has no IEEPA/);
    assert.equal(d[0].relatedInformation![0].location.uri, R);
  });

  it('recognizes results headers by case, spaces and underscores, tab-delimited too, and accepted wins over rejected', () => {
    const tsv = [`Entry Number\tCAPE Claim Number\tClaim Status\tReason`, `${V0}\tC1\tRejected by batch validation\tINVALID HTS`, `${V0.slice(0, 3)}-${V0.slice(3, 10)}-${V0[10]}\tC2\tAccepted\t`].join('\n');
    const index = indexOf({ [A]: decl(V0) }, { [R]: tsv });
    assert.deepEqual(diagnoseIn(index, A, decl(V0)).map((x) => x.code), ['already-declared']);
  });

  it('forgets results when their file goes', () => {
    const index = indexOf({ [A]: decl(V0) }, { [R]: `ENTRY_NUMBER,CLAIM_NUMBER,STATUS\n${V0},C1,Accepted\n` });
    index.remove(R);
    assert.deepEqual(diagnoseIn(index, A, decl(V0)), []);
  });

  it('cape.rules turns the cross-file codes off', () => {
    const index = indexOf({ [A]: decl(V0), [B]: decl(V0) });
    assert.deepEqual(toDiagnostics(withWorkspace(analyze(decl(V0), A, settings({ rules: { 'duplicate-in-workspace': 'off' } })), index, '2026-12-01')), []);
  });

  it('hover lists the other places and the CBP status', () => {
    const index = indexOf({ [A]: decl(V0), [B]: decl(V0) }, { [R]: `ENTRY_NUMBER,CLAIM_NUMBER,STATUS\n${V0},C9,Accepted\n` });
    const hover = getHover(withWorkspace(analyze(decl(V0), A, settings()), index, '2026-12-01'), { line: 1, character: 1 })!;
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /Also declared in:\*\*\n- b\.csv, line 2/);
    assert.match(text, /\*\*CBP:\*\* accepted on claim C9 \(claims\.csv, line 2\)/);
  });
});

describe('workspace index: edits in place', () => {
  it('an edit that keeps the entry count moves only the changed keys, and gives the same answers as a full re-index', () => {
    const index = indexOf({ [A]: decl(V0, V1, V2), [B]: decl(V3) });
    const g = index.generation;
    index.setDeclaration(A, buildModel(decl(V0, V1, V2), A));
    assert.equal(index.generation, g, 'same entries: nothing changed for anyone');
    index.setDeclaration(A, buildModel(decl(V0, V3, V2), A)); // V1 -> V3: now shared with B
    assert.ok(index.generation > g);
    assert.deepEqual(index.occurrencesElsewhere(V3, B), [{ uri: A, line: 2 }]);
    assert.deepEqual(index.occurrencesElsewhere(V1, B), []);
    index.setDeclaration(A, buildModel(decl(V0, V3, V3), A)); // a key twice in one file
    index.setDeclaration(A, buildModel(decl(V0, V1, V3), A)); // one of the two goes: A still holds V3
    assert.deepEqual(index.occurrencesElsewhere(V3, B), [{ uri: A, line: 3 }]);
    const fresh = indexOf({ [A]: decl(V0, V1, V3), [B]: decl(V3) });
    for (const key of [V0, V1, V2, V3]) assert.deepEqual(index.occurrencesElsewhere(key, B), fresh.occurrencesElsewhere(key, B), key);
  });
});
