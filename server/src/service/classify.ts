/**
 * One classifier decides what a file is, for the editor, every CLI command and the workspace index:
 * a CAPE declaration, an ES-003 export, a CBP results download, some other CSV, or not a CSV at all.
 * It sees a file's name, its first bytes and the text they decode to, and says why.
 */
import { headerCells, headerDelimiter } from './delimiters';
import { es003Columns } from './es003';
import { classifyHeaderCell, headerLooksLikeReport } from './model';
import { resultColumns } from './results';
import { undecodedUtf16 } from './encoding';
import { sheetReason } from './workbook';

export type FileKind = 'declaration' | 'es003' | 'results' | 'manifest' | 'other-csv' | 'not-csv';

export interface FileClassification {
  kind: FileKind;
  /** Why, in words a user reads ("its header has Entry Summary Number with HTS and duty columns"). */
  reason: string;
}

export interface ClassifyInput {
  /** Path or URI: only the file name counts (`*.cape.csv`, `.xlsx`). */
  name: string;
  /** The decoded text of the file's start (a few KB is enough). */
  head: string;
  /** The file's first bytes, for binary signatures; optional where only text is known (an open editor). */
  bytes?: Uint8Array;
  /** What a setting (`cape.files`, `cape.entryData`, `cape.results`) or a CLI flag says the file is: it decides. */
  declaredKind?: 'declaration' | 'es003' | 'results';
  /** The head is a workbook's sheet rendered as CSV (service/workbook.ts): judged by its rows, the sheet named in the reason. */
  sheet?: string;
}

/** What each kind is called in messages ("skipped 1 ES-003 export"). */
export const KIND_NAMES: Record<FileKind, { one: string; many: string; a: string }> = {
  declaration: { one: 'CAPE declaration', many: 'CAPE declarations', a: 'a CAPE declaration' },
  es003: { one: 'ES-003 export', many: 'ES-003 exports', a: 'an ES-003 export' },
  results: { one: 'CBP results file', many: 'CBP results files', a: 'a CBP results file' },
  manifest: { one: 'upload manifest', many: 'upload manifests', a: 'an upload manifest (manifest.csv)' },
  'other-csv': { one: 'other CSV', many: 'other CSVs', a: 'another CSV' },
  'not-csv': { one: 'non-CSV file', many: 'non-CSV files', a: 'a non-CSV file' },
};

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|xlsb|ods|numbers)$/i;

/** Binary formats by their first bytes: a PDF or workbook renamed `.csv` is named, not read as rows. */
export function binarySignature(bytes: Uint8Array, name = ''): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    return /\.xls[xm]$/i.test(name) ? 'it is an Excel workbook' : 'it is a ZIP archive (an Excel .xlsx workbook or other Office file?)';
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'it is an old Excel .xls workbook (or another Office file)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'it is a PDF document';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'it is a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'it is a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'it is a GIF image';
  if (starts(0x1f, 0x8b)) return 'it is a gzip archive';
  if (starts(0x52, 0x61, 0x72, 0x21)) return 'it is a RAR archive';
  if (starts(0x37, 0x7a, 0xbc, 0xaf)) return 'it is a 7-Zip archive';
  // UTF-16 text has NULs between its characters: that is text, decoded elsewhere, not binary data.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksLikeUtf16WithoutBom(bytes);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return 'it contains binary data (NUL bytes)';
  if (WORKBOOK_NAME.test(name)) return 'it is a spreadsheet workbook';
  return undefined;
}

/**
 * What to say of a file that is not text CSV, given its `binarySignature`. A workbook the product
 * cannot open (an old `.xls`, a workbook named `.csv`) is best saved as `.xlsx`, which is read directly:
 * Excel's CSV export is what damages entry numbers.
 */
export function notCsvMessage(reason: string): string {
  const advice = /workbook/.test(reason)
    ? 'In Excel, use File > Save As > "Excel Workbook (*.xlsx)" and check that file (workbooks are read directly; Excel\'s CSV export can damage entry numbers).'
    : 'In Excel, use File > Save As > "CSV (Comma delimited) (*.csv)" and check that file.';
  return `Not a text CSV: ${reason}. ${advice}`;
}

/** Text saved as UTF-16 without a byte-order mark: every other byte of ASCII text is NUL. */
export function looksLikeUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return undefined;
}

export function classifyFile(input: ClassifyInput): FileClassification {
  if (input.sheet !== undefined) {
    const verdict = classifyText(input, false);
    return { kind: verdict.kind, reason: sheetReason(input.sheet, verdict.reason) };
  }
  return classifyText(input, true);
}

function classifyText(input: ClassifyInput, mayBeBinary: boolean): FileClassification {
  const binary = !mayBeBinary ? undefined : input.bytes ? binarySignature(input.bytes, input.name) : WORKBOOK_NAME.test(input.name) ? 'it is a spreadsheet workbook' : undefined;
  if (binary) return { kind: 'not-csv', reason: binary };
  if (input.declaredKind === 'declaration') return { kind: 'declaration', reason: 'named as a declaration (cape.files, or given to a declaration command)' };
  if (input.declaredKind === 'es003') return { kind: 'es003', reason: 'named as ES-003 data (cape.entryData or --entry-data)' };
  if (input.declaredKind === 'results') return { kind: 'results', reason: 'named as CBP results (cape.results or --results)' };
  // UTF-16 read as 8-bit text (an editor's guess): judged by its characters without the NULs.
  const head = undecodedUtf16(input.head) ? input.head.replace(/\0/g, '') : input.head;
  const cells = headerCells(head);
  const export_ = es003Columns(cells);
  const results = resultColumns(cells);
  // A results download and an export can share an entry column: line, HTS or duty columns make an export.
  if (results && !(export_ && (export_.line !== undefined || export_.hts !== undefined || export_.duty !== undefined))) {
    return { kind: 'results', reason: `its header has an entry column (\`${cells[results.entry]}\`) with a claim or status column` };
  }
  if (export_) return { kind: 'es003', reason: `its header has an entry column (\`${cells[export_.entry!]}\`) with ES-003 line, HTS, duty or date columns` };
  if (isManifestHeader(cells)) return { kind: 'manifest', reason: 'its header is an upload manifest\'s (`Part File`, `Entries`, `SHA-256`), as cape prepare writes it' };
  if (/\.cape\.csv$/i.test(input.name)) return { kind: 'declaration', reason: 'it is named *.cape.csv' };
  const first = firstNonBlankLine(head);
  if (first !== undefined) {
    const fields = first.split(headerDelimiter(first));
    const header = classifyHeaderCell(fields[0]);
    if ((header === 'exact' || header === 'variant') && !headerLooksLikeReport(fields)) {
      return { kind: 'declaration', reason: header === 'exact' ? 'its first cell is the header `Entry Number`' : `its first cell \`${fields[0].trim().slice(0, 30)}\` reads as an entry-number header` };
    }
  }
  return { kind: 'other-csv', reason: first === undefined ? 'it is empty' : 'its first row is not an entry-number header, an ES-003 header or a CBP results header' };
}

function firstNonBlankLine(text: string): string | undefined {
  const head = text.slice(0, 4096).replace(/^\ufeff/, '');
  for (const line of head.split(/\r\n|\n|\r/)) if (line.replace(/[ \t,;|]/g, '') !== '') return line;
  return undefined;
}

export interface DocumentKindInput {
  /** The document's path or URI; only its file name and glob matches matter. */
  path: string;
  text: string;
  /** `cape.files` matched this path (the caller owns glob matching against the workspace). */
  matchesFilesSetting: boolean;
}

/** A declaration by the one classifier: what the editor analyzes and what the CLI writes to. */
export function isDeclarationDocument({ path, text, matchesFilesSetting }: DocumentKindInput): boolean {
  return classifyFile({ name: path, head: text, declaredKind: matchesFilesSetting ? 'declaration' : undefined }).kind === 'declaration';
}

/** The header `manifestCsv` (prepare.ts) writes. */
export function isManifestHeader(cells: readonly string[]): boolean {
  return cells.length >= 3 && cells[0].trim() === 'Part File' && cells[1].trim() === 'Entries' && cells[2].trim() === 'SHA-256';
}
