/**
 * Reads one worksheet of an Excel `.xlsx` workbook as rows, streaming: the sheet's XML is inflated
 * and parsed as it goes, so a 1,000,000-row ES-003 export never sits in memory whole. Built into a
 * bundle of its own (dist/workbook.js) and loaded only when a workbook is met (see workbookReader.ts).
 *
 * hucre reads the workbook (docs/workbooks.md says why that library); a plain sheet is read on the
 * fast path beside it (plainSheet.ts). Before either does, the archive's directory is checked with
 * fflate (workbookDirectory.ts), without inflating anything large: a part that would inflate beyond
 * its limits, or far beyond its compressed size, is refused as a likely zip bomb.
 */
import { streamXlsxRows } from 'hucre/xlsx';
import { EXCEL_MAX_ROWS, type WorkbookRow } from '../service/workbook';
import { plainSheetRows } from './plainSheetRows';
import { plainWorkbook, type PlainWorkbook } from './plainWorkbook';
import { messageOf, WorkbookError } from './workbookError';
import { checkStreamedPart } from './partCheck';
import { checkedParts, sheetPartsOf, workbookSheets } from './workbookDirectory';
import { findZipEntry } from './zipEntry';

export { WorkbookError };

export interface OpenedSheet {
  /** The sheet read: the one named, else the first sheet with any data. */
  sheet: string;
  sheets: string[];
  /** The sheet's first row, already read to find a sheet with data. */
  first?: WorkbookRow;
  /** The rows after `first`. Consumed directly (no further generator layers: each costs per row). */
  rows: AsyncGenerator<WorkbookRow, void, undefined>;
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Opens a workbook at the sheet to read. Throws WorkbookError (never anything else) for what cannot be
 * read. A requested sheet the workbook lacks is an error, unless `orFirst` (a setting that names the
 * sheet for every workbook): then the first sheet with data is read.
 */
export async function openWorkbook(bytes: Uint8Array, requestedSheet?: string, orFirst = false): Promise<OpenedSheet> {
  if (CFB_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // Excel saves a password-protected .xlsx inside an OLE2 container (so does the old .xls format).
    throw new WorkbookError('is password-protected (or an old .xls workbook): open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) or save it as .xlsx, and check it again');
  }
  const parts = checkedParts(bytes);
  const sheets = workbookSheets(parts).map((s) => s.name);
  if (sheets.length === 0) throw new WorkbookError('has no worksheets');
  const plain = await plainWorkbook(parts);
  const sheetParts = sheetPartsOf(parts);
  const read = (name: string) => guarded(sheetRows(bytes, name, plain, sheetParts.get(name)), name);
  if (requestedSheet !== undefined) {
    const name = sheets.find((s) => s === requestedSheet) ?? sheets.find((s) => s.toLowerCase() === requestedSheet.toLowerCase());
    if (name !== undefined) return { sheet: name, sheets, rows: read(name) };
    if (!orFirst) throw new WorkbookError(`has no sheet named "${requestedSheet}" (its sheets: ${sheets.map((s) => `"${s}"`).join(', ')})`);
  }
  // The first sheet with data: exports and downloads often open with an empty or notes sheet.
  for (const name of sheets) {
    const rows = read(name);
    const first = await rows.next();
    if (!first.done) return { sheet: name, sheets, first: first.value, rows };
  }
  return { sheet: sheets[0], sheets, rows: (async function* () {})() };
}

/**
 * A sheet's rows: read on the plain path while the sheet is plain (plainSheet.ts), else by hucre. When
 * the plain path meets something else mid-sheet, hucre reads the sheet from the start and its rows
 * carry on after the ones already given (the two readings agree row for row up to that point).
 */
async function* sheetRows(bytes: Uint8Array, sheet: string, plain: PlainWorkbook | undefined, part: string | undefined): AsyncGenerator<WorkbookRow, void, undefined> {
  // DecompressionStream is in every Node the extension supports and in browsers; without it, hucre reads.
  const entry = part === undefined || typeof DecompressionStream !== 'function' ? undefined : findZipEntry(bytes, part);
  const given = { rows: 0 };
  if (plain?.sheetParts.has(sheet) && entry && (yield* plainSheetRows(bytes, entry, plain.context, given))) return;
  // hucre checks no checksum: the sheet is checked whole before it reads a row.
  if (entry) await checkStreamedPart(bytes, entry);
  let skip = given.rows;
  for await (const row of streamXlsxRows(streamOf(bytes), { sheet })) {
    if (skip > 0) skip--;
    else yield row;
  }
}

/**
 * hucre's streaming path, fed from memory: it inflates the sheet as it parses (a fifth faster on a
 * million rows than handing it the bytes, which it reads through a slower path).
 */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes]).stream();
}

/** Rows with hucre's errors in a user's words, and Excel's row limit enforced. */
async function* guarded(rows: AsyncGenerator<{ index: number; values: WorkbookRow['values'] }>, sheet: string): AsyncGenerator<WorkbookRow, void, undefined> {
  try {
    for await (const row of rows) {
      if (row.index >= EXCEL_MAX_ROWS) {
        throw new WorkbookError(`has more rows on sheet "${sheet}" than Excel allows (${EXCEL_MAX_ROWS.toLocaleString('en-US')}): no workbook Excel writes; not read further`);
      }
      yield row;
    }
  } catch (error) {
    throw asWorkbookError(error);
  }
}

function asWorkbookError(error: unknown): WorkbookError {
  if (error instanceof WorkbookError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'EncryptedFileError') return new WorkbookError('is password-protected: open it in Excel, remove the password, save it, and check it again');
  if (/zip bomb|exceeds limit/i.test(messageOf(error))) return new WorkbookError(`is refused: ${messageOf(error)}`);
  return new WorkbookError(`is not a readable workbook: the file is damaged (${messageOf(error)})`);
}
