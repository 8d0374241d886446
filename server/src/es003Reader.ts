/**
 * Streams an ES-003 export into the service's aggregator with csv-parse's streaming API: a
 * 1,000,000-row export never sits in memory as text, and the event loop keeps answering requests
 * between chunks. Shared by the language server and the CLI.
 */
import * as fs from 'node:fs';
import { parse } from 'csv-parse';
import { Es003Aggregator, es003Delimiter } from './service';

async function firstLine(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\ufeff/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}

/** Reads an export; rows that cannot be read become the aggregator's problems, never an exception. */
export async function readEs003(file: string, uri: string, onProgress?: (rows: number) => void): Promise<Es003Aggregator> {
  const aggregator = new Es003Aggregator(uri);
  const delimiter = es003Delimiter(await firstLine(file));
  const parser = fs.createReadStream(file).pipe(
    parse({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'], skip_records_with_error: true }),
  );
  // Exports hold no multi-line cells, so the record count is the line.
  let line = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    aggregator.addRow(record, line++);
    if (onProgress && line % 50000 === 0) onProgress(line);
  }
  return aggregator;
}
