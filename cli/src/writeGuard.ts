/** Writing commands write declarations only: the one check fix, split and prepare share. */
import { KIND_NAMES } from '../../server/src/service';
import { skippedSummary, type LoadedDeclaration, type LoadedWorkspace } from '../../server/src/loader';
import type { Output } from './output';

/** Kinds a writing command never changes: named explicitly, they are refused; under a folder, skipped. */
const NOT_DECLARATIONS: readonly string[] = ['es003', 'results', 'manifest', 'not-csv'];

/**
 * The files a writing command may change: declarations only. An explicitly named export, results
 * file or binary file is refused with one line naming it and what it is (nothing is written at all);
 * found under a folder, it is skipped and counted in the summary. A command that rewrites its
 * declarations in place (`rewrites`: fix, split) treats a workbook the same way: its upload-ready
 * CSV parts are written by prepare instead.
 */
export function declarationsToWrite(
  workspace: LoadedWorkspace,
  command: string,
  io: Output,
  rewrites = false,
): { refused: boolean; skipped: string; skippedWorkbooks: string; declarations: LoadedDeclaration[] } {
  let refused = false;
  for (const file of workspace.files) {
    // Exports and results named with --entry-data or --results are data the command reads, never targets.
    if (!file.explicit || file.asData) continue;
    if (NOT_DECLARATIONS.includes(file.kind)) {
      io.err(`cape: ${file.display}: is ${KIND_NAMES[file.kind].a}, not a CAPE declaration (${file.reason}); cape ${command} changes declarations only, nothing written\n`);
      refused = true;
    } else if (rewrites && file.sheet !== undefined && file.kind === 'declaration') {
      io.err(`cape: ${file.display}: is an Excel workbook; cape ${command} never ${command === 'fix' ? 'rewrites' : 'splits'} a workbook, nothing written (cape prepare ${file.display} --out-dir <folder> writes upload-ready CSV parts)\n`);
      refused = true;
    }
  }
  const workbooks = rewrites ? workspace.declarations.filter((d) => d.sheet !== undefined).length : 0;
  return {
    refused,
    skipped: skippedSummary(workspace.files.filter((f) => !f.explicit), ['es003', 'results', 'manifest', 'not-csv', 'other-csv']),
    skippedWorkbooks: workbooks > 0 ? `skipped ${workbooks} Excel workbook${workbooks === 1 ? '' : 's'} (cape ${command} never rewrites a workbook; cape prepare writes upload-ready CSV parts from it)` : '',
    declarations: workbooks > 0 ? workspace.declarations.filter((d) => d.sheet === undefined) : workspace.declarations,
  };
}

