/** An ES-003 export read into the index, with its first unreadable rows reported on standard error. */
import type { Es003Aggregator, WorkspaceIndex } from '../../server/src/service';
import type { Output } from './output';

/** At most this many row problems per export on the terminal; the rest are in the editor. */
const ROW_PROBLEMS_SHOWN = 20;

export function addEntryData(index: WorkspaceIndex, uri: string, display: string, data: Es003Aggregator, io: Output): void {
  index.setEntryData(uri, data.facts, data.problems, data.rows);
  reportRowProblems(display, data, io);
}

export function reportRowProblems(display: string, data: Es003Aggregator, io: Output): void {
  for (const problem of data.problems.slice(0, ROW_PROBLEMS_SHOWN)) io.err(`${display}:${problem.line + 1}: warning ${problem.code ?? 'entry-data-row'} ${problem.reason}\n`);
}
