/** The command table: each entry is one small action; the smart parts are in the server. */
import * as vscode from 'vscode';
import type { CapeContext } from './ctx';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cape');

type Command = (ctx: CapeContext) => unknown;

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
  'cape.restartServer': async (ctx) => {
    await ctx.restart();
    void vscode.window.showInformationMessage('CAPE: language server restarted.');
  },
  'cape.showOutput': (ctx) => ctx.output.show(),
};

export function registerCommands(ctx: CapeContext): void {
  for (const [id, run] of Object.entries(COMMANDS)) {
    ctx.register(
      vscode.commands.registerCommand(id, async () => {
        try {
          await run(ctx);
        } catch (error) {
          ctx.output.error(`${id} failed: ${String(error)}`);
          void vscode.window.showErrorMessage(`CAPE: ${id} failed. See the CAPE output for details.`);
        }
      }),
    );
  }
}
