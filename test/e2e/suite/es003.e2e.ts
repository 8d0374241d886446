/** A declaration beside an ES-003 export in a real VS Code: eligibility and deadlines. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, open } from './helpers';

describe('ES-003 entry data in VS Code', () => {
  it('shows eligibility and deadline diagnostics on a declaration beside an export', async () => {
    const editor = await open('es003/declaration.csv');
    const d = await diagnosticsWhere(editor.document.uri, (x) => x.some((y) => codeOf(y) === 'window-closed') && x.some((y) => codeOf(y) === 'no-entry-data'), 'eligibility diagnostics', true);
    const codes = new Set(d.map(codeOf));
    for (const code of ['no-entry-data', 'window-closing', 'window-closed', 'excluded-entry-type', 'no-ieepa-duty', 'refund-at-liquidation']) assert.ok(codes.has(code), `${code} in ${[...codes].join(', ')}`);
    const closing = d.find((x) => codeOf(x) === 'window-closing')!;
    assert.match(closing.message, /^7 days left: last filing day 2026-12-08/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, closing.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /\| Importer \| /);
    assert.match(text, /\| Days left \| 7 \(last filing day 2026-12-08\) \|/);
  });

  it('shows the unreadable row of the export in the export itself', async () => {
    const editor = await open('es003/es003-export.csv');
    const d = await diagnosticsWhere(editor.document.uri, (x) => x.length > 0, 'entry-data-row');
    assert.deepEqual(d.map((x) => `${x.range.start.line + 1}:${codeOf(x)}`), ['87:entry-data-row']);
  });
});
