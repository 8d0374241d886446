/** Declarations in a real VS Code: diagnostics, hover, quick fixes, fix all, gating, settings, commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { capeDiagnostics, codeOf, diagnosticsWhere, EXTENSION_ID, open, serverStatus, waitFor, workspaceFile } from './helpers';

const DAMAGED = 'damaged-declaration.csv';

describe('CAPE declarations in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    // No file is open yet: the workspace holds CSV files, so the extension starts on its own.
    await waitFor(() => extension.isActive, 'the extension to activate at startup');
  });

  it('at startup, before any file is opened, Problems lists the problems of declarations that are not open', async () => {
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith('damaged-declaration.csv')), 'not open');
    const diagnostics = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(workspaceFile('damaged-declaration.csv')).filter((x) => x.source === 'cape');
      return d.length >= 12 ? d : undefined;
    }, 'workspace diagnostics of the unopened damaged example');
    assert.ok(diagnostics.some((d) => codeOf(d) === 'check-digit'));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a clean declaration has no problems', async () => {
    const editor = await open('clean-declaration.csv');
    const status = await serverStatus(editor.document.uri);
    assert.deepEqual([status.declaration, status.entries, status.error], [true, 30, 0]);
    assert.deepEqual(capeDiagnostics(editor.document.uri), []);
  });

  it('shows every problem of the damaged example with codes, ranges and severities', async () => {
    const editor = await open(DAMAGED);
    const diagnostics = await diagnosticsWhere(editor.document.uri, (d) => d.length >= 12, 'the damaged example\'s diagnostics');
    const summary = diagnostics.map((d) => `${d.range.start.line + 1}:${codeOf(d)}:${d.severity}`).sort();
    const E = vscode.DiagnosticSeverity.Error;
    const W = vscode.DiagnosticSeverity.Warning;
    assert.deepEqual(summary, [
      `10:duplicate:${E}`, `11:check-digit:${E}`, `12:lowercase:${W}`, `13:blank-line:${W}`, `14:quoted:${W}`,
      `15:trailing-comma:${W}`, `16:entry-length:${E}`, `3:whitespace:${W}`, `4:hyphenated:${W}`,
      `5:leading-zeros-lost:${E}`, `6:leading-zeros-lost:${E}`, `7:scientific-notation:${E}`,
    ]);
    const digit = diagnostics.find((d) => codeOf(d) === 'check-digit')!;
    assert.deepEqual([digit.range.start.character, digit.range.end.character], [0, 11]);
    assert.match(String((digit.code as { target: vscode.Uri }).target), /docs\/rules\.md#check-digit$/);
  });

  it('explains an entry on hover', async () => {
    const editor = await open(DAMAGED);
    await diagnosticsWhere(editor.document.uri, (d) => d.length > 0, 'diagnostics');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(10, 4));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /9Q2-9736712-0/);
    assert.match(text, /need 4/);
    assert.match(text, /entry 10 of 15/);
  });

  it('offers quick fixes, and applying one changes the document', async () => {
    const editor = await open(DAMAGED);
    const uri = editor.document.uri;
    const whitespace = (await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'whitespace'), 'whitespace')).find((x) => codeOf(x) === 'whitespace')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whitespace.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Remove the spaces');
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(editor.document.lineAt(2).text, 'BII26662403');
    await diagnosticsWhere(uri, (d) => !d.some((x) => codeOf(x) === 'whitespace'), 'the whitespace problem to go');
    const digit = capeDiagnostics(uri).find((x) => codeOf(x) === 'check-digit')!;
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, digit.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(none.filter((a) => a.diagnostics?.some((d) => codeOf(d) === 'check-digit')), [], 'never a fix for a check digit');
  });

  it('CAPE: Fix All Problems applies only the lossless fixes', async () => {
    const editor = await open(DAMAGED);
    await diagnosticsWhere(editor.document.uri, (d) => d.length >= 12, 'diagnostics');
    await vscode.commands.executeCommand('cape.fixAll');
    const expected = ['Entry Number', 'MYK21681165', 'BII26662403', 'EJ445632006', '00200130003', '01326110317', '2.61103E+10', 'A7K64546569',
      'MYK80821769', '9Q297367120', 'EJ401157121', '9Q218424962', '31601852168', 'A7K5225920', 'MYK86469043'].map((l) => l + '\r\n').join('');
    assert.equal(editor.document.getText(), expected);
    const left = await diagnosticsWhere(editor.document.uri, (d) => d.length === 3, 'three problems that need a person');
    assert.deepEqual(left.map(codeOf).sort(), ['check-digit', 'entry-length', 'scientific-notation']);
  });

  it('leaves a CSV that is not a declaration alone', async () => {
    const editor = await open('not-a-declaration.csv');
    assert.equal((await serverStatus(editor.document.uri)).declaration, false);
    assert.deepEqual(capeDiagnostics(editor.document.uri), []);
  });

  it('Treat This File as a CAPE Declaration checks it, and Not a Declaration stops again', async () => {
    const editor = await open('not-a-declaration.csv');
    await vscode.commands.executeCommand('cape.treatAsDeclaration');
    const d = await diagnosticsWhere(editor.document.uri, (x) => x.length > 0, 'diagnostics on the treated file');
    assert.ok(d.some((x) => codeOf(x) === 'header-mismatch'));
    await vscode.commands.executeCommand('cape.treatAsNotDeclaration');
    await diagnosticsWhere(editor.document.uri, (x) => x.length === 0, 'the diagnostics to clear');
  });

  it('a cape.rules change takes effect', async () => {
    const editor = await open(DAMAGED);
    const uri = editor.document.uri;
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'hyphenated'), 'hyphenated');
    const config = vscode.workspace.getConfiguration('cape', uri);
    await config.update('rules', { hyphenated: 'off', 'blank-line': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      const d = await diagnosticsWhere(uri, (x) => !x.some((y) => codeOf(y) === 'hyphenated'), 'hyphenated to be off');
      assert.equal(d.find((x) => codeOf(x) === 'blank-line')!.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'hyphenated'), 'hyphenated to come back');
  });

  it('New CAPE Declaration opens an untitled declaration with the header', async () => {
    await vscode.commands.executeCommand('cape.newDeclaration');
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.isUntitled, true);
    assert.equal(document.languageId, 'cape');
    assert.equal(document.getText(), 'Entry Number\r\n');
    const d = await diagnosticsWhere(document.uri, (x) => x.length > 0, 'empty-declaration');
    assert.deepEqual(d.map(codeOf), ['empty-declaration']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a *.cape.csv file gets the CAPE language and its grammar', async () => {
    const editor = await open('march.cape.csv');
    assert.equal(editor.document.languageId, 'cape');
    const d = await diagnosticsWhere(editor.document.uri, (x) => x.length > 0, 'header-missing');
    assert.deepEqual(d.map(codeOf), ['header-missing']);
  });

  it('Restart Language Server brings diagnostics back', async () => {
    await vscode.commands.executeCommand('cape.restartServer');
    const editor = await open(DAMAGED);
    await diagnosticsWhere(editor.document.uri, (d) => d.length >= 12, 'diagnostics after the restart');
    assert.ok(workspaceFile(DAMAGED));
  });
});

describe('the language server process in VS Code', () => {
  it('is restarted by the client when it dies, and diagnostics come back', async () => {
    const editor = await open('damaged-declaration.csv');
    const before = (await serverStatus(editor.document.uri)) as { pid?: number };
    assert.ok(before.pid, 'the server reports its process id');
    process.kill(before.pid!, 'SIGKILL');
    const after = await waitFor(async () => {
      try {
        const status = (await serverStatus(editor.document.uri)) as { pid?: number; declaration: boolean };
        return status.pid && status.pid !== before.pid ? status : undefined;
      } catch {
        return undefined;
      }
    }, 'a restarted server', 30000);
    assert.equal(after.declaration, true);
    await diagnosticsWhere(editor.document.uri, (d) => d.length >= 12, 'diagnostics from the restarted server');
  });
});
