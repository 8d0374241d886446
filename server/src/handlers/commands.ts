/** workspace/executeCommand: the server commands any LSP client can run (listed in executeCommandProvider). */
import { runSafe } from '../runSafe';
import { refundMessage } from '../service';
import { COMMANDS } from '../protocol';
import type { ServerContext } from '../serverContext';
import { runBuild, runConvertWorkbook, runPrepare, runSplit } from '../splitCommands';
import { refundFiles } from './reports';

/** Every command the server executes, as advertised in `initialize`. */
export const SERVER_COMMANDS: string[] = [COMMANDS.split, COMMANDS.prepare, COMMANDS.build, COMMANDS.showRefund, COMMANDS.convertWorkbook];

const uriList = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((u): u is string => typeof u === 'string');

export function registerCommands(ctx: ServerContext): void {
  const { connection, documents, store } = ctx;
  connection.onExecuteCommand((params, token) =>
    runSafe(connection, 'workspace/executeCommand', token, { applied: false, files: [], reason: 'failed; see the log' } as object, async () => {
      const { indexer, settings } = ctx; // set in initialize
      const [first, second] = params.arguments ?? [];
      switch (params.command) {
        case COMMANDS.split:
          return runSplit(connection, typeof first === 'string' ? await store.of(first) : undefined, second);
        case COMMANDS.prepare: {
          const uris = uriList(first);
          await indexer.ready;
          const current = await settings.get(uris[0] ?? '');
          return runPrepare(connection, documents, current, uris, typeof second === 'string' ? second : undefined, ctx.workspaceFolders, { workspace: indexer.index, filingDate: store.filingDateOf(current) });
        }
        case COMMANDS.convertWorkbook: {
          if (typeof first !== 'string') return { applied: false, files: [], accepted: 0, excluded: 0, reason: 'no workbook given' };
          await indexer.ready;
          const current = await settings.get(first);
          return runConvertWorkbook(connection, documents, current, first, ctx.workspaceFolders, { workspace: indexer.index, filingDate: store.filingDateOf(current) });
        }
        case COMMANDS.showRefund: {
          // Any LSP client: the totals as a message (the VS Code client opens its Refund Report instead).
          const report = await refundFiles(ctx, typeof first === 'string' ? first : undefined);
          if (!report.first) return { shown: false };
          const message = refundMessage(report.files, report.first.settings.deadlineWarningDays);
          // A notification, not a request: nothing waits on the user.
          void connection.sendNotification('window/showMessage', { type: 3, message });
          return { shown: true, message };
        }
        case COMMANDS.build: {
          await indexer.ready;
          const uris = uriList(first);
          const current = await settings.get(uris[0] ?? '');
          return runBuild(connection, indexer.index, current, store.filingDateOf(current), uris, ctx.workspaceFolders);
        }
        default:
          return { applied: false, files: [], reason: `unknown command ${params.command}` };
      }
    }),
  );
}
