/** Workspace-wide answers: the refund report (Markdown, and the data behind the view) and the files the index holds. */
import { URI } from 'vscode-uri';
import { runSafe } from '../runSafe';
import { declarationRefunds, isExactSource, refundOptions, refundReportData, summaryMarkdown, type DeclarationRefunds, type WorkspaceAnalysis } from '../service';
import { REQUESTS } from '../protocol';
import type { ServerContext } from '../serverContext';

/** The refunds of one declaration, or of every declaration in the workspace (split sources aside: their parts count). */
export async function refundFiles(ctx: ServerContext, uri: string | undefined): Promise<{ files: DeclarationRefunds[]; first: WorkspaceAnalysis | undefined }> {
  const { documents, indexer, store } = ctx;
  await indexer.ready;
  const uris = uri ? [uri] : [...new Set([...documents.all().map((d) => d.uri), ...indexer.index.declarationUris()])];
  const files: DeclarationRefunds[] = [];
  let first: WorkspaceAnalysis | undefined;
  for (const each of uris) {
    const analysis = await store.anywhere(each);
    if (!analysis) continue;
    const family = indexer.index.splitFamilyOf(each);
    if (!uri && isExactSource(family, each)) continue;
    first ??= analysis;
    files.push(declarationRefunds(URI.parse(each).fsPath, analysis));
  }
  return { files, first };
}

export function registerReports(ctx: ServerContext): void {
  const { connection } = ctx;

  /** The refund report (Markdown) for one declaration, or for every declaration in the workspace. */
  connection.onRequest(REQUESTS.refundReport, (params: { uri?: string }, token) =>
    runSafe(connection, REQUESTS.refundReport, token, { markdown: '' }, async () => {
      const { files, first } = await refundFiles(ctx, params?.uri);
      if (!first) return { markdown: '# CAPE refund report\n\nNo CAPE declaration to report on.\n' };
      return { markdown: summaryMarkdown(files, first.filingDate, refundOptions(first.settings), first.settings.deadlineWarningDays) };
    }),
  );

  /** The data behind the Refund Report view: the summary JSON plus what its tables and charts show. */
  connection.onRequest(REQUESTS.refundData, (params: { uri?: string }, token) =>
    runSafe(connection, REQUESTS.refundData, token, { data: undefined as unknown }, async () => {
      const { files, first } = await refundFiles(ctx, params?.uri);
      if (!first) return { data: undefined };
      const folders = ctx.workspaceFolders.map((f) => URI.parse(f).fsPath);
      return { data: refundReportData(files, first.filingDate, first.settings, folders) };
    }),
  );

  /** What the workspace index holds: each file the scan met and the kind the one classifier gave it. */
  connection.onRequest(REQUESTS.workspaceFiles, (_params: unknown, token) =>
    runSafe(connection, REQUESTS.workspaceFiles, token, { files: [] as { uri: string; kind: string }[] }, async () => {
      await ctx.indexer.ready;
      return { files: [...ctx.indexer.kinds].map(([uri, kind]) => ({ uri, kind })).sort((a, b) => (a.uri < b.uri ? -1 : 1)) };
    }),
  );
}
