/** The hour after the first check (issue 17): split sources, quick fixes for ineligible entries, quieter notes. */
import * as assert from 'node:assert/strict';
import {
  analyze, computeCheckDigit, declarationKeys, DEFAULT_SETTINGS, getCodeActions, partFileNames, splitDeclaration, toDiagnostics, withWorkspace, WorkspaceIndex, MOVE_INELIGIBLE_KIND,
} from '../../server/src/service';
import type { TextDocumentEdit, TextEdit, CreateFile, RenameFile } from 'vscode-languageserver-types';
import { decl, settings, VALID } from '../helpers/service';
import { aggregate, es003Text } from '../helpers/es003';

const FILING = '2026-12-01';
const DIR = 'file:///w/';

function entries(n: number, filer = 'KNX'): string[] {
  return Array.from({ length: n }, (_, i) => {
    const base = filer + String(i).padStart(7, '0');
    return base + computeCheckDigit(base);
  });
}

/** A workspace index of the given files (name -> text), and each file's workspace diagnostics. */
function workspaceOf(files: Record<string, string>, es003?: string) {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.setDeclarationKeys(DIR + name, declarationKeys(text));
  if (es003) {
    const data = aggregate(es003, DIR + 'es003.csv');
    index.setEntryData(DIR + 'es003.csv', data.facts, data.problems, data.rows);
  }
  const check = (name: string) => withWorkspace(analyze(files[name], DIR + name, settings()), index, FILING);
  const codes = (name: string) => toDiagnostics(check(name)).map((d) => `${d.range.start.line}:${d.code}`);
  return { index, check, codes };
}

describe('a split is a finished state', () => {
  const source = decl(...entries(12));
  const analysis = analyze(source, DIR + 'master.csv', settings());
  const parts = splitDeclaration(analysis, partFileNames('master.csv', 3, () => false).names, 5);

  it('the source gets one note, and neither it nor its parts show duplicate-in-workspace', () => {
    const files = { 'master.csv': source, ...Object.fromEntries(parts.map((p) => [p.name, p.text])) };
    const ws = workspaceOf(files);
    assert.deepEqual(ws.codes('master.csv'), ['0:split-source']);
    const note = toDiagnostics(ws.check('master.csv'))[0];
    assert.equal(note.severity, 3);
    assert.match(String(note.message), /Split into 3 parts \(master-part1-of-3\.csv, master-part2-of-3\.csv, master-part3-of-3\.csv\): upload the parts, not this file/);
    for (const part of parts) assert.deepEqual(ws.codes(part.name), [], part.name);
  });

  it('drift is said exactly: a missing part, a changed entry, entries added to the source', () => {
    const missing = workspaceOf({ 'master.csv': source, [parts[0].name]: parts[0].text, [parts[2].name]: parts[2].text });
    assert.match(String(toDiagnostics(missing.check('master.csv')).find((d) => d.code === 'split-source')!.message), /part 2 of 3 is missing/);
    const changed = parts[1].text.replace(entries(12)[6], entries(1, 'ZZZ')[0]);
    const edited = workspaceOf({ 'master.csv': source, [parts[0].name]: parts[0].text, [parts[1].name]: changed, [parts[2].name]: parts[2].text });
    const note = toDiagnostics(edited.check('master.csv')).find((d) => d.code === 'split-source')!;
    assert.equal(note.severity, 2);
    assert.match(String(note.message), /master-part2-of-3\.csv differs from the source at its entry 2 \(the source's entry 7\)/);
    const grown = workspaceOf({ 'master.csv': decl(...entries(13)), ...Object.fromEntries(parts.map((p) => [p.name, p.text])) });
    assert.match(String(toDiagnostics(grown.check('master.csv')).find((d) => d.code === 'split-source')!.message), /the source has 1 entries after the last part's/);
  });

  it('offers to archive the source: a rename into archived/ beside it', () => {
    const files = { 'master.csv': source, ...Object.fromEntries(parts.map((p) => [p.name, p.text])) };
    const ws = workspaceOf(files);
    const a = ws.check('master.csv');
    const d = toDiagnostics(a);
    const action = getCodeActions(a, d[0].range, d, ['quickfix']).find((x) => x.title.startsWith('Archive the split source'))!;
    assert.ok(action, 'archive action');
    assert.deepEqual(action.edit!.documentChanges![0] as RenameFile, { kind: 'rename', oldUri: DIR + 'master.csv', newUri: DIR + 'archived/master.csv', options: { overwrite: false, ignoreIfExists: false } });
  });

  it('a part with the same numbers as another declaration that is not its source still shows duplicates', () => {
    const ws = workspaceOf({ 'other.csv': decl(entries(12)[0]), [parts[0].name]: parts[0].text });
    assert.deepEqual(ws.codes('other.csv'), ['1:duplicate-in-workspace']);
  });
});

describe('quick fixes for entries ACE would reject', () => {
  const [V0, V1, V2, V3] = VALID;
  const es003 = es003Text([
    { entry: V0, type: '47' },
    { entry: V1, type: '47' },
    { entry: V2, status: 'Liquidated', liquidationDate: '06/01/2026' },
    { entry: V3 },
  ]);
  const text = decl(V0, V1, V2, V3);

  it('remove this entry (with its reason), and remove all N for that reason', () => {
    const ws = workspaceOf({ 'd.csv': text }, es003);
    const a = ws.check('d.csv');
    const d = toDiagnostics(a);
    const first = d.find((x) => x.code === 'excluded-entry-type')!;
    const titles = getCodeActions(a, first.range, [first], ['quickfix']).map((x) => x.title);
    assert.ok(titles.includes('Remove this entry (excluded entry type)'), titles.join(' | '));
    assert.ok(titles.includes('Remove all 2 entries ACE would reject for this reason (excluded entry type)'), titles.join(' | '));
    const closed = d.find((x) => x.code === 'window-closed')!;
    const remove = getCodeActions(a, closed.range, [closed], ['quickfix']).find((x) => x.title === 'Remove this entry (window closed)')!;
    assert.deepEqual(remove.edit!.changes![DIR + 'd.csv'].map((e) => e.range.start.line), [3]);
  });

  it('a source action moves every ineligible entry to excluded.csv with reasons: created when absent, appended when present', () => {
    const ws = workspaceOf({ 'd.csv': text }, es003);
    const a = ws.check('d.csv');
    const environment = (existing?: string) => ({ directoryUri: DIR, taken: () => existing !== undefined, siblingText: () => existing });
    const [move] = getCodeActions(a, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [MOVE_INELIGIBLE_KIND], environment());
    assert.equal(move.title, 'Move every ineligible entry (3) to excluded.csv, with reasons');
    const changes = move.edit!.documentChanges!;
    assert.deepEqual(changes[0] as CreateFile, { kind: 'create', uri: DIR + 'excluded.csv', options: { overwrite: false, ignoreIfExists: false } });
    const written = ((changes[1] as TextDocumentEdit).edits[0] as TextEdit).newText;
    assert.match(written, /^Source,Line,Entry,Codes,Messages\r\n/);
    for (const [entry, code] of [[V0, 'excluded-entry-type'], [V1, 'excluded-entry-type'], [V2, 'window-closed']]) assert.match(written, new RegExp(`d\\.csv,\\d,${entry},${code}`));
    assert.doesNotMatch(written, new RegExp(V3));
    assert.deepEqual((changes[2] as TextDocumentEdit).edits.map((e) => e.range.start.line), [1, 2, 3]);
    // An exclusion file already there is appended to, never replaced.
    const [append] = getCodeActions(a, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [MOVE_INELIGIBLE_KIND], environment('Source,Line,Entry,Codes,Messages\r\nold.csv,2,X,y,z\r\n'));
    const edit = append.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(edit.edits[0].range.start, { line: 2, character: 0 });
    assert.doesNotMatch((edit.edits[0] as TextEdit).newText, /^Source,/);
  });
});

describe('quieter notes', () => {
  it('no-entry-data only on a declaration that shares a filer code with an export', () => {
    const es003 = es003Text([{ entry: VALID[0] }]);
    const same = workspaceOf({ 'd.csv': decl(VALID[0], 'MYK' + entries(1, 'MYK')[0].slice(3)) }, es003);
    assert.ok(same.codes('d.csv').includes('0:no-entry-data'));
    const other = workspaceOf({ 'd.csv': decl(...entries(3, 'ZZZ')) }, es003);
    assert.deepEqual(other.codes('d.csv'), []);
    assert.doesNotMatch(String(toDiagnostics(same.check('d.csv')).find((d) => d.code === 'no-entry-data')!.message), /Hover/);
  });

  it('one split action in the lightbulb on an over-limit declaration', () => {
    const a = analyze(decl(...entries(10001)), DIR + 'big.csv', settings());
    const d = toDiagnostics(a).filter((x) => x.code === 'over-limit');
    const actions = getCodeActions(a, d[0].range, d, undefined, { directoryUri: DIR, taken: () => false });
    assert.equal(actions.filter((x) => /^Split into/.test(x.title)).length, 1);
  });
});

describe('split families with taken names', () => {
  it('parts written as `<stem>-partK-of-N (2).csv` (the first names were taken) are the family; the unrelated file keeps its duplicates', () => {
    const rows = Array.from({ length: 8 }, (_, i) => {
      const base = 'KNX' + String(i).padStart(7, '0');
      return base + computeCheckDigit(base);
    });
    const source = decl(...rows);
    const index = new WorkspaceIndex();
    const files: Record<string, string> = {
      'm.csv': source,
      'm-part1-of-2.csv': decl(rows[0]),
      'm-part1-of-2 (2).csv': decl(...rows.slice(0, 4)),
      'm-part2-of-2 (2).csv': decl(...rows.slice(4)),
    };
    for (const [name, text] of Object.entries(files)) index.setDeclarationKeys(DIR + encodeURIComponent(name), declarationKeys(text));
    const codes = (name: string) => toDiagnostics(withWorkspace(analyze(files[name], DIR + encodeURIComponent(name), settings()), index, FILING)).map((d) => `${d.range.start.line}:${d.code}`);
    assert.deepEqual(codes('m.csv'), ['0:split-source']);
    assert.deepEqual(codes('m-part2-of-2 (2).csv'), []);
    assert.deepEqual(codes('m-part1-of-2.csv'), ['1:duplicate-in-workspace']);
  });
});

describe('a declaration and the parts prepared from it', () => {
  const source = 'file:///w/list.csv';
  const part = 'file:///w/list-upload/list-upload-part1-of-1.csv';
  const index = (sourceText: string, partText: string) => {
    const i = new WorkspaceIndex();
    i.setDeclarationKeys(source, declarationKeys(sourceText));
    i.setDeclarationKeys(part, declarationKeys(partText));
    return i;
  };
  const entry = (filer: string, n: number) => {
    const base = filer + String(n).padStart(7, '0');
    return base + computeCheckDigit(base);
  };
  const [A, B, C] = [entry('MYK', 2800086), entry('BII', 599285), entry('EJ4', 1234567)];

  it('are one family: the parts are no duplicates of the source, which says to upload the parts', () => {
    // The source held a damaged row that prepare left out (listed in excluded.csv): the part has the rest.
    const sourceText = `Entry Number\r\n${A}\r\nnot-an-entry\r\n${B}\r\n`;
    const partText = `Entry Number\r\n${A}\r\n${B}\r\n`;
    const ws = index(sourceText, partText);
    const onPart = withWorkspace(analyze(partText, part, DEFAULT_SETTINGS), ws, '2026-12-01').findings.map((f) => f.code);
    assert.deepEqual(onPart, []);
    const onSource = withWorkspace(analyze(sourceText, source, DEFAULT_SETTINGS), ws, '2026-12-01').findings;
    assert.deepEqual(onSource.map((f) => f.code), ['split-source']);
    assert.match(onSource[0].message, /^Prepared as 1 upload-ready part \(list-upload-part1-of-1\.csv\): upload it, not this file/);
  });

  it('drift: a part holding an entry the source no longer holds is said, and the source keeps its findings', () => {
    const sourceText = `Entry Number\r\n${A}\r\nbad\r\n`;
    const partText = `Entry Number\r\n${A}\r\n${C}\r\n`;
    const onSource = withWorkspace(analyze(sourceText, source, DEFAULT_SETTINGS), index(sourceText, partText), '2026-12-01').findings;
    const note = onSource.find((f) => f.code === 'split-source')!;
    assert.equal(note.severity, 'warning');
    assert.match(note.message, /but list-upload-part1-of-1\.csv holds an entry the source no longer does \(its entry 2\)\. Prepare it again/);
    assert.ok(onSource.some((f) => f.code === 'entry-length'));
  });
});
