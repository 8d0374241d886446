/** The declaration model: built once per document version, read by every rule, fix, hover and lens. */
import { forEachRepeat, KeyCodes } from './codeTable';
import { patchModel } from './incremental';
import { type CellFacts } from './normalize';
import { addEntry, closeEntryLists, newEntryLists } from './entryLists';
import { parseCsv, type ParsedCsv, type Row } from './parse';

export const HEADER_TEXT = 'Entry Number';
export const MAX_ENTRIES_PER_DECLARATION = 9999;

/** How the first row reads: the exact header, a recognizable variant, an entry number, or something else. */
export type HeaderKind = 'exact' | 'variant' | 'data' | 'other';

const HEADER_VARIANTS = new Set([
  'entrynumber', 'entrynumbers', 'entryno', 'entrynos', 'entrynum', 'entrynbr', 'entry', 'entries',
  'entrysummarynumber', 'entrysummaryno', 'entryid', 'entrynumberlist',
]);

/** Lower-case letters and digits only: `ENTRY_NUMBER`, `Entry No.` and ` entry  number ` compare equal. */
export function headerKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function classifyHeaderCell(cell: string): HeaderKind {
  const value = cell.replace(/^\ufeff/, '').trim().replace(/^"(.*)"$/, '$1');
  if (value === HEADER_TEXT) return 'exact';
  if (HEADER_VARIANTS.has(headerKey(value))) return 'variant';
  return /[0-9]/.test(value) ? 'data' : 'other';
}

/**
 * Columns that mark a CSV as a CBP results download or an ES-003 export rather than a
 * declaration: those share an entry column but are read by other features.
 */
const REPORT_COLUMNS = new Set([
  'claimnumber', 'capeclaimnumber', 'status', 'claimstatus', 'entrystatus', 'errordescription',
  'entrysummarylinenumber', 'linetariffdutyamount', 'htsnumberfull', 'tariffordinalnumber',
]);

export function headerLooksLikeReport(fields: readonly string[]): boolean {
  if (fields.length < 2) return false;
  return fields.slice(1).some((f) => REPORT_COLUMNS.has(headerKey(f)));
}

/** A row after the header, as the declaration's entry. Rows implement it (parse.ts). */
export interface Entry {
  readonly row: Row;
  /** 1-based position among the declaration's entries. */
  readonly ordinal: number;
  readonly facts: CellFacts;
}

export interface DeclarationModel extends ParsedCsv {
  uri: string;
  /** The row read as the header, when the first non-blank row is one (exact or variant or other text). */
  header: Row | undefined;
  headerKind: HeaderKind | undefined;
  /** Non-blank rows after the header (all non-blank rows when the header is missing). */
  entries: Entry[];
  /** Entries whose cell is not a plain 11-character A-Z/0-9 value: what the damage rules look at. */
  unusual: Entry[];
  /**
   * Entries that are not a valid entry number as they stand: every unusual one, and clean ones with
   * filer code 000 or a wrong check digit. What the entry-number rules look at.
   */
  suspect: Entry[];
  /** Per entry (the index in `entries`): the packed key (`codeTable.packEntryKey`), or -1 when its key is not entry-number shaped. */
  keyCodes: Float64Array;
  blankRows: Row[];
  /**
   * A declaration saved with `;`, tab or `|` between its columns: the model reads it with commas in
   * their place (offsets unchanged), so the entries are checked as its first column and the
   * `delimiter` rule speaks for every row. Undefined for a comma or one-column file.
   */
  delimiter?: ForeignDelimiter;
}

export type ForeignDelimiter = ';' | '\t' | '|';

/** The first line of `head` with more than white space on it: read up to it, not split whole (every file is asked). */
function firstNonBlankLine(head: string): string | undefined {
  for (let start = 0; ; ) {
    let end = start;
    for (let c = head.charCodeAt(end); end < head.length && c !== 10 && c !== 13; c = head.charCodeAt(++end));
    const line = head.slice(start, end);
    if (line.trim() !== '') return line;
    if (end >= head.length) return undefined;
    start = end + (head.charCodeAt(end) === 13 && head.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/** The delimiter of a declaration saved by European Excel (`;`), as "Text (Tab delimited)" or with `|`. */
export function foreignDelimiter(text: string): ForeignDelimiter | undefined {
  const first = firstNonBlankLine(text.slice(0, 4096).replace(/^\ufeff/, ''));
  if (first === undefined || first.includes(',')) return undefined;
  for (const d of [';', '\t', '|'] as const) {
    if (!first.includes(d)) continue;
    const kind = classifyHeaderCell(first.split(d)[0]);
    if (kind === 'exact' || kind === 'variant') return d;
  }
  return undefined;
}

/** The text with each delimiter outside quotes read as a comma: same length, same offsets. */
export function withCommas(text: string, delimiter: ForeignDelimiter): string {
  let out = '';
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      out += text.slice(from, i) + ',';
      from = i + 1;
    } else if ((c === '\n' || c === '\r') && quoted) continue;
  }
  return out + text.slice(from);
}

/** The model of `text`; with the previous version's model, a one-line edit is patched in (incremental.ts). */
export function buildModel(text: string, uri: string, previous?: DeclarationModel): DeclarationModel {
  const patched = previous && patchModel(previous, text, uri);
  if (patched) return patched;
  const parsed = parseCsv(text);
  const firstContent = parsed.rows.findIndex((r) => !r.blank);
  let header: Row | undefined;
  let headerKind: HeaderKind | undefined;
  let firstEntryIndex = parsed.rows.length;
  if (firstContent >= 0) {
    const first = parsed.rows[firstContent];
    headerKind = classifyHeaderCell(first.value);
    if (headerKind === 'data') firstEntryIndex = firstContent;
    else {
      header = first;
      firstEntryIndex = firstContent + 1;
    }
  }
  const lists = newEntryLists(parsed.rows.length);
  const blankRows: Row[] = [];
  for (let i = 0; i < parsed.rows.length; i++) {
    const row = parsed.rows[i];
    if (row.blank) blankRows.push(row);
    else if (i >= firstEntryIndex) addEntry(lists, row);
  }
  return { ...parsed, uri, header, headerKind, ...closeEntryLists(lists), blankRows };
}

/** Each later entry whose key appeared before, with the first occurrence. */
export function findDuplicates(model: DeclarationModel): { entry: Entry; first: Entry }[] {
  const { entries } = model;
  let codes = model.keyCodes;
  // Keys that are not entry-number shaped (only suspect entries have them) get numbers of their own.
  const otherKeys = new KeyCodes();
  for (const entry of model.suspect) {
    const index = entry.ordinal - 1;
    if (codes[index] >= 0) continue;
    const { key, scientific } = entry.facts;
    if (key === '' || scientific) continue;
    if (codes === model.keyCodes) codes = codes.slice();
    codes[index] = otherKeys.codeOf(key, true)!;
  }
  const out: { entry: Entry; first: Entry }[] = [];
  forEachRepeat(codes, (index, first) => out.push({ entry: entries[index], first: entries[first] }));
  return out;
}
