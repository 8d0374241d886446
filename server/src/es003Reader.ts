/**
 * Streams an ES-003 export into the service's aggregator with csv-parse's streaming API: a
 * 1,000,000-row export never sits in memory as text, and the event loop keeps answering requests
 * between chunks. Shared by the language server and the CLI.
 */
import * as fs from 'node:fs';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import * as iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import { Es003Aggregator, firstLineOf, headerDelimiter, type LineBreak } from './service';
import { rowTexts, type WorkbookRow } from './service/workbook';

const ALL_LINE_BREAKS: LineBreak[] = ['\r\n', '\n', '\r'];

async function headBytes(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function head(file: string): Promise<string> {
  return (await headBytes(file)).toString('utf8').replace(/^\ufeff/, '');
}

/** Reads an export; rows that cannot be read become the aggregator's problems, never an exception. */
export async function readEs003(file: string, uri: string, onProgress?: (rows: number) => void, text?: string, encoding = 'utf-8'): Promise<Es003Aggregator> {
  // Already read whole (a pipe can be read once): parsed from that text, every line break allowed.
  if (text !== undefined) {
    const body = text.replace(/^\ufeff/, '');
    return readFrom(() => [Readable.from([body])], uri, headerDelimiter(firstLineOf(body)), undefined, onProgress);
  }
  // Not UTF-8 (a UTF-16 or Windows-1252 save): decoded as it streams, so a large export never sits in memory whole.
  if (encoding !== 'utf-8') {
    const decodedHead = iconv.decode(await headBytes(file), encoding);
    return readFrom(() => [fs.createReadStream(file), iconv.decodeStream(encoding)], uri, headerDelimiter(firstLineOf(decodedHead)), undefined, onProgress);
  }
  const start = await head(file);
  const delimiter = headerDelimiter(start.split(/\r\n|\n|\r/, 1)[0] ?? '');
  // csv-parse tries each record delimiter at every character: a file whose lines all end alike is
  // read with that one alone (about a tenth faster on a million rows). A file that turns out to mix
  // them is read again from the start with all three.
  const lineBreak = /\r\n|\n|\r/.exec(start)?.[0] as LineBreak | undefined;
  if (lineBreak) {
    try {
      return await readWith(file, uri, delimiter, lineBreak, onProgress);
    } catch (error) {
      if (!(error instanceof MixedLineBreaks)) throw error;
    }
  }
  return readWith(file, uri, delimiter, undefined, onProgress);
}

function readWith(file: string, uri: string, delimiter: string, lineBreak: LineBreak | undefined, onProgress?: (rows: number) => void): Promise<Es003Aggregator> {
  return readFrom(() => [fs.createReadStream(file)], uri, delimiter, lineBreak, onProgress);
}

/** `open` gives the source, then any decoding stages, all joined by one pipeline (errors of each reach the loop). */
async function readFrom(open: () => NodeJS.ReadableStream[], uri: string, delimiter: string, lineBreak: LineBreak | undefined, onProgress?: (rows: number) => void): Promise<Es003Aggregator> {
  const aggregator = new Es003Aggregator(uri);
  const options = { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: lineBreak ?? ALL_LINE_BREAKS, skip_records_with_error: true };
  const stages = open();
  const parser = parse(options);
  // pipeline, not pipe: a read error or a mixed line break ends the loop below (the parser is
  // destroyed with it) instead of stalling it; the loop is where the error is handled.
  const handledByTheLoop = () => undefined;
  pipeline([...stages, ...(lineBreak ? [new LineBreakCheck(lineBreak)] : []), parser], handledByTheLoop);
  // Exports hold no multi-line cells, so the record count is the line.
  let line = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    aggregator.addRow(record, line++);
    if (onProgress && line % 50000 === 0) onProgress(line);
  }
  return aggregator;
}

class MixedLineBreaks extends Error {}

/**
 * Passes the file through unchanged while every line break in it is `expected`; fails with
 * MixedLineBreaks at the first chunk holding another (before csv-parse sees that chunk).
 */
class LineBreakCheck extends Transform {
  /** The previous chunk ended with a CR, whose LF must open this chunk. */
  private pendingLf = false;

  constructor(private readonly expected: LineBreak) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.conforms(chunk)) callback(null, chunk);
    else callback(new MixedLineBreaks('The export mixes line breaks.'));
  }

  override _flush(callback: TransformCallback): void {
    // A CR at the very end, with no LF after it, is a lone CR.
    callback(this.pendingLf ? new MixedLineBreaks('The export mixes line breaks.') : null);
  }

  private conforms(chunk: Buffer): boolean {
    if (chunk.length === 0) return true;
    if (this.expected === '\n') return chunk.indexOf(13) < 0;
    if (this.expected === '\r') return chunk.indexOf(10) < 0;
    // CRLF only: each LF follows a CR (across chunks too), and each CR is followed by an LF.
    if (this.pendingLf !== (chunk[0] === 10)) return false;
    for (let i = chunk.indexOf(10, 1); i >= 0; i = chunk.indexOf(10, i + 1)) if (chunk[i - 1] !== 13) return false;
    for (let i = chunk.indexOf(13); i >= 0; i = chunk.indexOf(13, i + 1)) {
      if (i === chunk.length - 1) break;
      if (chunk[i + 1] !== 10) return false;
    }
    this.pendingLf = chunk[chunk.length - 1] === 13;
    return true;
  }
}

/** An export read from a workbook: each row's cells as their CSV texts, the row index as the line. */
export async function readEs003Rows(rows: { head: readonly WorkbookRow[]; rest: AsyncIterator<WorkbookRow> }, uri: string, onProgress?: (rows: number) => void): Promise<Es003Aggregator> {
  const aggregator = new Es003Aggregator(uri);
  for (const row of rows.head) aggregator.addRow(rowTexts(row.values), row.index);
  let count = rows.head.length;
  for (let next = await rows.rest.next(); !next.done; next = await rows.rest.next()) {
    aggregator.addRow(rowTexts(next.value.values), next.value.index);
    if (onProgress && ++count % 50000 === 0) onProgress(count);
  }
  return aggregator;
}
