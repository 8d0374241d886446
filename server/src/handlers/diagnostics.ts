/**
 * Diagnostics, pulled (textDocument/diagnostic, workspace/diagnostic) or pushed (publishDiagnostics,
 * debounced per document), and the refreshes that follow index, settings and calendar changes.
 */
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { guard, runSafe } from '../runSafe';
import { EDITOR_DIAGNOSTIC_LIMIT, entryDataRowDiagnostics, toDiagnostics, type Analysis } from '../service';
import { sheetDiagnostics, unreadableWorkbookDiagnostic } from '../service/workbookDiagnostics';
import { DOCS_URI, type ServerContext } from '../serverContext';

/** Push diagnostics wait this long after the last keystroke. */
const PUSH_DEBOUNCE_MS = 200;

export function diagnosticsOf(analysis: Analysis | undefined): Diagnostic[] {
  return analysis ? toDiagnostics(analysis, DOCS_URI, EDITOR_DIAGNOSTIC_LIMIT) : [];
}

export class DiagnosticsPublisher {
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();
  private indexChangeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: ServerContext) {}

  /** An ES-003 export's unreadable rows, as diagnostics in the export itself (undefined for other files). */
  entryDataDiagnostics(uri: string): Diagnostic[] | undefined {
    const index = this.ctx.indexer.index;
    if (!index.entryDataUris().includes(uri)) return undefined;
    return entryDataRowDiagnostics(index.entryDataProblems(uri), DOCS_URI, EDITOR_DIAGNOSTIC_LIMIT);
  }

  register(): void {
    const { connection } = this.ctx;
    connection.languages.diagnostics.on((params, token) => {
      const fallback: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
      return runSafe(connection, 'textDocument/diagnostic', token, fallback, () => this.pullDocument(params.textDocument.uri, params.previousResultId), { retriggerRequest: true }); // a cancelled pull is asked again by the client
    });
    connection.languages.diagnostics.onWorkspace((params, token) =>
      runSafe(connection, 'workspace/diagnostic', token, { items: [] as WorkspaceDocumentDiagnosticReport[] }, () =>
        this.pullWorkspace(new Map(params.previousResultIds.map((p) => [p.uri, p.value])), () => token.isCancellationRequested),
      ),
    );
  }

  private async pullDocument(uri: string, previousResultId: string | undefined): Promise<DocumentDiagnosticReport> {
    const { documents, store } = this.ctx;
    const document = documents.get(uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = (await store.resultId(uri))!;
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const rowProblems = this.entryDataDiagnostics(uri);
    if (rowProblems) return { kind: DocumentDiagnosticReportKind.Full, resultId, items: rowProblems };
    const analysis = await store.of(uri);
    if (documents.get(uri)?.version !== document.version) return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(await store.of(uri)) };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(analysis) };
  }

  /** Every indexed declaration that is not open (open ones are pulled per document), export workbooks' rows, unreadable workbooks. */
  private async pullWorkspace(previous: ReadonlyMap<string, string>, cancelled: () => boolean): Promise<{ items: WorkspaceDocumentDiagnosticReport[] }> {
    const { documents, indexer, store } = this.ctx;
    await indexer.ready;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const uri of indexer.index.declarationUris()) {
      if (documents.get(uri) || cancelled()) continue;
      const resultId = await store.resultId(uri);
      if (resultId === undefined) continue;
      if (previous.get(uri) === resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
        continue;
      }
      const read = await store.onDisk(uri);
      if (read === undefined) continue;
      const diagnostics = diagnosticsOf(read.analysis);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: read.sheet === undefined ? diagnostics : sheetDiagnostics(diagnostics, read.sheet) });
    }
    // An ES-003 workbook cannot be opened as text: its unreadable rows are listed here instead.
    for (const [uri, sheet] of indexer.sheets) {
      const rowProblems = this.entryDataDiagnostics(uri);
      if (!rowProblems || cancelled()) continue;
      const resultId = store.indexResultId('entry-data');
      if (previous.get(uri) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
      else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: sheetDiagnostics(rowProblems, sheet) });
    }
    // A workbook that cannot be read gets one error saying why, on the workbook itself.
    for (const [uri, reason] of indexer.unreadable) {
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: store.indexResultId(`unreadable:${reason}`), items: [unreadableWorkbookDiagnostic(reason, DOCS_URI)] });
    }
    return { items };
  }

  /** A push client: the document's diagnostics shortly after its last change. */
  schedulePush(uri: string): void {
    const { connection, documents, store, client } = this.ctx;
    if (client.pullDiagnostics) return;
    clearTimeout(this.pushTimers.get(uri));
    this.pushTimers.set(
      uri,
      setTimeout(
        guard(connection, 'publishDiagnostics', async () => {
          this.pushTimers.delete(uri);
          const document = documents.get(uri);
          if (!document) return;
          const version = document.version;
          const analysis = await store.of(uri);
          if (documents.get(uri)?.version !== version) return; // a newer edit has its own timer
          await connection.sendDiagnostics({ uri, version, diagnostics: this.entryDataDiagnostics(uri) ?? diagnosticsOf(analysis) });
        }),
        PUSH_DEBOUNCE_MS,
      ),
    );
  }

  /** The document closed: no pending push, and a push client's list is emptied. */
  closed(uri: string): void {
    clearTimeout(this.pushTimers.get(uri));
    this.pushTimers.delete(uri);
    if (!this.ctx.client.pullDiagnostics) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Diagnostics and lenses again for every client: pull clients are asked to refresh, push clients get them. */
  republishAll(): void {
    const { connection, documents, client } = this.ctx;
    if (client.pullDiagnostics) void connection.languages.diagnostics.refresh().catch(() => undefined);
    else for (const document of documents.all()) this.schedulePush(document.uri);
    if (client.codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  /** Other declarations or results changed: documents that may share entries are checked again (debounced). */
  indexChanged(): void {
    clearTimeout(this.indexChangeTimer);
    this.indexChangeTimer = setTimeout(guard(this.ctx.connection, 'index refresh', () => this.republishAll()), PUSH_DEBOUNCE_MS);
  }
}
