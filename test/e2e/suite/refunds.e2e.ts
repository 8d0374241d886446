/** The refund lenses and the Refund Report view in a real VS Code. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, open, waitFor } from './helpers';

describe('refunds in VS Code', () => {
  it('one short lens per fact; CAPE: Refund Report opens a view with the totals and two charts', async () => {
    const editor = await open('es003/declaration.csv');
    await diagnosticsWhere(editor.document.uri, (x) => x.length > 0, 'diagnostics', true);
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return l.some((x) => /^Expected refund/.test(x.command?.title ?? '')) ? l : undefined;
    }, 'the refund lens');
    const titles = lenses.map((l) => l.command!.title);
    assert.ok(titles.every((t) => t.length < 60), titles.join(' | '));
    assert.ok(titles.some((t) => /at risk \(\d+ entries\)$/.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /window(s)? close within 14 days$/.test(t)), titles.join(' | '));
    // The lens runs the client's report here (the server's command elsewhere).
    const first = lenses.find((l) => /^Expected refund/.test(l.command!.title))!;
    assert.equal(first.command!.command, 'cape.refundReport');
    const total = /^Expected refund (\$[\d,]+\.\d\d)/.exec(first.command!.title)![1];
    await vscode.commands.executeCommand(first.command!.command, ...(first.command!.arguments ?? []));
    const html = await waitFor(async () => (await vscode.commands.executeCommand<string | undefined>('cape.refundReportHtml')) ?? undefined, 'the report view');
    assert.ok(html.includes(`<strong id="total-refund">${total}</strong>`), 'the lens and the report agree');
    assert.match(html, /<svg id="chart-by-liquidation"[^>]*>.*<rect class="bar"/s);
    assert.match(html, /<svg id="chart-deadlines"[^>]*>.*<rect class="bar"/s);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /<a href="#" data-path="[^"]*declaration\.csv"[^>]*>es003\/declaration\.csv<\/a>/);
  });
});
