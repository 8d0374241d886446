/** A minimal LSP client over the server's stdio, speaking JSON-RPC with vscode-jsonrpc. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
import { ensureBuilt, SERVER } from './build';

export interface ClientOptions {
  pullDiagnostics?: boolean;
  /** The `cape` section returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  rootUri?: string;
  /** Extra arguments for node before the server script (a --require preload, for example). */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly published = new Map<string, PublishDiagnosticsParams>();
  settings: Record<string, unknown>;
  refreshes = 0;
  /** Edits the server asked to apply (workspace/applyEdit), answered as applied. */
  readonly appliedEdits: { label?: string; edit: any }[] = [];
  stderr = '';
  /** What the server answered to initialize. */
  serverCapabilities: Record<string, any> = {};
  logs: string[] = [];

  private constructor(options: ClientOptions) {
    ensureBuilt();
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/applyEdit', (params: { label?: string; edit: any }) => {
      this.appliedEdits.push(params);
      return { applied: true };
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const client = new TestClient(options);
    const initialized: { capabilities: Record<string, any> } = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: {} }, configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'root' }] : null,
    });
    client.serverCapabilities = initialized.capabilities;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string, languageId = 'csv', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async pull(uri: string, previousResultId?: string): Promise<{ kind: string; items?: Diagnostic[]; resultId?: string }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  /** Polls until the server has pushed diagnostics for `uri` that satisfy `predicate`. */
  async waitForPush(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 5000): Promise<Diagnostic[]> {
    return waitFor(() => {
      const p = this.published.get(uri);
      return p && predicate(p.diagnostics) ? p.diagnostics : undefined;
    }, timeoutMs, `diagnostics for ${uri}`);
  }

  /**
   * Pulls workspace diagnostics until `ready` accepts them: each file's diagnostics by URI (a full
   * report each, as no previous result ids are given).
   */
  async workspaceDiagnostics(ready: (byUri: Map<string, Diagnostic[]>) => boolean, what: string, timeoutMs = 10000): Promise<Map<string, Diagnostic[]>> {
    return waitFor(async () => {
      const report: { items: { uri: string; items?: Diagnostic[] }[] } = await this.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] });
      const byUri = new Map(report.items.map((i) => [i.uri, i.items ?? []]));
      return ready(byUri) ? byUri : undefined;
    }, timeoutMs, what);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
    return code;
  }
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
