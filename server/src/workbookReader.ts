/**
 * The workbook reader, loaded on first use: it is a bundle of its own (dist/workbook.js), so the
 * server's and the CLI's start-up bundles stay small and a workspace without workbooks never loads it.
 */
import * as path from 'node:path';

type Reader = typeof import('./workbook/readWorkbook');

let reader: Reader | undefined;

export function workbookReader(): Reader {
  if (!reader) {
    // Bundled, the reader sits beside this bundle; from source (tests), it is the module itself. A
    // computed path keeps the bundler from inlining it.
    const modulePath = __filename.endsWith('.js') ? path.join(__dirname, 'workbook.js') : './workbook/readWorkbook';
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path computed at run time, on purpose
    reader = require(modulePath) as Reader;
  }
  return reader;
}

/** The reader's errors cross a bundle boundary, so they are known by name, not by class. */
export function isWorkbookError(error: unknown): error is Error {
  return (error as Error | undefined)?.name === 'WorkbookError';
}
