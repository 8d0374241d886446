/**
 * cape-language-server: wiring only. Capabilities are declared here and each request is routed to its
 * handler (./handlers), which makes one call of the pure service (./service) on an analysis from the
 * store (./analysisStore). Document sync, settings changes and the calendar are the events handled here.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisStore } from './analysisStore';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { registerDocumentFeatures } from './handlers/documentFeatures';
import { registerCommands, SERVER_COMMANDS } from './handlers/commands';
import { registerReports } from './handlers/reports';
import { todayIso } from './localDate';
import { NOTIFICATIONS } from './protocol';
import { guard } from './runSafe';
import { FIX_ALL_KIND, MOVE_INELIGIBLE_KIND, SPLIT_REFACTOR_KIND } from './service';
import type { ServerContext } from './serverContext';
import { SettingsSource } from './settingsSource';
import { WorkspaceIndexer } from './workspaceIndexer';

declare const CAPE_VERSION: string;
const VERSION = typeof CAPE_VERSION === 'string' ? CAPE_VERSION : 'dev';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (process.argv.includes('--version')) {
  process.stdout.write(`cape-language-server ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help')) {
  process.stdout.write('Usage: cape-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\nSpeaks the Language Server Protocol for CAPE Declarations (default: --stdio).\n');
  process.exit(0);
}
if (!process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(flag + '=')))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Settings and the index need what the client says in `initialize`; nothing reads them before.
const ctx = {
  connection,
  documents,
  client: { pullDiagnostics: false, watchFilesDynamically: false, codeLensRefresh: false },
  workspaceFolders: [] as string[],
} as { -readonly [K in keyof ServerContext]: ServerContext[K] };
ctx.store = new AnalysisStore(documents, () => ctx.settings, () => ctx.indexer, () => ctx.workspaceFolders);
const diagnostics = new DiagnosticsPublisher(ctx);

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  ctx.client = {
    pullDiagnostics: !!capabilities.textDocument?.diagnostic,
    watchFilesDynamically: !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    codeLensRefresh: !!capabilities.workspace?.codeLens?.refreshSupport,
  };
  ctx.settings = new SettingsSource(connection, !!capabilities.workspace?.configuration);
  ctx.workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (ctx.workspaceFolders.length === 0 && params.rootUri) ctx.workspaceFolders = [params.rootUri];
  ctx.indexer = new WorkspaceIndexer(connection, ctx.settings, () => ctx.workspaceFolders, () => diagnostics.indexChanged());
  const init = params.initializationOptions as { declarationOverrides?: Record<string, boolean>; settings?: unknown } | undefined;
  if (init?.declarationOverrides) ctx.store.setOverrides(init.declarationOverrides);
  if (init?.settings !== undefined) ctx.settings.changed({ cape: init.settings });
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SPLIT_REFACTOR_KIND, MOVE_INELIGIBLE_KIND] },
      documentSymbolProvider: { label: 'CAPE Declaration' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: SERVER_COMMANDS },
      diagnosticProvider: ctx.client.pullDiagnostics ? { identifier: 'cape', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cape-language-server', version: VERSION },
  };
});

connection.onInitialized(
  guard(connection, 'initialized', () => {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cape' }).catch(() => undefined);
    if (ctx.client.watchFilesDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{csv,CSV,txt,xlsx,XLSX,xlsm}' }] }).catch(() => undefined);
    }
    void ctx.indexer.scan();
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      ctx.workspaceFolders = ctx.workspaceFolders.filter((f) => !event.removed.some((r) => r.uri === f)).concat(event.added.map((a) => a.uri));
      refreshAll();
    });
  }),
);

/** Settings or overrides changed: every open document is re-validated. */
function refreshAll(): void {
  ctx.store.invalidate();
  void ctx.indexer.scan();
  diagnostics.republishAll();
}

/**
 * The local date moves on at midnight: windows count down and close by the calendar, so diagnostics
 * and lenses are refreshed when today changes (checked each minute; the timer does not keep the
 * process alive).
 */
let lastToday = todayIso();
setInterval(() => {
  const today = todayIso();
  if (today === lastToday) return;
  lastToday = today;
  ctx.store.dayChanged();
  diagnostics.republishAll();
}, 60_000).unref();

documents.onDidChangeContent(
  guard(connection, 'didChange', async (event) => {
    const uri = event.document.uri;
    diagnostics.schedulePush(uri);
    // Keeps the index in step with the open document's text.
    const local = await ctx.store.localOf(uri);
    const current = await ctx.settings.get(uri);
    const document = documents.get(uri);
    if (document) ctx.indexer.documentChanged(uri, local, () => document.getText(), current);
  }),
);

documents.onDidClose(
  guard(connection, 'didClose', (event) => {
    const uri = event.document.uri;
    diagnostics.closed(uri);
    ctx.store.forget(uri);
    ctx.settings.forget(uri);
    void ctx.indexer.documentClosed(uri);
  }),
);

connection.onDidChangeConfiguration(
  guard(connection, 'didChangeConfiguration', (params) => {
    ctx.settings.changed(params.settings);
    refreshAll();
  }),
);

connection.onNotification(
  NOTIFICATIONS.setDeclarationOverrides,
  guard(connection, NOTIFICATIONS.setDeclarationOverrides, (params: { overrides?: Record<string, boolean> }) => {
    ctx.store.setOverrides(params?.overrides ?? {});
    refreshAll();
  }),
);

connection.onDidChangeWatchedFiles(
  guard(connection, 'didChangeWatchedFiles', async (params) => {
    for (const change of params.changes) {
      if (change.type === FileChangeType.Deleted) ctx.indexer.fileDeleted(change.uri);
      else await ctx.indexer.indexFile(change.uri);
    }
  }),
);

diagnostics.register();
registerDocumentFeatures(ctx);
registerCommands(ctx);
registerReports(ctx);

documents.listen(connection);
connection.listen();
