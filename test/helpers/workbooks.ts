/**
 * Workbooks for tests, generated (never downloaded): real `.xlsx` files written with the chosen
 * library's own writer (hucre), and hostile ones (a zip bomb, a lying directory, a corrupt archive,
 * an encrypted container, a sheet past Excel's row limit) written with the small ZIP writer below.
 */
import * as fs from 'node:fs';
import { once } from 'node:events';
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

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const columnName = (index: number): string => (index < 26 ? '' : columnName(Math.floor(index / 26) - 1)) + String.fromCharCode(65 + (index % 26));
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A workbook as Excel saves one: text in a shared-strings table, dates as serial numbers in a date
 * style (built-in format 14), row and cell references on everything. The sheet is deflated as it is
 * written, so a million rows never sit in memory as XML (the bench's export as Excel saves it).
 */
export async function writeExcelStyleWorkbook(file: string, sheetName: string, rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): Promise<void> {
  const strings = new Map<string, number>();
  const deflate = zlib.createDeflateRaw({ level: 6 });
  const deflated: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => deflated.push(chunk));
  const ended = once(deflate, 'end');
  let size = 0;
  let crc = 0;
  const write = async (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    size += bytes.length;
    crc = zlib.crc32(bytes, crc);
    if (!deflate.write(bytes)) await once(deflate, 'drain');
  };
  const cell = (value: Cell, ref: string): string => {
    if (value === null || value === '') return '';
    if (typeof value === 'string') {
      let index = strings.get(value);
      if (index === undefined) strings.set(value, (index = strings.size));
      return `<c r="${ref}" t="s"><v>${index}</v></c>`;
    }
    if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
    if (value instanceof Date) return `<c r="${ref}" s="1"><v>${(value.getTime() - EXCEL_EPOCH) / 86400000}</v></c>`;
    return `<c r="${ref}"><v>${value}</v></c>`;
  };
  await write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>');
  let rowNumber = 0;
  let chunk = '';
  for await (const row of rows) {
    rowNumber++;
    chunk += `<row r="${rowNumber}" spans="1:${Math.max(1, row.length)}">${row.map((v, c) => cell(v, columnName(c) + rowNumber)).join('')}</row>`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk + '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  deflate.end();
  await ended;
  const text = (name: string, xml: string): ZipPart => ({ name, data: Buffer.from(xml, 'utf8') });
  const relationship = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sst = [...strings.keys()].map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t></si>`).join('');
  writeZip(file, [
    text('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    text('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationship}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    text('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${relationship}"><workbookPr defaultThemeVersion="166925"/><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    text('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="${relationship}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${relationship}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="${relationship}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    text('xl/styles.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
    text('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${sst}</sst>`),
    { name: 'xl/worksheets/sheet1.xml', deflated: { bytes: Buffer.concat(deflated), size, crc } },
  ]);
}

