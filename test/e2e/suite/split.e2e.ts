/**
 * Split in a real VS Code, as far as the extension host can see it: the quick fix and refactoring
 * offered, the outline and the lens. Applying the split goes through VS Code's Refactor Preview,
 * which needs a person to tick and apply: the browser UI check in ../run.mjs does exactly that.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, open, workspaceFile } from './helpers';

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
});
