/**
 * Workbooks for tests, generated (never downloaded): real `.xlsx` files written with the chosen
 * library's own writer (hucre), and hostile ones (a zip bomb, a lying directory, a corrupt archive,
 * an encrypted container, a sheet past Excel's row limit) written with the small ZIP writer below.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { writeXlsx } from 'hucre/xlsx';
import { ES003_HEADER, type Es003Row } from './es003';

export type Cell = string | number | boolean | Date | null;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
}

export async function writeWorkbook(file: string, sheets: SheetSpec[]): Promise<void> {
  const bytes = await writeXlsx({ sheets: sheets.map((s) => ({ name: s.name, rows: s.rows })) });
  fs.writeFileSync(file, bytes);
}

/** `03/15/2025` as the date Excel stores (a serial number with a date format). */
export function excelDate(usDate: string): Date {
  const [m, d, y] = usDate.split('/').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** `$1,234.56` as the number Excel stores. */
export function excelMoney(text: string): number {
  return Number(text.replace(/[$,]/g, ''));
}

/**
 * The rows of test/helpers/es003.ts's export as a workbook holds them. `typed`: dates and money as
 * Excel numbers (dates formatted as dates); otherwise as the text the CSV holds.
 */
export function es003Rows(rows: Es003Row[], typed: boolean): Cell[][] {
  const date = (v: string | undefined, fallback: string) => {
    const text = v ?? fallback;
    return typed && text !== '' ? excelDate(text) : text;
  };
  const money = (v: string | undefined) => {
    const text = v ?? '$1,000.00';
    return typed && /^\$?[0-9,]+(\.[0-9]+)?$/.test(text) ? excelMoney(text) : text;
  };
  return [
    [...ES003_HEADER],
    ...rows.map((r) => [r.entry, '001', r.type ?? '01', r.importer ?? '12-3456789AB', date(r.entryDate, '03/15/2025'), date(r.summaryDate, '03/20/2025'), r.hts ?? '9903.01.25',
      money(r.duty), r.status ?? 'Unliquidated', date(r.liquidationDate, ''), r.recon ?? 'N', r.protestNumber ?? '', r.protestStatus ?? '', r.drawback ?? 'N', r.adcvd ?? 'N', r.warehouse ?? 'N', date(r.paymentDate, '')]),
  ];
}

interface ZipPart {
  name: string;
  /** Stored bytes (method 0), or a deflated stream with its real size and CRC. */
  data?: Buffer;
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** Lie in the directory about the inflated size. */
  claimedSize?: number;
}

/** A little-endian record: `[offset, bytes (2 or 4), value]` fields, the rest zero. */
function record(size: number, fields: [number, 2 | 4, number][]): Buffer {
  const out = Buffer.alloc(size);
  for (const [at, bytes, value] of fields) {
    if (bytes === 2) out.writeUInt16LE(value, at);
    else out.writeUInt32LE(value >>> 0, at);
  }
  return out;
}

/** A minimal ZIP writer (local headers, central directory, end record): enough to build hostile archives. */
export function writeZip(file: string, parts: ZipPart[]): void {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const body = part.deflated ? part.deflated.bytes : part.data!;
    const size = part.claimedSize ?? (part.deflated ? part.deflated.size : body.length);
    const crc = part.deflated ? part.deflated.crc : zlib.crc32(body);
    const method = part.deflated ? 8 : 0;
    // The fields both headers carry, at their offsets in each (version needed, method, CRC, sizes, name length).
    const local = record(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, method], [14, 4, crc], [18, 4, body.length], [22, 4, size], [26, 2, name.length]]);
    const central = record(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, method], [16, 4, crc], [20, 4, body.length], [24, 4, size], [28, 2, name.length], [42, 4, offset]]);
    chunks.push(local, name, body);
    directory.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, parts.length], [10, 2, parts.length], [12, 4, directoryBytes.length], [16, 4, offset]]);
  fs.writeFileSync(file, Buffer.concat([...chunks, directoryBytes, end]));
}

/** The parts every workbook needs around its one sheet. */
export function workbookParts(sheetXml: ZipPart): ZipPart[] {
  const text = (name: string, xml: string): ZipPart => ({ name, data: Buffer.from(xml, 'utf8') });
  return [
    text('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    text('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    text('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    text('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheetXml,
  ];
}

/** A workbook whose one sheet holds `rowsXml` (inline-string cells), written by hand. */
export function writeRawWorkbook(file: string, rowsXml: string): void {
  const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;
  writeZip(file, workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml, 'utf8') }));
}

/** A sheet that inflates to `megabytes` MB of spaces from a few hundred KB: a zip bomb. */
export async function writeZipBombAsync(file: string, megabytes: number): Promise<void> {
  const block = Buffer.alloc(1024 * 1024, 0x20);
  let crc = 0;
  const stream = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  stream.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  for (let i = 0; i < megabytes; i++) {
    crc = zlib.crc32(block, crc);
    if (!stream.write(block)) await new Promise((r) => stream.once('drain', r));
  }
  stream.end();
  await done;
  writeZip(file, workbookParts({ name: 'xl/worksheets/sheet1.xml', deflated: { bytes: Buffer.concat(out), size: megabytes * 1024 * 1024, crc } }));
}

/** A workbook whose directory claims its shared strings inflate to 3 GB. */
export function writeLyingWorkbook(file: string): void {
  const parts = workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData/></worksheet>') });
  parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from('<sst/>'), claimedSize: 3_000_000_000 });
  writeZip(file, parts);
}

/** An OLE2 container, as Excel saves a password-protected `.xlsx`. */
export function writeEncryptedWorkbook(file: string): void {
  const header = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  fs.writeFileSync(file, header);
}
