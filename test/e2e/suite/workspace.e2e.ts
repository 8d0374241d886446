/** Workspace awareness in a real VS Code: duplicates across declarations and CBP results, opened or not. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { capeDiagnostics, codeOf, diagnosticsWhere, open, waitFor, workspaceFile } from './helpers';

describe('workspace awareness in VS Code', () => {
  it('flags entries shared between two declarations and those CBP already accepted or rejected', async () => {
    const editor = await open('workspace/march-declaration.csv');
    const d = await diagnosticsWhere(editor.document.uri, (x) => x.length >= 3, 'cross-file diagnostics');
    assert.deepEqual(d.map((x) => `${x.range.start.line + 1}:${codeOf(x)}`).sort(), ['2:already-declared', '4:duplicate-in-workspace', '6:rejected-by-cbp']);
    const duplicate = d.find((x) => codeOf(x) === 'duplicate-in-workspace')!;
    assert.match(duplicate.message, /april-declaration\.csv \(line 4\)/);
    assert.equal(duplicate.relatedInformation?.[0].location.uri.path, workspaceFile('workspace/april-declaration.csv').path);
  });

  it('lists the problems of a declaration that is not open (workspace diagnostics)', async () => {
    const april = workspaceFile('workspace/april-declaration.csv');
    assert.ok(!vscode.workspace.textDocuments.some((t) => t.uri.toString() === april.toString()), 'april is not open');
    const d = await waitFor(() => {
      const found = capeDiagnostics(april);
      return found.length >= 2 ? found : undefined;
    }, 'diagnostics of the unopened april declaration', 30000);
    assert.deepEqual(d.map((x) => `${x.range.start.line + 1}:${codeOf(x)}`).sort(), ['3:already-declared', '4:duplicate-in-workspace']);
  });

  it('hover shows where else the entry is and what CBP said', async () => {
    const editor = await open('workspace/march-declaration.csv');
    await diagnosticsWhere(editor.document.uri, (x) => x.length >= 3, 'diagnostics');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(3, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /Also declared in:\*\*\n- april-declaration\.csv, line 4/);
  });
});
