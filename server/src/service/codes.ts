/**
 * Every diagnostic code the product emits: its default severity and the confidence of the
 * CBP rule behind it (docs/rules.md has one section per code). Codes are a public contract:
 * add, never rename.
 */
export type Severity = 'error' | 'warning' | 'info';
export type Confidence = 'CBP' | '2nd' | 'weak' | 'product';

export interface CodeInfo {
  severity: Severity;
  confidence: Confidence;
  /** One line for docs and SARIF. */
  summary: string;
  /** Fix All (`source.fixAll.cape`, the command, `cape fix`) repairs it losslessly. */
  fixAll?: true;
}

export const CODES = {
  'header-missing': { severity: 'error', confidence: 'CBP', summary: 'The first row is an entry number, not the Entry Number header.', fixAll: true },
  'header-mismatch': { severity: 'error', confidence: 'CBP', summary: 'The header is not exactly `Entry Number`.', fixAll: true },
  'extra-column': { severity: 'error', confidence: 'CBP', summary: 'A row has non-empty cells beyond the first column.' },
  delimiter: { severity: 'error', confidence: 'CBP', summary: 'The file is saved with `;`, tab or `|` between its columns, not commas.', fixAll: true },
  'trailing-comma': { severity: 'warning', confidence: 'weak', summary: 'A row ends in empty extra fields.', fixAll: true },
  'empty-declaration': { severity: 'error', confidence: '2nd', summary: 'There are no entries under the header.' },
  'over-limit': { severity: 'error', confidence: 'CBP', summary: 'More than 9,999 entries in one declaration.' },
  'blank-line': { severity: 'warning', confidence: 'weak', summary: 'An empty line in the file.', fixAll: true },
  whitespace: { severity: 'warning', confidence: 'weak', summary: 'Spaces or tabs in or around an entry number.', fixAll: true },
  'excel-text-formula': { severity: 'warning', confidence: '2nd', summary: 'The entry number is wrapped in an Excel text formula `="..."`.', fixAll: true },
  quoted: { severity: 'warning', confidence: 'weak', summary: 'The entry number is quoted.', fixAll: true },
  lowercase: { severity: 'warning', confidence: 'weak', summary: 'Lower-case letters in an entry number.', fixAll: true },
  hyphenated: { severity: 'warning', confidence: 'weak', summary: 'The entry number is written with hyphens.', fixAll: true },
  'non-ascii': { severity: 'warning', confidence: 'weak', summary: 'Invisible or look-alike non-ASCII characters.', fixAll: true },
  encoding: { severity: 'warning', confidence: 'weak', summary: 'The file is UTF-16 (or Windows-1252 with non-ASCII text); ACE expects ASCII or UTF-8.' },
  bom: { severity: 'warning', confidence: 'weak', summary: 'The file starts with a byte-order mark.', fixAll: true },
  'entry-charset': { severity: 'error', confidence: 'CBP', summary: 'Characters other than A-Z and 0-9 in an entry number.' },
  'entry-length': { severity: 'error', confidence: 'CBP', summary: 'The entry number is not 11 characters long.' },
  'filer-code': { severity: 'error', confidence: 'CBP', summary: 'The filer code is 000.' },
  'transaction-number': { severity: 'error', confidence: 'CBP', summary: 'Characters 4 to 10 are not all digits.' },
  'check-digit': { severity: 'error', confidence: 'CBP', summary: 'The check digit does not match the first ten characters.' },
  'leading-zeros-lost': { severity: 'error', confidence: 'CBP', summary: 'A spreadsheet dropped the leading zeros of an all-digit entry number.', fixAll: true },
  'scientific-notation': { severity: 'error', confidence: 'CBP', summary: 'A spreadsheet turned the entry number into a number in scientific notation.' },
  duplicate: { severity: 'error', confidence: '2nd', summary: 'The entry appears earlier in the file.', fixAll: true },
  'file-too-large': { severity: 'warning', confidence: 'weak', summary: 'The file is over 1 MB.' },
  'not-csv': { severity: 'error', confidence: 'CBP', summary: 'The file is not a text CSV (for example an .xlsx workbook).' },
  workbook: { severity: 'warning', confidence: 'CBP', summary: 'An Excel workbook: checked cell by cell, but ACE accepts only CSV (convert it to upload-ready CSV parts).' },
  'workbook-unreadable': { severity: 'error', confidence: 'product', summary: 'The Excel workbook cannot be read: password-protected, damaged, or refused as a zip bomb.' },
  'unclosed-quote': { severity: 'error', confidence: 'product', summary: 'A quote opens a cell and never closes.' },
  'duplicate-in-workspace': { severity: 'error', confidence: 'CBP', summary: 'The entry also appears in another declaration in the workspace.' },
  'split-source': { severity: 'info', confidence: 'product', summary: 'The declaration was split; its parts sit beside it (upload the parts).' },
  'already-declared': { severity: 'error', confidence: 'CBP', summary: 'CBP already accepted the entry on a CAPE claim.' },
  'cbp-status-unknown': { severity: 'info', confidence: '2nd', summary: 'A CBP results row lists the entry without a status that proves acceptance or rejection.' },
  'rejected-by-cbp': { severity: 'warning', confidence: 'CBP', summary: 'CBP rejected the entry on an earlier declaration.' },
  'no-ieepa-duty': { severity: 'error', confidence: 'CBP', summary: 'The entry has no IEEPA Chapter 99 line with duty.' },
  'window-closed': { severity: 'error', confidence: 'CBP', summary: 'Liquidated 80 or more days before the filing date.' },
  'window-closing': { severity: 'warning', confidence: 'CBP', summary: 'The entry\'s 80-day window closes soon.' },
  'excluded-entry-type': { severity: 'error', confidence: 'CBP', summary: 'Entry type 08, 09 or 47 (23: weakly sourced).' },
  'reconciliation-flagged': { severity: 'error', confidence: 'CBP', summary: 'Flagged for reconciliation and not accepted by the phase in force.' },
  drawback: { severity: 'error', confidence: 'CBP', summary: 'Designated on a drawback claim.' },
  protest: { severity: 'error', confidence: 'CBP', summary: 'Open or suspended protest on the entry.' },
  'adcvd-pending': { severity: 'error', confidence: '2nd', summary: 'AD/CVD entry pending liquidation under 19 USC 1504(d).' },
  'refund-at-liquidation': { severity: 'info', confidence: 'CBP', summary: 'Accepted, but the refund waits for liquidation.' },
  'no-entry-data': { severity: 'info', confidence: 'product', summary: 'Entries that no ES-003 export in the workspace covers.' },
  'entry-data-columns': { severity: 'warning', confidence: 'product', summary: 'An ES-003 export lacks the HTS or duty column that IEEPA verdicts need.' },
  'liquidation-unknown': { severity: 'warning', confidence: '2nd', summary: 'The export has no liquidation data for the entry; its window is estimated.' },
  'entry-data-row': { severity: 'warning', confidence: 'product', summary: 'A row of an ES-003 export that cannot be read.' },
  'more-problems': { severity: 'info', confidence: 'product', summary: 'More problems than the editor lists for one document.' },
  'filer-code-mismatch': { severity: 'warning', confidence: 'weak', summary: 'The filer code is not one of `cape.filerCodes`.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES) as Code[];

/** The codes Fix All repairs: one table for the editor's docs, `cape fix`'s summary and the tests. */
export const FIX_ALL_CODES: ReadonlySet<Code> = new Set(ALL_CODES.filter((code) => (CODES[code] as CodeInfo).fixAll === true));

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(CODES, value);
}
