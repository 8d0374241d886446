/** Requests about one open document: code actions, hover, outline, folding, lenses, the language status. */
import { runSafe } from '../runSafe';
import { getCodeActions, getDocumentSymbols, getFoldingRanges, getHover, getRefundLenses, getSplitLenses } from '../service';
import { REQUESTS } from '../protocol';
import type { ServerContext } from '../serverContext';
import { splitEnvironment } from '../splitCommands';
import { diagnosticsOf } from './diagnostics';

export function registerDocumentFeatures(ctx: ServerContext): void {
  const { connection, documents, store } = ctx;

  connection.onCodeAction((params, token) =>
    runSafe(connection, 'textDocument/codeAction', token, [], async () => {
      const analysis = await store.of(params.textDocument.uri);
      if (!analysis) return [];
      // The edits are for the version analyzed: when the document has moved on meanwhile, nothing is offered.
      const document = documents.get(params.textDocument.uri);
      if (!document || store.versionOf(document.uri) !== document.version) return [];
      return getCodeActions(analysis, params.range, params.context.diagnostics, params.context.only, splitEnvironment(params.textDocument.uri, analysis.settings), document.version);
    }),
  );

  connection.onHover((params, token) =>
    runSafe(connection, 'textDocument/hover', token, null, async () => {
      const analysis = await store.of(params.textDocument.uri);
      return analysis ? getHover(analysis, params.position) : null;
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(connection, 'textDocument/documentSymbol', token, [], async () => {
      const analysis = await store.of(params.textDocument.uri);
      return analysis ? getDocumentSymbols(analysis) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(connection, 'textDocument/foldingRange', token, [], async () => {
      const analysis = await store.of(params.textDocument.uri);
      return analysis ? getFoldingRanges(analysis) : [];
    }),
  );

  connection.onCodeLens((params, token) =>
    runSafe(connection, 'textDocument/codeLens', token, [], async () => {
      const analysis = await store.of(params.textDocument.uri);
      return analysis ? [...getRefundLenses(analysis), ...getSplitLenses(analysis)] : [];
    }),
  );

  /** For the editor's language status: is this a declaration, how many entries and problems. */
  connection.onRequest(REQUESTS.status, (params: { uri: string }, token) =>
    runSafe(connection, REQUESTS.status, token, { declaration: false }, async () => {
      const analysis = await store.of(params?.uri);
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
}
