/**
 * cape-language-server: a thin LSP adapter. Each request is routed to one call of the pure
 * service in ./service; this file owns transport, document sync, settings and scheduling.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import * as fs from 'node:fs';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyses } from './documentAnalyses';
import { guard, runSafe } from './runSafe';
import {
  analyze, declarationRefunds, resolveFilingDate, withEncoding, EDITOR_DIAGNOSTIC_LIMIT, entryDataRowDiagnostics, FIX_ALL_KIND, getRefundLenses, refundOptions, summaryMarkdown, getCodeActions, getDocumentSymbols, getFoldingRanges, getHover, getSplitLenses, SHOW_REFUND_COMMAND, refundMessage, refundReportData, type DeclarationRefunds, SPLIT_COMMAND, SPLIT_REFACTOR_KIND, MOVE_INELIGIBLE_KIND, toDiagnostics, withWorkspace,
  type Analysis,
} from './service';
import { todayIso } from './localDate';
import { WorkspaceIndexer } from './workspaceIndexer';
import { runBuild, runConvertWorkbook, runPrepare, runSplit, splitEnvironment } from './splitCommands';
import { sheetDiagnostics, unreadableWorkbookDiagnostic } from './service/workbookDiagnostics';
import { SettingsSource } from './settingsSource';
import { COMMANDS, NOTIFICATIONS, REQUESTS } from './protocol';
import { nodeFiles, readAndClassify, type TextEncoding } from './loader';

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

/** Push diagnostics wait this long after the last keystroke. */
const PUSH_DEBOUNCE_MS = 200;
const PREPARE_COMMAND = COMMANDS.prepare;
const BUILD_COMMAND = COMMANDS.build;
/** docs/rules.md ships beside the bundles; diagnostics link to its sections, offline. */
const DOCS_URI = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).toString();

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let workspaceFolders: string[] = [];
const analyses = new DocumentAnalyses(() => workspaceFolders);
let settings!: SettingsSource;
let indexer!: WorkspaceIndexer;
let pullDiagnostics = false;
let watchFilesDynamically = false;
let codeLensRefresh = false;
/** The analysis with cross-file findings, per document, for one local analysis and index generation. */
const combined = new Map<string, { local: Analysis; generation: number; analysis: Analysis; filingDate: string }>();
let indexChangeTimer: NodeJS.Timeout | undefined;
/** Bumped whenever settings or overrides change, so pull result ids of older analyses stop matching. */
let epoch = 0;
const pushTimers = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  pullDiagnostics = !!capabilities.textDocument?.diagnostic;
  settings = new SettingsSource(connection, !!capabilities.workspace?.configuration);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  watchFilesDynamically = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  codeLensRefresh = !!capabilities.workspace?.codeLens?.refreshSupport;
  indexer = new WorkspaceIndexer(connection, settings, () => workspaceFolders, onIndexChanged);
  const init = params.initializationOptions as { declarationOverrides?: Record<string, boolean>; settings?: unknown } | undefined;
  if (init?.declarationOverrides) analyses.setOverrides(init.declarationOverrides);
  if (init?.settings !== undefined) settings.changed({ cape: init.settings });
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, SPLIT_REFACTOR_KIND, MOVE_INELIGIBLE_KIND] },
      documentSymbolProvider: { label: 'CAPE Declaration' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [SPLIT_COMMAND, PREPARE_COMMAND, BUILD_COMMAND, SHOW_REFUND_COMMAND, COMMANDS.convertWorkbook] },
      diagnosticProvider: pullDiagnostics ? { identifier: 'cape', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cape-language-server', version: VERSION },
  };
});

connection.onInitialized(
  guard(connection, 'initialized', () => {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cape' }).catch(() => undefined);
    if (watchFilesDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{csv,CSV,txt,xlsx,XLSX,xlsm}' }] }).catch(() => undefined);
    }
    void indexer.scan();
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      workspaceFolders = workspaceFolders.filter((f) => !event.removed.some((r) => r.uri === f)).concat(event.added.map((a) => a.uri));
      refreshAll();
    });
  }),
);

/** The document's own analysis (cached per version), or undefined when it is not a declaration. */
async function localAnalysisOf(uri: string): Promise<Analysis | undefined> {
  const current = await settings.get(uri);
  const document = documents.get(uri); // read after the await: only the newest version counts
  return document ? analyses.get(document, current) : undefined;
}

/** The current analysis of an open document with what the workspace knows, or undefined when it is not a declaration. */
async function analysisOf(uri: string): Promise<Analysis | undefined> {
  const local = await localAnalysisOf(uri);
  if (!local) return undefined;
  const generation = indexer.index.generation;
  const filingDate = filingDateOf(local.settings);
  const cached = combined.get(uri);
  // The filing date is part of the key: after midnight the countdown and window-closed move on.
  if (cached && cached.local === local && cached.generation === generation && cached.filingDate === filingDate) return cached.analysis;
  const analysis = withWorkspace(local, indexer.index, filingDate);
  combined.set(uri, { local, generation, analysis, filingDate });
  return analysis;
}

/** An ES-003 export's unreadable rows, as diagnostics in the export itself (undefined for other files). */
function entryDataDiagnostics(uri: string): Diagnostic[] | undefined {
  if (!indexer.index.entryDataUris().includes(uri)) return undefined;
  return entryDataRowDiagnostics(indexer.index.entryDataProblems(uri), DOCS_URI, EDITOR_DIAGNOSTIC_LIMIT);
}

/** `cape.filingDate`, or today on this machine's calendar. */
function filingDateOf(current: { filingDate: string }): string {
  return resolveFilingDate(current, todayIso());
}

/** Other declarations or results changed: documents that may share entries are checked again. */
function onIndexChanged(): void {
  clearTimeout(indexChangeTimer);
  indexChangeTimer = setTimeout(
    guard(connection, 'index refresh', () => {
      if (pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
      else for (const document of documents.all()) schedulePush(document.uri);
      if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }),
    PUSH_DEBOUNCE_MS,
  );
}

/** Keeps the index in step with an open document's text. */
async function indexOpenDocument(uri: string): Promise<void> {
  const local = await localAnalysisOf(uri);
  const current = await settings.get(uri);
  const document = documents.get(uri);
  if (document) indexer.documentChanged(uri, local, () => document.getText(), current);
}

function diagnosticsOf(analysis: Analysis | undefined): Diagnostic[] {
  return analysis ? toDiagnostics(analysis, DOCS_URI, EDITOR_DIAGNOSTIC_LIMIT) : [];
}

function schedulePush(uri: string): void {
  if (pullDiagnostics) return;
  clearTimeout(pushTimers.get(uri));
  pushTimers.set(
    uri,
    setTimeout(
      guard(connection, 'publishDiagnostics', async () => {
        pushTimers.delete(uri);
        const document = documents.get(uri);
        if (!document) return;
        const version = document.version;
        const analysis = await analysisOf(uri);
        if (documents.get(uri)?.version !== version) return; // a newer edit has its own timer
        await connection.sendDiagnostics({ uri, version, diagnostics: entryDataDiagnostics(uri) ?? diagnosticsOf(analysis) });
      }),
      PUSH_DEBOUNCE_MS,
    ),
  );
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
  combined.clear();
  republishAll();
}, 60_000).unref();

/** Diagnostics and lenses again for every client: pull clients are asked to refresh, push clients get them. */
function republishAll(): void {
  if (pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
  else for (const document of documents.all()) schedulePush(document.uri);
  if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

/** Settings or overrides changed: every open document is re-validated. */
function refreshAll(): void {
  epoch++;
  analyses.clear();
  combined.clear();
  void indexer.scan();
  republishAll();
}

documents.onDidChangeContent(
  guard(connection, 'didChange', async (event) => {
    const uri = event.document.uri;
    schedulePush(uri);
    await indexOpenDocument(uri);
  }),
);
documents.onDidClose(
  guard(connection, 'didClose', (event) => {
    const uri = event.document.uri;
    clearTimeout(pushTimers.get(uri));
    pushTimers.delete(uri);
    analyses.forget(uri);
    combined.delete(uri);
    settings.forget(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    void indexer.documentClosed(uri);
  }),
);

connection.onDidChangeConfiguration(
  guard(connection, 'didChangeConfiguration', (params) => {
    settings.changed(params.settings);
    refreshAll();
  }),
);

connection.onNotification(
  NOTIFICATIONS.setDeclarationOverrides,
  guard(connection, NOTIFICATIONS.setDeclarationOverrides, (params: { overrides?: Record<string, boolean> }) => {
    analyses.setOverrides(params?.overrides ?? {});
    refreshAll();
  }),
);

connection.languages.diagnostics.on(async (params, token) => {
  const fallback: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  return runSafe(connection, 'textDocument/diagnostic', token, fallback, async () => {
    const uri = params.textDocument.uri;
    const document = documents.get(uri);
    if (!document) return fallback;
    const resultId = `${epoch}:${document.version}:${indexer.index.generation}:${filingDateOf(await settings.get(uri))}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const rowProblems = entryDataDiagnostics(uri);
    if (rowProblems) return { kind: DocumentDiagnosticReportKind.Full, resultId, items: rowProblems };
    const analysis = await analysisOf(uri);
    if (documents.get(uri)?.version !== document.version) return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(await analysisOf(uri)) };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(analysis) };
  }, { retriggerRequest: true }); // a cancelled pull is asked again by the client
});

connection.onDidChangeWatchedFiles(
  guard(connection, 'didChangeWatchedFiles', async (params) => {
    for (const change of params.changes) {
      if (change.type === FileChangeType.Deleted) indexer.fileDeleted(change.uri);
      else await indexer.indexFile(change.uri);
    }
  }),
);

/** Workspace diagnostics: every indexed declaration that is not open (open ones are pulled per document). */
connection.languages.diagnostics.onWorkspace(async (params, token) => {
  return runSafe(connection, 'workspace/diagnostic', token, { items: [] as WorkspaceDocumentDiagnosticReport[] }, async () => {
    await indexer.ready;
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const uri of indexer.index.declarationUris()) {
      if (documents.get(uri) || token.isCancellationRequested) continue;
      const file = URI.parse(uri).fsPath;
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (!stat) continue;
      const fileSettings = await settings.get(uri);
      const resultId = `${epoch}:${stat.mtimeMs}:${stat.size}:${indexer.index.generation}:${filingDateOf(fileSettings)}`;
      if (previous.get(uri) === resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
        continue;
      }
      const read = await readDecoded(file);
      if (read === undefined) continue;
      // As the CLI says it: a UTF-16 or Windows-1252 file on disk gets the encoding note on its header.
      const analysis = withEncoding(withWorkspace(analyze(read.text, uri, fileSettings), indexer.index, filingDateOf(fileSettings)), read.encoding);
      const sheet = indexer.sheets.get(uri);
      const diagnostics = toDiagnostics(analysis, DOCS_URI, EDITOR_DIAGNOSTIC_LIMIT);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: sheet === undefined ? diagnostics : sheetDiagnostics(diagnostics, sheet) });
    }
    // An ES-003 workbook cannot be opened as text: its unreadable rows are listed here instead.
    for (const [uri, sheet] of indexer.sheets) {
      const rowProblems = entryDataDiagnostics(uri);
      if (!rowProblems || token.isCancellationRequested) continue;
      const resultId = `${epoch}:entry-data:${indexer.index.generation}`;
      if (previous.get(uri) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
      else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: sheetDiagnostics(rowProblems, sheet) });
    }
    // A workbook that cannot be read gets one error saying why, on the workbook itself.
    for (const [uri, reason] of indexer.unreadable) {
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: `${epoch}:unreadable:${reason}`, items: [unreadableWorkbookDiagnostic(reason, DOCS_URI)] });
    }
    return { items };
  });
});

connection.onCodeAction((params, token) =>
  runSafe(connection, 'textDocument/codeAction', token, [], async () => {
    const analysis = await analysisOf(params.textDocument.uri);
    if (!analysis) return [];
    // The edits are for the version analyzed: when the document has moved on meanwhile, nothing is offered.
    const document = documents.get(params.textDocument.uri);
    if (!document || analyses.versionOf(document.uri) !== document.version) return [];
    return getCodeActions(analysis, params.range, params.context.diagnostics, params.context.only, splitEnvironment(params.textDocument.uri, analysis.settings), document.version);
  }),
);

connection.onHover((params, token) =>
  runSafe(connection, 'textDocument/hover', token, null, async () => {
    const analysis = await analysisOf(params.textDocument.uri);
    return analysis ? getHover(analysis, params.position) : null;
  }),
);

connection.onDocumentSymbol((params, token) =>
  runSafe(connection, 'textDocument/documentSymbol', token, [], async () => {
    const analysis = await analysisOf(params.textDocument.uri);
    return analysis ? getDocumentSymbols(analysis) : [];
  }),
);

connection.onFoldingRanges((params, token) =>
  runSafe(connection, 'textDocument/foldingRange', token, [], async () => {
    const analysis = await analysisOf(params.textDocument.uri);
    return analysis ? getFoldingRanges(analysis) : [];
  }),
);

connection.onCodeLens((params, token) =>
  runSafe(connection, 'textDocument/codeLens', token, [], async () => {
    const analysis = await analysisOf(params.textDocument.uri);
    return analysis ? [...getRefundLenses(analysis), ...getSplitLenses(analysis)] : [];
  }),
);

connection.onExecuteCommand((params, token) =>
  runSafe(connection, 'workspace/executeCommand', token, { applied: false, files: [], reason: 'failed; see the log' } as object, async () => {
    const [first, second] = params.arguments ?? [];
    if (params.command === SPLIT_COMMAND) {
      return runSplit(connection, typeof first === 'string' ? await analysisOf(first) : undefined, second);
    }
    if (params.command === PREPARE_COMMAND) {
      const uris = (Array.isArray(first) ? first : [first]).filter((u): u is string => typeof u === 'string');
      await indexer.ready;
      const current = await settings.get(uris[0] ?? '');
      return runPrepare(connection, documents, current, uris, typeof second === 'string' ? second : undefined, workspaceFolders, { workspace: indexer.index, filingDate: filingDateOf(current) });
    }
    if (params.command === COMMANDS.convertWorkbook) {
      if (typeof first !== 'string') return { applied: false, files: [], accepted: 0, excluded: 0, reason: 'no workbook given' };
      await indexer.ready;
      const current = await settings.get(first);
      return runConvertWorkbook(connection, documents, current, first, workspaceFolders, { workspace: indexer.index, filingDate: filingDateOf(current) });
    }
    if (params.command === SHOW_REFUND_COMMAND) {
      // Any LSP client: the totals as a message (the VS Code client opens its Refund Report instead).
      const { files, first } = await refundFiles(typeof first0(params.arguments) === 'string' ? (first0(params.arguments) as string) : undefined);
      if (!first) return { shown: false };
      const message = refundMessage(files, first.settings.deadlineWarningDays);
      // A notification, not a request: nothing waits on the user.
      void connection.sendNotification('window/showMessage', { type: 3, message });
      return { shown: true, message };
    }
    if (params.command === BUILD_COMMAND) {
      await indexer.ready;
      const uris = (Array.isArray(first) ? first : [first]).filter((u): u is string => typeof u === 'string');
      const current = await settings.get(uris[0] ?? '');
      return runBuild(connection, indexer.index, current, filingDateOf(current), uris, workspaceFolders);
    }
    return { applied: false, files: [], reason: `unknown command ${params.command}` };
  }),
);

/** The refunds of one declaration, or of every declaration in the workspace (split sources aside: their parts count). */
async function refundFiles(uri: string | undefined): Promise<{ files: DeclarationRefunds[]; first: Analysis | undefined }> {
  await indexer.ready;
  const uris = uri ? [uri] : [...new Set([...documents.all().map((d) => d.uri), ...indexer.index.declarationUris()])];
  const files: DeclarationRefunds[] = [];
  let first: Analysis | undefined;
  for (const each of uris) {
    let analysis = documents.get(each) ? await analysisOf(each) : undefined;
    if (!analysis && !documents.get(each)) {
      const text = (await readDecoded(URI.parse(each).fsPath))?.text;
      if (text === undefined) continue;
      const fileSettings = await settings.get(each);
      analysis = withWorkspace(analyze(text, each, fileSettings), indexer.index, filingDateOf(fileSettings));
    }
    if (!analysis) continue;
    const family = indexer.index.splitFamilyOf(each);
    if (!uri && family && family.source === each && !family.drift) continue;
    first ??= analysis;
    files.push(declarationRefunds(URI.parse(each).fsPath, analysis));
  }
  return { files, first };
}

/** The refund report (Markdown) for one declaration, or for every declaration in the workspace. */
connection.onRequest(REQUESTS.refundReport, (params: { uri?: string }, token) =>
  runSafe(connection, REQUESTS.refundReport, token, { markdown: '' }, async () => {
    const { files, first } = await refundFiles(params?.uri);
    if (!first) return { markdown: '# CAPE refund report\n\nNo CAPE declaration to report on.\n' };
    return { markdown: summaryMarkdown(files, first.filingDate!, refundOptions(first.settings), first.settings.deadlineWarningDays) };
  }),
);

/** The data behind the Refund Report view: the summary JSON plus what its tables and charts show. */
connection.onRequest(REQUESTS.refundData, (params: { uri?: string }, token) =>
  runSafe(connection, REQUESTS.refundData, token, { data: undefined as unknown }, async () => {
    const { files, first } = await refundFiles(params?.uri);
    if (!first) return { data: undefined };
    const folders = workspaceFolders.map((f) => URI.parse(f).fsPath);
    return { data: refundReportData(files, first.filingDate!, first.settings, folders) };
  }),
);

/** A file on disk as the loader decodes it (UTF-16 and Windows-1252 too); undefined when unreadable or not text. */
async function readDecoded(file: string): Promise<{ text: string; encoding: TextEncoding } | undefined> {
  const classified = await readAndClassify(file, nodeFiles).catch(() => undefined);
  return classified?.text === undefined ? undefined : { text: classified.text, encoding: classified.encoding ?? 'utf-8' };
}

function first0(args: unknown[] | undefined): unknown {
  return Array.isArray(args) ? args[0] : undefined;
}

/** What the workspace index holds: each file the scan met and the kind the one classifier gave it. */
connection.onRequest(REQUESTS.workspaceFiles, (_params: unknown, token) =>
  runSafe(connection, REQUESTS.workspaceFiles, token, { files: [] as { uri: string; kind: string }[] }, async () => {
    await indexer.ready;
    return { files: [...indexer.kinds].map(([uri, kind]) => ({ uri, kind })).sort((a, b) => (a.uri < b.uri ? -1 : 1)) };
  }),
);

/** For the editor's language status: is this a declaration, how many entries and problems. */
connection.onRequest(REQUESTS.status, (params: { uri: string }, token) =>
  runSafe(connection, REQUESTS.status, token, { declaration: false }, async () => {
    const analysis = await analysisOf(params?.uri);
    if (!analysis) return { declaration: false };
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of diagnosticsOf(analysis)) counts[d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info']++;
    const split = analysis.findings.find((f) => f.code === 'split-source');
    return {
      declaration: true, entries: analysis.model.entries.length, ...counts, structuralOnly: analysis.structuralOnly, pid: process.pid,
      ...(split ? { splitParts: Number(split.details?.parts ?? 0), splitExact: split.details?.exact === true } : {}),
    };
  }),
);

documents.listen(connection);
connection.listen();
