/**
 * CBP's CAPE results downloads ("Claim Details", "Validation Result File"): recognized by their
 * header (an entry column plus a claim or status column; case, spaces and underscores ignored).
 */
import { parse } from 'csv-parse/sync';
import { headerKey } from './model';
import { analyzeCell } from './normalize';

export type CbpStatus = 'accepted' | 'rejected';

export interface CbpResult {
  key: string;
  status: CbpStatus;
  statusText: string;
  claim: string;
  message: string;
  /** 0-based line in the results file. */
  line: number;
}

const ENTRY_COLUMNS = new Set(['entrynumber', 'entrysummarynumber', 'entry', 'entryno', 'entrynum']);
const CLAIM_COLUMNS = new Set(['claimnumber', 'capeclaimnumber', 'claim', 'claimno', 'claimid']);
const STATUS_COLUMNS = new Set(['status', 'claimstatus', 'entrystatus', 'capestatus', 'validationstatus', 'result']);
const ERROR_COLUMNS = new Set(['errordescription', 'error', 'errors', 'errormessage', 'reason', 'rejectionreason', 'message', 'errordesc']);

interface ResultColumns {
  entry: number;
  claim: number;
  status: number;
  error: number;
}

export function resultColumns(header: readonly string[]): ResultColumns | undefined {
  const keys = header.map(headerKey);
  const find = (set: Set<string>) => keys.findIndex((k) => set.has(k));
  const columns = { entry: find(ENTRY_COLUMNS), claim: find(CLAIM_COLUMNS), status: find(STATUS_COLUMNS), error: find(ERROR_COLUMNS) };
  if (columns.entry < 0 || (columns.claim < 0 && columns.status < 0)) return undefined;
  return columns;
}

/** A results file, judged from its first line. */
export function isResultsDocument(text: string): boolean {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (!firstLine.includes(',') && !firstLine.includes('\t')) return false;
  try {
    const [header] = parse(firstLine, { relax_quotes: true, relax_column_count: true, delimiter: firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',' }) as string[][];
    return resultColumns(header ?? []) !== undefined;
  } catch {
    return false;
  }
}

function statusOf(text: string): CbpStatus | undefined {
  const t = text.toLowerCase();
  if (/reject|fail|denied|error/.test(t) && !/accepted with/.test(t)) return 'rejected';
  if (/accept/.test(t)) return 'accepted';
  return undefined;
}

/** Reads every row with an entry number and a known status; other rows are skipped. */
export function parseResults(text: string): CbpResult[] {
  const body = text.replace(/^\ufeff/, '');
  const firstLine = body.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let rows: string[][];
  try {
    rows = parse(body, { relax_quotes: true, relax_column_count: true, skip_empty_lines: false, delimiter, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch {
    rows = parse(body, { relax_quotes: true, relax_column_count: true, skip_empty_lines: false, delimiter, quote: false, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  }
  const columns = rows.length > 0 ? resultColumns(rows[0]) : undefined;
  if (!columns) return [];
  const out: CbpResult[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    const facts = analyzeCell(row[columns.entry] ?? '', false);
    const key = facts.padded ?? facts.normalized;
    if (key.length !== 11) continue;
    const statusText = (columns.status >= 0 ? row[columns.status] : '') ?? '';
    const claim = ((columns.claim >= 0 ? row[columns.claim] : '') ?? '').trim();
    const message = ((columns.error >= 0 ? row[columns.error] : '') ?? '').trim();
    // A claim number without a status means CBP accepted the entry onto that claim.
    const status = statusOf(statusText) ?? (claim !== '' && message === '' ? 'accepted' : undefined);
    if (!status) continue;
    out.push({ key, status, statusText: statusText.trim(), claim, message, line: i });
  }
  return out;
}
