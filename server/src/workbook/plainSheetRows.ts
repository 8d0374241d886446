/**
 * A plain sheet's rows as they stream: its bytes inflated by the platform's DecompressionStream
 * (native in Node and browsers), checked against the directory's size and checksum, and read by the
 * plain scanner (plainSheet.ts).
 */
import { buf as crc32 } from 'crc-32';
import type { WorkbookRow } from '../service/workbook';
import { PlainSheetScanner, type SheetContext } from './plainSheet';
import { WorkbookError } from './workbookError';
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
  const compressed = new Blob([bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)]).stream();
  // A queue of inflated chunks lets zlib (on its own thread) run ahead while the rows are read.
  const ahead = new TransformStream<Uint8Array, Uint8Array>(undefined, new CountQueuingStrategy({ highWaterMark: 32 }));
  const reader = (entry.method === 8 ? compressed.pipeThrough(new DecompressionStream('deflate-raw')) : compressed).pipeThrough(ahead).getReader();
  const decoder = new TextDecoder();
  const rows: WorkbookRow[] = [];
  let inflated = 0;
  let crc = 0;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        return false;
      }
      if (chunk.value) {
        inflated += chunk.value.length;
        if (inflated > entry.size) throw new WorkbookError(`is refused: its part ${entry.name} inflates past the ${Math.round(entry.size / 1048576)} MB its directory declares (a zip bomb, or a damaged file)`);
        crc = crc32(chunk.value, crc);
      } else if ((crc >>> 0) !== entry.crc) {
        // Damage that still inflates reads as other rows: the checksum says so (hucre does not check it).
        throw new WorkbookError(`is damaged: its sheet ${entry.name} does not match its checksum (the file was cut short or altered): open it in Excel, save it again, and check it again`);
      }
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
