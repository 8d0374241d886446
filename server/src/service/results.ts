/**
 * CBP's CAPE results downloads ("Claim Details", "Validation Result File", broker workbooks):
 * recognized by their header (an entry column plus a claim or status column; case, spaces and
 * underscores ignored). Only a status proves anything: CBP keeps the claim number on failed rows
 * too, so a claim number alone never means "accepted" (domain reference, section 2).
 */
import { parse } from 'csv-parse/sync';
import { firstLineOf, headerCells, headerDelimiter } from './delimiters';
import { headerKey } from './model';
import { analyzeCell, unwrapTextFormula } from './normalize';

/** `unknown`: the row names the entry (and maybe a claim) but no status the product knows. */
export type CbpStatus = 'accepted' | 'rejected' | 'unknown';

export interface CbpResult {
  key: string;
  status: CbpStatus;
  statusText: string;
  claim: string;
  message: string;
  /** 0-based line in the results file. */
  line: number;
}

/** Header names seen in CBP downloads and broker workbooks, compared by `headerKey`. */
export const RESULT_COLUMN_NAMES = {
  entry: ['entrynumber', 'entrysummarynumber', 'entry', 'entryno', 'entrynum', 'entrynbr', 'entrysummarynbr', 'entrysummaryno', 'entrysummary'],
  claim: ['claimnumber', 'capeclaimnumber', 'claim', 'claimno', 'claimid', 'claimnbr', 'capeclaim', 'capeclaimno'],
  status: ['status', 'claimstatus', 'entrystatus', 'capestatus', 'validationstatus', 'result', 'filingstatus', 'capefilingstatus', 'entrysummarystatus', 'capeentrystatus'],
  error: ['errordescription', 'error', 'errors', 'errormessage', 'reason', 'rejectionreason', 'message', 'errordesc', 'errordetail', 'capeerrordetail', 'claimerror', 'capeerror', 'capeerrordescription', 'errordetails'],
} as const;

interface ResultColumns {
  entry: number;
  claim: number;
  status: number;
  error: number;
}

export function resultColumns(header: readonly string[]): ResultColumns | undefined {
  const keys = header.map((cell) => headerKey(unwrapTextFormula(cell.replace(/^\ufeff/, ''))));
  const find = (names: readonly string[]) => keys.findIndex((k) => names.includes(k));
  const columns = { entry: find(RESULT_COLUMN_NAMES.entry), claim: find(RESULT_COLUMN_NAMES.claim), status: find(RESULT_COLUMN_NAMES.status), error: find(RESULT_COLUMN_NAMES.error) };
  if (columns.entry < 0 || (columns.claim < 0 && columns.status < 0)) return undefined;
  return columns;
}

/** A results file, judged from its header cells (as the classifier reads them). */
export function isResultsDocument(text: string): boolean {
  return resultColumns(headerCells(text)) !== undefined;
}

/** Status words that say CBP accepted the entry (ACE: `Entry Summary Updated`; the portal: `Accepted`). */
const ACCEPTED = new Set(['accepted', 'entryaccepted', 'entrysummaryupdated', 'updated', 'accept', 'success', 'successful', 'passed']);

/**
 * What a row's status says, read from the status cell (and the error cell for `Accepted with
 * Error(s)`, a declaration-level status that does not say which entries failed).
 */
export function statusOf(statusText: string, message: string): CbpStatus | undefined {
  const key = headerKey(statusText);
  if (key === '') return undefined;
  if (ACCEPTED.has(key)) return 'accepted';
  if (key.startsWith('acceptedwitherror')) return message !== '' ? 'rejected' : 'unknown';
  if (/fail|reject|denied|error|invalid|notaccepted/.test(key)) return 'rejected';
  return 'unknown';
}

/** Reads every row that names an entry and says something about it (status, claim or error). */
export function parseResults(text: string): CbpResult[] {
  const body = text.replace(/^\ufeff/, '');
  const delimiter = headerDelimiter(firstLineOf(body));
  let rows: string[][];
  try {
    rows = parse(body, { relax_quotes: true, relax_column_count: true, skip_empty_lines: false, delimiter, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch {
    rows = parse(body, { relax_quotes: true, relax_column_count: true, skip_empty_lines: false, delimiter, quote: false, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  }
  const columns = rows.length > 0 ? resultColumns(rows[0]) : undefined;
  if (!columns) return [];
  const cell = (row: string[], index: number) => (index >= 0 ? unwrapTextFormula((row[index] ?? '').trim()).trim() : '');
  const out: CbpResult[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    const facts = analyzeCell(row[columns.entry] ?? '', false);
    const key = facts.padded ?? facts.normalized;
    if (key.length !== 11) continue;
    const statusText = cell(row, columns.status);
    const claim = cell(row, columns.claim);
    const message = cell(row, columns.error);
    // No status: an error text is a rejection; a claim number alone proves nothing either way.
    const status = statusOf(statusText, message) ?? (message !== '' ? 'rejected' : claim !== '' ? 'unknown' : undefined);
    if (!status) continue;
    out.push({ key, status, statusText, claim, message, line: i });
  }
  return out;
}
