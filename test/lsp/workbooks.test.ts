/**
 * Workbooks in the workspace, over the protocol (issue 20): an ES-003 workbook drives a declaration's
 * refund lens; a declaration workbook gets diagnostics naming sheet and row; a workbook that cannot be
 * read gets one error; the convert command writes upload-ready CSV parts and never the workbook.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-types';
import { TestClient, waitFor } from '../helpers/lspClient';
import { decl, VALID } from '../helpers/service';
import { es003Rows, writeEncryptedWorkbook, writeWorkbook } from '../helpers/workbooks';
import { computeCheckDigit } from '../../server/src/service';

const NUMERIC = '0310000001' + computeCheckDigit('0310000001');

describe('language server over stdio: Excel workbooks', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-xlsx-'));
    const exportRows = es003Rows([{ entry: VALID[0], duty: '$10,000.00', summaryDate: '03/15/2025' }], true);
    // A row a spreadsheet damaged: its date is no date.
    exportRows.push([VALID[2], '001', '01', '12-3456789AB', '13/45/2025', '03/20/2025', '9903.01.25', 10, 'Unliquidated', '', 'N', '', '', 'N', 'N', 'N', '']);
    await writeWorkbook(path.join(dir, 'es003.xlsx'), [{ name: 'ES-003', rows: exportRows }]);
    await writeWorkbook(path.join(dir, 'entry-list.xlsx'), [{ name: 'Notes', rows: [] }, { name: 'Entries', rows: [['Entry Number'], [VALID[1]], [Number(NUMERIC)]] }]);
    writeEncryptedWorkbook(path.join(dir, 'secret.xlsx'));
    fs.writeFileSync(path.join(dir, 'd.csv'), decl(VALID[0]));
    client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString(), settings: { filingDate: '2026-03-01', refund: { processingDays: 14 } } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an ES-003 workbook in the workspace drives the refund lens of a declaration', async () => {
    const uri = pathToFileURL(path.join(dir, 'd.csv')).toString();
    await client.open(uri, decl(VALID[0]));
    const lenses = await waitFor(async () => {
      const l: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
      return l.some((x) => /Expected refund/.test(x.command!.title)) ? l : undefined;
    }, 10000, 'the refund lens');
    // The same figure as the CSV export gives (test/lsp/refunds.test.ts): $10,000.00 + $618.31 interest.
    assert.equal(lenses[0].command!.title, 'Expected refund $10,618.31');
  });

  it('a declaration workbook gets its diagnostics in workspace diagnostics, naming sheet and row; a password-protected one gets one error', async () => {
    const book = pathToFileURL(path.join(dir, 'entry-list.xlsx')).toString();
    const secret = pathToFileURL(path.join(dir, 'secret.xlsx')).toString();
    const report = await client.workspaceDiagnostics((r) => r.has(book) && r.has(secret), 'workspace diagnostics of the workbooks');
    const found = report.get(book)!.map((d) => `${d.range.start.line + 1}:${d.code}`);
    assert.ok(found.includes('1:workbook'), found.join());
    assert.ok(found.includes('3:leading-zeros-lost'), found.join());
    const lost = report.get(book)!.find((d) => d.code === 'leading-zeros-lost')!;
    assert.match(String(lost.message), /\(sheet "Entries", row 3\)$/);
    // The export workbook cannot be opened as text: its unreadable row is listed here, with sheet and row.
    const exportItems = report.get(pathToFileURL(path.join(dir, 'es003.xlsx')).toString())!;
    assert.deepEqual(exportItems.map((d) => `${d.range.start.line + 1}:${d.code}`), ['3:entry-data-row']);
    assert.match(String(exportItems[0].message), /\(sheet "ES-003", row 3\)$/);
    const unreadable = report.get(secret)!;
    assert.deepEqual(unreadable.map((d) => [d.code, d.severity]), [['workbook-unreadable', 1]]);
    assert.match(String(unreadable[0].message), /password-protected/);
  });

  it('the convert command writes upload-ready CSV parts beside the workbook, and leaves the workbook alone', async () => {
    const book = pathToFileURL(path.join(dir, 'entry-list.xlsx')).toString();
    const before = fs.readFileSync(path.join(dir, 'entry-list.xlsx'));
    assert.ok(client.serverCapabilities.executeCommandProvider.commands.includes('cape.server.convertWorkbook'));
    const result: { applied: boolean; files: string[]; accepted: number } = await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.convertWorkbook', arguments: [book] });
    assert.equal(result.applied, true);
    assert.equal(result.accepted, 2);
    assert.deepEqual(result.files, ['entry-list-upload-part1-of-1.csv', 'manifest.csv', 'excluded.csv']);
    const edit = client.appliedEdits.at(-1)!.edit;
    const created = edit.documentChanges.filter((c: { kind?: string }) => c.kind === 'create').map((c: { uri: string }) => c.uri);
    assert.ok(created.every((u: string) => u.includes('/entry-list-upload/')));
    const part = edit.documentChanges.find((c: { textDocument?: { uri: string } }) => c.textDocument?.uri.endsWith('part1-of-1.csv')).edits[0].newText;
    assert.equal(part, `Entry Number\r\n${VALID[1]}\r\n${NUMERIC}\r\n`);
    // Only new files, so no preview is asked for.
    assert.equal(Object.values(edit.changeAnnotations as Record<string, { needsConfirmation: boolean }>)[0].needsConfirmation, false);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'entry-list.xlsx')), before);
    const refused: { applied: boolean; reason: string } = await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.convertWorkbook', arguments: [pathToFileURL(path.join(dir, 'd.csv')).toString()] });
    assert.equal(refused.applied, false);
    assert.match(refused.reason, /not an Excel workbook/);
  });
});

describe('language server over stdio: cape.workbook.sheet', function () {
  this.timeout(30000);
  it('reads the sheet the setting names in each workbook that has it; another is read at its first sheet with data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-sheet-'));
    await writeWorkbook(path.join(dir, 'list.xlsx'), [{ name: 'Old', rows: [['Entry Number'], [VALID[0]]] }, { name: 'Current', rows: [['Entry Number'], [VALID[1]], [Number(NUMERIC)]] }]);
    await writeWorkbook(path.join(dir, 'other.xlsx'), [{ name: 'Sheet1', rows: [['Entry Number'], [VALID[2]], [Number(NUMERIC)]] }]);
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString(), settings: { workbook: { sheet: 'current' } } });
    try {
      const list = pathToFileURL(path.join(dir, 'list.xlsx')).toString();
      const other = pathToFileURL(path.join(dir, 'other.xlsx')).toString();
      const report = await client.workspaceDiagnostics((r) => r.has(list) && r.has(other), 'workspace diagnostics of both workbooks');
      const lost = report.get(list)!.find((d) => d.code === 'leading-zeros-lost');
      assert.match(String(lost?.message), /\(sheet "Current", row 3\)$/);
      const first = report.get(other)!.find((d) => d.code === 'leading-zeros-lost');
      assert.match(String(first?.message), /\(sheet "Sheet1", row 3\)$/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
