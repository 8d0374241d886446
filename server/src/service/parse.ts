/**
 * CSV text -> rows with exact offsets. csv-parse does the parsing; this file only maps each
 * record back onto the text so that diagnostics and edits cover the right characters.
 */
import { parse } from 'csv-parse/sync';
import { CleanFacts, type CellFacts } from './normalize';
import { ENTRY_LENGTH, NOT_SHAPED, readEntryNumber, readEntryNumberAt } from './entryNumber';
import { LineIndex } from './text';

const CSV_QUOTED = 1;
const BLANK_ROW = 2;
const FLAGS = 3;
const FLAG_BITS = 2;

/** What only a record of more than one field has. */
interface WideRecord {
  fields: readonly string[];
  /** Offset just past the first cell's raw text. */
  cellEnd: number;
}

/**
 * One CSV record and where it sits in the text. A row after the header is also the declaration's
 * entry (the model files it: `ordinal`, `facts`), and a clean first cell's facts are the row itself.
 * Almost every record is one clean field on one line, and an analysis keeps one object for it: each
 * object kept is copied by every young-generation collection that falls during an analysis.
 */
export class Row extends CleanFacts {
  /** The flags below, and the entry ordinal above them (`ordinal`): one field, as every row has both. */
  private bits: number;
  /** The first cell's facts when they are not the clean ones. */
  private cellFacts: CellFacts | undefined = undefined;

  constructor(
    /** 0-based line on which the record starts. */
    readonly line: number,
    /** Offset of the record's first character (and of its first cell's raw text). */
    readonly start: number,
    /** Offset just past the record's content (before its line break). */
    readonly end: number,
    /** Offset just past the record's line break (= end for the last record). */
    readonly next: number,
    /** The first field's value (CSV quotes removed); undefined while it is still only the text's start..end. */
    private firstField: string | undefined,
    flags: number,
    /**
     * A record of several fields: its fields and where its first cell ends. A one-field record of a
     * quote-free text: that text, its value read from it when first asked. Else undefined.
     */
    private readonly origin: WideRecord | string | undefined,
  ) {
    super();
    this.bits = flags;
  }

  private get wide(): WideRecord | undefined {
    return typeof this.origin === 'object' ? this.origin : undefined;
  }

  /**
   * The first field's value (CSV quotes removed). A clean row's value is never asked in most
   * analyses (its key is read straight from the text): 2,000,000 strings not made in a CLI run.
   */
  get value(): string {
    return (this.firstField ??= (this.origin as string).slice(this.start, this.end));
  }

  /** `readEntryNumber` of the value, read from the text where the value is still only that. */
  readEntryNumber(keys: Float64Array, at: number): number {
    if (this.firstField !== undefined) return readEntryNumber(this.firstField, keys, at);
    return this.end - this.start === ENTRY_LENGTH ? readEntryNumberAt(this.origin as string, this.start, keys, at) : NOT_SHAPED;
  }

  /** The first cell was CSV-quoted. */
  get csvQuoted(): boolean {
    return (this.bits & CSV_QUOTED) !== 0;
  }

  /** Every field is empty or spaces/tabs. */
  get blank(): boolean {
    return (this.bits & BLANK_ROW) !== 0;
  }

  get cellStart(): number {
    return this.start;
  }

  /** Offset just past the first cell's raw text (quotes included). */
  get cellEnd(): number {
    return this.wide ? this.wide.cellEnd : this.end;
  }

  get fields(): readonly string[] {
    return this.wide ? this.wide.fields : [this.value];
  }

  get fieldCount(): number {
    return this.wide ? this.wide.fields.length : 1;
  }

  /** 1-based position among the declaration's entries; 0 for a row that is not an entry. */
  get ordinal(): number {
    return this.bits >>> FLAG_BITS;
  }

  /** As an entry: the row it is on. */
  get row(): Row {
    return this;
  }

  /** As an entry: what its cell says (see normalize.ts). */
  get facts(): CellFacts {
    return this.cellFacts ?? this;
  }

  /** Files the row as entry `ordinal`, with its cell's facts when they are not the clean ones. */
  fileAsEntry(ordinal: number, facts: CellFacts | undefined): void {
    this.bits = (ordinal << FLAG_BITS) | (this.bits & FLAGS);
    this.cellFacts = facts;
  }

  /** The same record (and entry) after an edit above it moved it by `delta` characters. */
  shifted(delta: number): Row {
    const { wide } = this;
    const row = new Row(this.line, this.start + delta, this.end + delta, this.next + delta, this.value, this.bits & FLAGS, wide && { fields: wide.fields, cellEnd: wide.cellEnd + delta });
    row.fileAsEntry(this.ordinal, this.cellFacts);
    return row;
  }
}

export interface ParsedCsv {
  text: string;
  lines: LineIndex;
  /** The text starts with U+FEFF. */
  bom: boolean;
  rows: Row[];
  /** Rows with more than one field, in order: what the column rules look at. */
  wideRows: Row[];
  /** Set when the text has an unclosed quote; the rows then come from a parse with quoting off. */
  unclosedQuote?: { offset: number };
}

const BASE_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/**
 * csv-parse tries each record delimiter at every character: a text whose lines all end alike is
 * parsed with that one delimiter alone (the same records, about 10% faster).
 */
const OPTIONS_BY_LINE_BREAK = {
  '\r\n': { ...BASE_OPTIONS, record_delimiter: '\r\n' },
  '\n': { ...BASE_OPTIONS, record_delimiter: '\n' },
  '\r': { ...BASE_OPTIONS, record_delimiter: '\r' },
};

function optionsFor(lines: LineIndex | undefined) {
  const lineBreak = lines?.uniformLineBreak();
  return lineBreak ? OPTIONS_BY_LINE_BREAK[lineBreak] : BASE_OPTIONS;
}

const BLANK = /^[ \t]*$/;

/** `isBlank` of a one-field record, without the array. */
/** Whether text[start, end) is empty or only spaces and tabs. */
function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

export function isBlank(fields: readonly string[]): boolean {
  // Almost every row starts with a character other than a space or tab: no regex for those.
  const c = fields[0].charCodeAt(0);
  if (c === c && c !== 32 && c !== 9) return false;
  for (const f of fields) if (!BLANK.test(f)) return false;
  return true;
}

export function parseCsv(text: string): ParsedCsv {
  const lines = new LineIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const offsetBase = bom ? 1 : 0;
  if (body.length === 0) return { text, lines, bom, rows: [], wideRows: [] };
  if (quoteFreeSplitting && body.indexOf('"') < 0) return { text, lines, bom, ...quoteFreeRows(text, lines, offsetBase) };
  let records: string[][];
  try {
    records = parseRecords(body, false, lines);
  } catch {
    // An unclosed quote would swallow the rest of the file into one cell: read it with quoting off
    // so every line still gets checked, and say where the quote opened.
    const quoteOffset = offsetBase + body.indexOf('"');
    return { text, lines, bom, ...rowsFromLines(text, lines, offsetBase, parseRecords(body, true, lines)), unclosedQuote: { offset: quoteOffset } };
  }
  // One record per line means no quoted cell spans lines: offsets follow from the line index.
  if (oneRecordPerLine(records.length, body, lines)) return { text, lines, bom, ...rowsFromLines(text, lines, offsetBase, records) };
  return { text, lines, bom, ...withWideRows(rowsFromInfo(text, body, offsetBase, lines)) };
}

export function withWideRows(rows: Row[]): { rows: Row[]; wideRows: Row[] } {
  const wideRows: Row[] = [];
  for (const row of rows) if (row.fieldCount > 1) wideRows.push(row);
  return { rows, wideRows };
}

/** csv-parse made one record of each line (a final line break does not start another). */
export function oneRecordPerLine(recordCount: number, body: string, lines: LineIndex): boolean {
  return recordCount === lines.lineCount - (/[\r\n]$/.test(body) ? 1 : 0);
}

/**
 * csv-parse's records of `body`; `lines` (of the body, or of the text when only a BOM precedes it) picks the fastest options.
 * A body without a quote character is split directly: with no quote there is no quoting, so each line
 * is one record and each comma ends a field, exactly as csv-parse reads it with the options above
 * (property-tested against csv-parse in test/unit/quoteFree.property.test.ts). Every body that holds
 * a quote goes through csv-parse.
 */
export function parseRecords(body: string, quotingOff = false, lines?: LineIndex): string[][] {
  if (body.length === 0) return [];
  if (quoteFreeSplitting && !quotingOff && body.indexOf('"') < 0) return splitQuoteFree(body, lines);
  const options = optionsFor(lines);
  return parse(body, quotingOff ? { ...options, quote: false } : options) as string[][];
}

let quoteFreeSplitting = true;

/** Tests only: read quote-free texts with csv-parse too, to compare the two readings. */
export function setQuoteFreeSplitting(enabled: boolean): void {
  quoteFreeSplitting = enabled;
}

/**
 * The records of a text that holds no `"`: one per line (CRLF, LF or a lone CR ends a line; a final
 * line break starts no record), its fields split at each comma, nothing trimmed, empty lines kept.
 */
export function splitQuoteFree(body: string, lines?: LineIndex): string[][] {
  // The fields of the quote-free rows: one reading of the lines for the records and the rows.
  const index = lines ?? new LineIndex(body);
  return quoteFreeRows(index.text, index, index.text.length - body.length).rows.map((row) => [...row.fields]);
}

/**
 * Where the first cell of a record's raw text ends, and whether CSV quotes enclose it. A quoted cell
 * is `"` + its value with each quote doubled + `"`; an unquoted one is its value as written. Stray
 * quotes that csv-parse (quotes relaxed) reads as neither leave the cell to end at its first comma.
 */
function firstCell(raw: string, record: string[]): { length: number; csvQuoted: boolean } {
  const value = record[0];
  const whole = record.length < 2;
  const quotedForm = `"${value.replaceAll('"', '""')}"`;
  if (raw.startsWith(quotedForm)) return { length: whole ? raw.length : quotedForm.length, csvQuoted: true };
  const asWritten = raw.startsWith(value);
  const csvQuoted = !asWritten && raw.charCodeAt(0) === 34;
  if (whole || asWritten) return { length: whole ? raw.length : value.length, csvQuoted };
  const close = raw.indexOf('",', 1);
  const comma = close >= 0 ? close + 1 : raw.indexOf(',');
  return { length: comma >= 0 ? comma : raw.length, csvQuoted };
}

/**
 * The rows of a text without a quote character, straight from its line index: the records
 * `splitQuoteFree` gives, without an array made for each (a 200,000-line list would keep 200,000 of
 * them alive through the collections that fall during its analysis).
 */
function quoteFreeRows(text: string, lines: LineIndex, offsetBase: number): { rows: Row[]; wideRows: Row[] } {
  const { lineStarts } = lines;
  const count = lineStarts[lineStarts.length - 1] === text.length ? lineStarts.length - 1 : lineStarts.length;
  const rows: Row[] = new Array(count);
  const wideRows: Row[] = [];
  // The next comma at or after the current line (-1: none left), so each character is searched once.
  let comma = text.indexOf(',', offsetBase);
  for (let i = 0; i < count; i++) {
    const start = i === 0 ? offsetBase : lineStarts[i];
    const end = lines.lineEnd(i);
    const next = i + 1 < lines.lineCount ? lineStarts[i + 1] : end;
    if (comma >= 0 && comma < start) comma = text.indexOf(',', start);
    if (comma >= 0 && comma < end) {
      const fields = text.slice(start, end).split(',');
      rows[i] = rowOf(i, start, end, next, fields, start + fields[0].length, false);
      wideRows.push(rows[i]);
    } else {
      rows[i] = new Row(i, start, end, next, undefined, isBlankRange(text, start, end) ? BLANK_ROW : 0, text);
    }
  }
  return { rows, wideRows };
}

/** Each record is one line: the fast path for almost every real file. */
function rowsFromLines(text: string, lines: LineIndex, offsetBase: number, records: string[][]): { rows: Row[]; wideRows: Row[] } {
  const rows: Row[] = new Array(records.length);
  const wideRows: Row[] = [];
  for (let i = 0; i < records.length; i++) {
    const row = rowOnLine(text, lines, i, i === 0 ? offsetBase : lines.lineStarts[i], records[i]);
    rows[i] = row;
    if (records[i].length > 1) wideRows.push(row);
  }
  return { rows, wideRows };
}

/** The row of a record that is exactly line `line` (from `start`, after any BOM). */
export function rowOnLine(text: string, lines: LineIndex, line: number, start: number, fields: string[]): Row {
  const end = lines.lineEnd(line);
  const next = line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : end;
  let cellEnd = fields.length > 1 ? start + fields[0].length : end;
  let csvQuoted = false;
  // Only a record that opens with a quote can have a quoted first cell.
  if (text.charCodeAt(start) === 34) {
    const cell = firstCell(text.slice(start, end), fields);
    cellEnd = start + cell.length;
    csvQuoted = cell.csvQuoted;
  }
  return rowOf(line, start, end, next, fields, cellEnd, csvQuoted);
}

/** csv-parse grows each record's array to 17 slots: a one-field row keeps only the field. */
function rowOf(line: number, start: number, end: number, next: number, fields: string[], cellEnd: number, csvQuoted: boolean): Row {
  const flags = (csvQuoted ? CSV_QUOTED : 0) | (isBlank(fields) ? BLANK_ROW : 0);
  return new Row(line, start, end, next, fields[0], flags, fields.length > 1 ? { fields, cellEnd } : undefined);
}

/** Quoted cells span lines: csv-parse's byte counts say where each record ends. */
function rowsFromInfo(text: string, body: string, offsetBase: number, lines: LineIndex): Row[] {
  const records = parse(body, { ...optionsFor(lines), info: true }) as unknown as { record: string[]; info: { bytes: number } }[];
  const toOffset = byteToOffsetMapper(body);
  const rows: Row[] = [];
  let start = offsetBase;
  for (const { record, info } of records) {
    const next = offsetBase + toOffset(info.bytes);
    let end = next;
    if (text.charCodeAt(end - 1) === 10) end--;
    if (text.charCodeAt(end - 1) === 13) end--;
    if (end < start) end = start;
    const cell = firstCell(text.slice(start, end), record);
    rows.push(rowOf(lines.positionAt(start).line, start, end, next, record, start + cell.length, cell.csvQuoted));
    start = next;
  }
  return rows;
}

/** csv-parse counts UTF-8 bytes; documents are indexed in UTF-16 code units. */
function byteToOffsetMapper(body: string): (bytes: number) => number {
  if (!/[^\x00-\x7f]/.test(body)) return (bytes) => bytes;
  let offset = 0;
  let consumed = 0;
  return (bytes) => {
    while (consumed < bytes && offset < body.length) {
      const c = body.charCodeAt(offset);
      if (c < 0x80) consumed += 1;
      else if (c < 0x800) consumed += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        consumed += 4;
        offset++;
      } else consumed += 3;
      offset++;
    }
    return offset;
  };
}
