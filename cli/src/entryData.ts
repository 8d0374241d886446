/** An ES-003 export's first unreadable rows, reported on standard error. */
import { workbookPlace, type Es003Aggregator } from '../../server/src/service';
import type { Output } from './output';

/** At most this many row problems per export on the terminal; the rest are in the editor. */
const ROW_PROBLEMS_SHOWN = 20;

/** A workbook's rows are named by sheet and row, as Excel shows them. */
export function reportRowProblems(display: string, data: Es003Aggregator, io: Output, sheet?: string): void {
  for (const problem of data.problems.slice(0, ROW_PROBLEMS_SHOWN)) {
    const place = sheet === undefined ? '' : ` (${workbookPlace(sheet, problem.line)})`;
    io.err(`${display}:${problem.line + 1}: warning ${problem.code ?? 'entry-data-row'} ${problem.reason}${place}\n`);
  }
}
