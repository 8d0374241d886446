/**
 * Split in a real VS Code: the quick fix and refactoring offered, the outline and the lens, and the
 * split itself, which writes its parts directly (the browser UI check in ../run.mjs clicks through it).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, open, serverStatus, waitFor, workspaceFile } from './helpers';

describe('split in VS Code', () => {
  it('offers the split quick fix on over-limit, naming the next free files when one exists', async () => {
    await vscode.workspace.fs.writeFile(workspaceFile('over-limit-declaration-part1-of-2.csv'), new TextEncoder().encode('Entry Number\r\nmine\r\n'));
    const editor = await open('over-limit-declaration.csv');
    const overLimit = (await diagnosticsWhere(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'over-limit'), 'over-limit')).filter((x) => codeOf(x) === 'over-limit');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, overLimit[0].range, vscode.CodeActionKind.QuickFix.value);
    const split = actions.find((a) => a.title.startsWith('Split into 2 declarations of at most 9,999'));
    assert.ok(split?.command, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(split.title, /over-limit-declaration-part1-of-2\.csv exists: writing over-limit-declaration-part1-of-2 \(2\)\.csv/);
    assert.equal(split.command.command, 'cape.server.split');
    await vscode.workspace.fs.delete(workspaceFile('over-limit-declaration-part1-of-2.csv'));
  });

  it('offers the split refactoring anywhere in an over-limit declaration', async () => {
    const editor = await open('over-limit-declaration.csv');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(5, 0, 5, 0), 'refactor.cape.split');
    assert.deepEqual(actions.map((a) => [a.title, a.command?.command]), [['Split into 2 declarations of at most 9,999', 'cape.server.split']]);
  });

  it('shows the parts in the outline and a lens where part 2 starts', async () => {
    const editor = await open('over-limit-declaration.csv');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.deepEqual(symbols.map((s) => s.name), ['Header', 'Part 1: entries 1-9,999', 'Part 2: entries 10,000-10,500']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[10000, 'Part 2 of 2 starts here: Split Declaration']]);
  });

  it('CAPE: Split Declaration writes the parts directly; the source then shows one split-source note and the parts no duplicates', async () => {
    // Valid entry numbers: the last digit is the check digit of the first ten.
    const rows = Array.from({ length: 12 }, (_, i) => `ZZ9${String(i).padStart(7, '0')}`);
    const valid = rows.map((base) => base + checkDigit(base));
    await vscode.workspace.fs.writeFile(workspaceFile('twelve.csv'), new TextEncoder().encode(['Entry Number', ...valid].join('\r\n') + '\r\n'));
    const editor = await open('twelve.csv');
    const result = await vscode.commands.executeCommand<{ applied: boolean; files: string[] }>('cape.server.split', editor.document.uri.toString(), 5);
    assert.equal(result.applied, true);
    assert.deepEqual(result.files, ['twelve-part1-of-3.csv', 'twelve-part2-of-3.csv', 'twelve-part3-of-3.csv']);
    const part1 = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('twelve-part1-of-3.csv')));
    assert.equal(part1, ['Entry Number', ...valid.slice(0, 5)].join('\r\n') + '\r\n');
    const notes = await diagnosticsWhere(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'split-source'), 'the split-source note', true);
    assert.deepEqual(notes.map(codeOf), ['split-source']);
    const part = await open('twelve-part2-of-3.csv');
    const status = await waitFor(async () => {
      const s = await serverStatus(part.document.uri);
      return s.declaration ? s : undefined;
    }, 'the part\'s status');
    assert.deepEqual([status.entries, status.error, status.warning], [5, 0, 0], 'no duplicate-in-workspace against the source or the other parts');
    for (const name of ['twelve.csv', ...result.files]) await vscode.workspace.fs.delete(workspaceFile(name));
  });

  it('parts prepared from two declarations into a folder of their own are no duplicates of either source (their manifest says so)', async () => {
    const valid = Array.from({ length: 5 }, (_, i) => `ZZ8${String(i).padStart(7, '0')}`).map((base) => base + checkDigit(base));
    const text = (rows: string[]) => new TextEncoder().encode(['Entry Number', ...rows].join('\r\n') + '\r\n');
    // As prepare leaves them (its writing is tested in test/cli and test/lsp; the command asks for a
    // preview here): the two sources share an entry, kept once in the part, and the manifest names both.
    await vscode.workspace.fs.writeFile(workspaceFile('first.csv'), text(valid.slice(0, 3)));
    await vscode.workspace.fs.writeFile(workspaceFile('second.csv'), text(valid.slice(2)));
    const outDir = workspaceFile('upload batch');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(outDir, 'first-upload-part1-of-1.csv'), text(valid));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(outDir, 'manifest.csv'), new TextEncoder().encode('Part File,Entries,SHA-256,Warnings,Sources\r\nfirst-upload-part1-of-1.csv,5,-,,../first.csv | ../second.csv\r\n'));
    const second = await open('second.csv');
    await diagnosticsWhere(second.document.uri, (d) => d.some((x) => codeOf(x) === 'split-source'), 'the split-source note on the second source', true);
    const part = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(outDir, 'first-upload-part1-of-1.csv')));
    const status = await waitFor(async () => {
      const s = await serverStatus(part.document.uri);
      return s.declaration && s.entries === 5 && s.error === 0 ? s : undefined;
    }, 'the part checked with no error (no duplicate-in-workspace against its sources)');
    assert.equal(status.warning, 0);
    for (const name of ['first.csv', 'second.csv']) await vscode.workspace.fs.delete(workspaceFile(name));
    await vscode.workspace.fs.delete(outDir, { recursive: true });
  });
});

/** The check digit of a 10-character base (Luhn; digits only here). */
function checkDigit(base: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = base.charCodeAt(i);
    let v = c <= 57 ? c - 48 : c - 65 <= 8 ? c - 64 : c - 65 <= 17 ? c - 73 : c - 81;
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}
