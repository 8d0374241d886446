/**
 * A plain sheet's rows as they stream: its bytes inflated by the platform's DecompressionStream
 * (native in Node and browsers), checked against the directory's size and checksum, and read by the
 * plain scanner (plainSheet.ts).
 */
import type { WorkbookRow } from '../service/workbook';
import { PlainSheetScanner, type SheetContext } from './plainSheet';
import { inflatedPart, nextChunk, PartCheck } from './partCheck';
import type { ZipEntry } from './zipEntry';

/**
 * A sheet's rows on the plain path, inflated by the platform (DecompressionStream) as they are read.
 * Returns true when the sheet was read to its end; false at the first thing not plain, or a stream
 * that fails to inflate (hucre then reads the sheet, and says what is wrong in its own words), with
 * `given.rows` the rows already given. A sheet whose bytes do not match the directory's checksum
 * (damage that still inflates) is a WorkbookError once its last row is read.
 */
export async function* plainSheetRows(bytes: Uint8Array, entry: ZipEntry, context: SheetContext, given: { rows: number }): AsyncGenerator<WorkbookRow, boolean, undefined> {
  const scanner = new PlainSheetScanner(context);
  // A queue of inflated chunks lets zlib (on its own thread) run ahead while the rows are read.
  const ahead = new TransformStream<Uint8Array, Uint8Array>(undefined, new CountQueuingStrategy({ highWaterMark: 32 }));
  const reader = inflatedPart(bytes, entry).pipeThrough(ahead).getReader();
  const decoder = new TextDecoder();
  const rows: WorkbookRow[] = [];
  const check = new PartCheck(entry);
  try {
    for (;;) {
      const chunk = await nextChunk(reader);
      if (!chunk) return false;
      if (chunk.value) check.add(chunk.value);
      else check.finish();
      // Past `</sheetData>` the rest (page set-up) is only inflated, for the checksum.
      const plain = scanner.done || scanner.push(chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true }), chunk.done, rows);
      for (const row of rows) {
        given.rows++;
        yield row;
      }
      rows.length = 0;
      if (!plain) return false;
      if (chunk.done) return true;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
