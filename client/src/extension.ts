/** Activation only: everything lives in the context object and is disposed with the extension. */
import type * as vscode from 'vscode';
import { CapeContext } from './ctx';

let ctx: CapeContext | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CapeContext> {
  ctx = new CapeContext(context);
  await ctx.start();
  return ctx;
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
