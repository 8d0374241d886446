/** An Excel workbook in a real VS Code: its problems in the Problems view, and the convert command's clean parts. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { capeDiagnostics, codeOf, diagnosticsWhere, serverStatus, waitFor, workspaceFile } from './helpers';

describe('Excel workbooks in VS Code', () => {
  it('lists a workbook\'s problems, each naming its sheet and row, without opening it', async () => {
    const book = workspaceFile('workbooks/entry-list.xlsx');
    const d = await diagnosticsWhere(book, (x) => x.some((y) => codeOf(y) === 'leading-zeros-lost'), 'the workbook\'s diagnostics');
    assert.ok(d.some((x) => codeOf(x) === 'workbook' && x.range.start.line === 0));
    const lost = d.filter((x) => codeOf(x) === 'leading-zeros-lost');
    assert.equal(lost.length, 3);
    assert.match(lost[0].message, /\(sheet "Entries", row 10\)$/);
    assert.ok(d.some((x) => codeOf(x) === 'scientific-notation'));
  });

  it('CAPE: Convert Workbook to Declarations writes upload-ready CSV parts that have no errors', async () => {
    const book = workspaceFile('workbooks/entry-list.xlsx');
    const before = fs.readFileSync(book.fsPath);
    const result = await vscode.commands.executeCommand<{ applied: boolean; files: string[]; accepted: number }>('cape.convertWorkbook', book);
    assert.equal(result.applied, true, JSON.stringify(result));
    const excluded = () => fs.readFileSync(workspaceFile('workbooks/entry-list-upload/excluded.csv').fsPath, 'utf8');
    assert.equal(result.accepted, 11, excluded());
    const part = workspaceFile('workbooks/entry-list-upload/entry-list-upload-part1-of-1.csv');
    await waitFor(() => fs.existsSync(part.fsPath) || undefined, 'the part on disk');
    const text = fs.readFileSync(part.fsPath, 'utf8');
    assert.match(text, /^Entry Number\r\n/);
    assert.equal(text.trim().split(/\r\n/).length, 12);
    const document = await vscode.workspace.openTextDocument(part);
    await vscode.window.showTextDocument(document);
    // The part is checked like any declaration: the server's own count says it has its 11 entries and no error.
    const status = await waitFor(async () => {
      const s = await serverStatus(part);
      return s.declaration && s.entries === 11 ? s : undefined;
    }, 'the server\'s status of the part');
    assert.equal(status.error ?? 0, 0);
    assert.deepEqual(capeDiagnostics(part).filter((x) => x.severity === vscode.DiagnosticSeverity.Error).map(codeOf), []);
    assert.match(fs.readFileSync(workspaceFile('workbooks/entry-list-upload/excluded.csv').fsPath, 'utf8'), /scientific-notation/);
    assert.deepEqual(fs.readFileSync(book.fsPath), before);
  });
});
