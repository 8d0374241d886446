/** The command table: each entry is one small action; the smart parts are in the server. */
import * as vscode from 'vscode';
import type { CapeContext } from './ctx';
import { COMMANDS as SERVER_COMMANDS, KINDS, type BuildResult, type PrepareResult, type WriteResult } from '../../server/src/protocol';
import { openReportHtml, showRefundReport } from './reportView';

const FIX_ALL_KIND = vscode.CodeActionKind.Empty.append(KINDS.fixAll);

type Command = (ctx: CapeContext, ...args: unknown[]) => unknown;

type ServerResult = WriteResult;

const basename = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** The result of an action the user started: one message, success or why not. */
function report<T extends ServerResult>(result: T | undefined, success: (r: T) => string): void {
  if (result?.applied) void vscode.window.showInformationMessage(success(result));
  else void vscode.window.showWarningMessage(`CAPE: nothing was written${result?.reason ? `: ${result.reason}` : ' (cancelled)'}.`);
}

const COMMANDS: Record<string, Command> = {
  'cape.fixAll': async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const document = editor.document;
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value)) ?? [];
    const fix = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
    if (!fix?.edit) {
      void vscode.window.showInformationMessage('CAPE: nothing to fix automatically.');
      return;
    }
    const edits = fix.edit.get(document.uri).length;
    await vscode.workspace.applyEdit(fix.edit);
    void vscode.window.showInformationMessage(`CAPE: applied ${edits} fix${edits === 1 ? '' : 'es'}. Problems that need a person stay in the Problems view.`);
  },
  'cape.treatAsDeclaration': async (ctx) => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    await ctx.overrides.set(uri, true);
    await ctx.sendOverrides();
  },
  'cape.treatAsNotDeclaration': async (ctx) => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    await ctx.overrides.set(uri, false);
    await ctx.sendOverrides();
  },
  'cape.newDeclaration': async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'cape', content: 'Entry Number\r\n' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
  },
  'cape.splitDeclaration': async (_ctx, uri?: unknown) => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target) return;
    const result = await vscode.commands.executeCommand<WriteResult>(SERVER_COMMANDS.split, target.toString());
    if (!result?.applied) return report(result, () => '');
    // The parts are written directly (never over a file): say which, with a way to see them.
    const choice = await vscode.window.showInformationMessage(`CAPE: created ${result.files.join(', ')}; ${basename(target)} is unchanged. Upload the parts, then archive the source.`, 'Reveal Parts');
    if (choice === 'Reveal Parts' && result.files[0]) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(target, '..', result.files[0]));
  },
  'cape.prepareForUpload': async (_ctx, uri?: unknown, uris?: unknown) => {
    const selected = Array.isArray(uris) && uris.length > 0 ? uris : uri instanceof vscode.Uri ? [uri] : [];
    const inputs = (selected.length > 0 ? selected : [vscode.window.activeTextEditor?.document.uri]).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
    if (inputs.length === 0) return;
    const result = await vscode.commands.executeCommand<PrepareResult>(SERVER_COMMANDS.prepare, inputs.map(String));
    report(result, (r) => `CAPE: ${r.accepted} entries ready to upload; ${r.excluded} row(s) left out are listed in excluded.csv.`);
  },
  'cape.convertWorkbook': async (_ctx, uri?: unknown) => {
    // From the explorer: the workbook clicked. From the palette: the workbook shown, else one the user picks.
    const shown = (vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: unknown } | undefined)?.uri;
    let target = uri instanceof vscode.Uri ? uri : shown instanceof vscode.Uri && /\.xls[xm]$/i.test(shown.path) ? shown : undefined;
    if (!target) {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Excel workbooks': ['xlsx', 'xlsm'] }, openLabel: 'Convert to Declarations' });
      target = picked?.[0];
    }
    if (!target) return;
    const result = await vscode.commands.executeCommand<PrepareResult>(SERVER_COMMANDS.convertWorkbook, target.toString());
    report(result, (r) => `CAPE: ${r.accepted} entries of ${basename(target)} in upload-ready CSV: ${r.files.filter((f) => /part/.test(f)).join(', ')}; ${r.excluded} row(s) left out are listed in excluded.csv.`);
    return result;
  },
  'cape.createFromEs003': async (_ctx, uri?: unknown, uris?: unknown) => {
    const selected = Array.isArray(uris) && uris.length > 0 ? uris : uri instanceof vscode.Uri ? [uri] : [vscode.window.activeTextEditor?.document.uri];
    const inputs = selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
    if (inputs.length === 0) return;
    const result = await vscode.commands.executeCommand<BuildResult>(SERVER_COMMANDS.build, inputs.map(String));
    report(result, (r) => `CAPE: ${r.eligible} eligible entries in ${r.declarations} declaration(s); ${r.excluded} excluded with reasons in excluded.csv.`);
  },
  'cape.refundReport': async (ctx, uri?: unknown) => {
    const target = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    await showRefundReport(ctx, target);
  },
  /** Tests and other extensions: the Refund Report view's HTML, once it is open. */
  'cape.refundReportHtml': () => openReportHtml(),
  'cape.restartServer': async (ctx) => {
    await ctx.restart();
    void vscode.window.showInformationMessage('CAPE: language server restarted.');
  },
  'cape.showOutput': (ctx) => ctx.output.show(),
};

export function registerCommands(ctx: CapeContext): void {
  for (const [id, run] of Object.entries(COMMANDS)) {
    ctx.register(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(ctx, ...args);
        } catch (error) {
          ctx.output.error(`${id} failed: ${String(error)}`);
          void vscode.window.showErrorMessage(`CAPE: ${id} failed. See the CAPE output for details.`);
        }
      }),
    );
  }
}
