/**
 * CSV text -> rows with exact offsets. csv-parse does the parsing; this file only maps each
 * record back onto the text so that diagnostics and edits cover the right characters.
 */
import { parse } from 'csv-parse/sync';
import { LineIndex } from './text';

export interface Row {
  /** 0-based line on which the record starts. */
  line: number;
  /** Offset of the record's first character. */
  start: number;
  /** Offset just past the record's content (before its line break). */
  end: number;
  /** Offset just past the record's line break (= end for the last record). */
  next: number;
  fields: string[];
  /** Offsets of the first cell's raw text (quotes included). */
  cellStart: number;
  cellEnd: number;
  /** The first cell was CSV-quoted. */
  csvQuoted: boolean;
  /** Every field is empty or spaces/tabs. */
  blank: boolean;
}

export interface ParsedCsv {
  text: string;
  lines: LineIndex;
  /** The text starts with U+FEFF. */
  bom: boolean;
  rows: Row[];
  /** Set when the text has an unclosed quote; the rows then come from a parse with quoting off. */
  unclosedQuote?: { offset: number };
}

const BASE_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  record_delimiter: ['\r\n', '\n', '\r'],
};

const BLANK = /^[ \t]*$/;

function isBlank(fields: string[]): boolean {
  for (const f of fields) if (!BLANK.test(f)) return false;
  return true;
}

export function parseCsv(text: string): ParsedCsv {
  const lines = new LineIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const offsetBase = bom ? 1 : 0;
  if (!body.includes('"')) {
    return { text, lines, bom, rows: rowsFromLines(text, lines, offsetBase, parseRecords(body, false)) };
  }
  try {
    return { text, lines, bom, rows: rowsFromInfo(text, body, offsetBase, lines) };
  } catch {
    // An unclosed quote would swallow the rest of the file into one cell: read it with quoting off
    // so every line still gets checked, and say where the quote opened.
    const records = parseRecords(body, true);
    const quoteOffset = offsetBase + body.indexOf('"');
    return { text, lines, bom, rows: rowsFromLines(text, lines, offsetBase, records), unclosedQuote: { offset: quoteOffset } };
  }
}

function parseRecords(body: string, quotingOff: boolean): string[][] {
  if (body.length === 0) return [];
  return parse(body, quotingOff ? { ...BASE_OPTIONS, quote: false } : BASE_OPTIONS) as string[][];
}

/**
 * Without quoting, csv-parse yields exactly one record per line, its fields separated by commas,
 * so offsets follow from the line index. This is the fast path for almost every real file.
 */
function rowsFromLines(text: string, lines: LineIndex, offsetBase: number, records: string[][]): Row[] {
  const rows: Row[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const fields = records[i];
    const start = i === 0 ? offsetBase : lines.lineStarts[i];
    const end = lines.lineEnd(i);
    const next = i + 1 < lines.lineCount ? lines.lineStarts[i + 1] : end;
    const cellEnd = fields.length > 1 ? start + fields[0].length : end;
    rows[i] = { line: i, start, end, next, fields, cellStart: start, cellEnd, csvQuoted: false, blank: isBlank(fields) };
  }
  return rows;
}

/** Quoted cells may span lines: csv-parse's byte counts say where each record ends. */
function rowsFromInfo(text: string, body: string, offsetBase: number, lines: LineIndex): Row[] {
  const records = parse(body, { ...BASE_OPTIONS, info: true }) as unknown as { record: string[]; info: { bytes: number } }[];
  const toOffset = byteToOffsetMapper(body);
  const rows: Row[] = [];
  let start = offsetBase;
  for (const { record, info } of records) {
    const next = offsetBase + toOffset(info.bytes);
    let end = next;
    if (text.charCodeAt(end - 1) === 10) end--;
    if (text.charCodeAt(end - 1) === 13) end--;
    if (end < start) end = start;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const csvQuoted = raw.charCodeAt(lead) === 34 && record[0] !== raw.slice(0, record[0].length);
    let cellEnd = end;
    if (record.length > 1) {
      // The first cell ends at the first comma outside its quotes.
      const close = csvQuoted ? raw.indexOf('",', lead + 1) : -1;
      const comma = close >= 0 ? close + 1 : raw.indexOf(',');
      cellEnd = comma >= 0 ? start + comma : end;
    }
    rows.push({ line: lines.positionAt(start).line, start, end, next, fields: record, cellStart: start, cellEnd, csvQuoted, blank: isBlank(record) });
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
