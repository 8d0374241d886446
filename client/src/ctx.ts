/** Owns the language client, its restarts, the output channel and every disposable. */
import * as vscode from 'vscode';
import { COMMANDS, NOTIFICATIONS } from '../../server/src/protocol';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { applyExactly } from './exactFileEdits';
import { DeclarationOverrides } from './overrides';
import { DOCUMENT_SELECTOR } from './selector';
import { StatusItem } from './status';

/** More crashes than this within the window stop the restarts (no loops). */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class CapeContext {
  readonly output: vscode.LogOutputChannel;
  readonly overrides: DeclarationOverrides;
  client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private crashes: number[] = [];
  private toldAboutRestart = false;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('CAPE', { log: true });
    this.overrides = new DeclarationOverrides(extension.workspaceState);
    this.disposables.push(this.output);
  }

  async start(): Promise<void> {
    registerCommands(this);
    this.disposables.push(new StatusItem(this));
    await this.startClient();
  }

  async startClient(): Promise<void> {
    const module = this.extension.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: { declarationOverrides: this.overrides.all() },
      middleware: {
        workspace: { handleApplyEdit: (params, next) => applyExactly(params.edit, async () => next(params, new vscode.CancellationTokenSource().token) as never) },
        // The server's refund lenses work in any editor (they show a message); here they open the Refund Report view.
        provideCodeLenses: async (document, token, next) => {
          const lenses = await next(document, token);
          for (const lens of lenses ?? []) if (lens.command?.command === COMMANDS.showRefund) lens.command = { ...lens.command, command: 'cape.refundReport' };
          return lenses;
        },
      },
      errorHandler: {
        error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
        closed: (): CloseHandlerResult => this.onServerClosed(),
      },
    };
    this.client = new LanguageClient('cape', 'CAPE Language Server', serverOptions, clientOptions);
    try {
      await this.client.start();
    } catch (error) {
      this.output.error(`The CAPE language server failed to start: ${String(error)}`);
      this.output.show(true);
      throw error;
    }
  }

  /** A dead server is restarted with one quiet message; repeated crashes stop the loop and say where to look. */
  private onServerClosed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < RESTART_WINDOW_MS).concat(now);
    if (this.crashes.length > MAX_RESTARTS) {
      void vscode.window.showErrorMessage('The CAPE language server keeps stopping and will not be restarted.', 'Show Output').then((choice) => {
        if (choice) this.output.show();
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.output.warn('The CAPE language server stopped unexpectedly; restarting it.');
    if (!this.toldAboutRestart) {
      this.toldAboutRestart = true;
      void vscode.window.setStatusBarMessage('CAPE: language server restarted', 5000);
    }
    return { action: CloseAction.Restart, handled: true };
  }

  async restart(): Promise<void> {
    if (this.client) await this.client.restart();
    else await this.startClient();
  }

  /** Sends the per-file declaration choices to the server, which re-validates. */
  async sendOverrides(): Promise<void> {
    await this.client?.sendNotification(NOTIFICATIONS.setDeclarationOverrides, { overrides: this.overrides.all() });
  }

  register(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  async dispose(): Promise<void> {
    await this.client?.stop().catch(() => undefined);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
