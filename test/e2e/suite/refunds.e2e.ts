/** The refund report in a real VS Code. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, open, waitFor } from './helpers';

describe('refunds in VS Code', () => {
  it('the code lens shows the expected refund and CAPE: Refund Report opens the report', async () => {
    const editor = await open('es003/declaration.csv');
    await diagnosticsWhere(editor.document.uri, (x) => x.length > 0, 'diagnostics', true);
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return l.some((x) => /expected refund/.test(x.command?.title ?? '')) ? l : undefined;
    }, 'the refund lens');
    const title = lenses.find((x) => /expected refund/.test(x.command!.title))!.command!.title;
    assert.match(title, /^40 entries · expected refund \$[\d,]+\.\d\d \(duty \$[\d,]+\.\d\d \+ interest \$[\d,]+\.\d\d/);
    await vscode.commands.executeCommand('cape.refundReport', editor.document.uri);
    const report = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().startsWith('# CAPE refund report')), 'the report');
    const total = /expected refund (\$[\d,]+\.\d\d)/.exec(title)![1];
    assert.ok(report.getText().includes(`**Expected refund ${total}**`), 'the lens and the report agree');
  });
});
