/**
 * The fast path's set-up: where each sheet's XML sits, and the workbook-wide facts a cell's value
 * needs (shared strings, which styles are dates, the date system), read by hucre itself so that the
 * fast path cannot differ from it. hucre reads a small probe workbook made of this workbook's own
 * shared strings, styles and directory, whose one sheet asks for every shared string and for a number
 * in every style: its answers are exactly what hucre would give for those cells in any sheet.
 */
import { buf as crc32 } from 'crc-32';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { serialToDate } from 'hucre';
import { streamXlsxRows } from 'hucre/xlsx';
import type { WorkbookRow } from '../service/workbook';
import { plainSharedStrings, PlainSheetScanner, type SheetContext } from './plainSheet';
import { WorkbookError } from './workbookError';
import { decodeXmlText } from './xmlText';
import type { ZipEntry } from './zipEntry';

export interface PlainWorkbook {
  context: SheetContext;
  /** Sheet name to its part's path (`xl/worksheets/sheet1.xml`). */
  sheetParts: Map<string, string>;
}

/** The parts hucre reads before a sheet: directories, relationships, shared strings, styles. */
const COLLECTED = /^(\[Content_Types\]\.xml|.*\.rels|xl\/(workbook|sharedStrings|styles)\.xml)$/i;
const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/i;
/** Probe cells per row, well inside Excel's 16,384 columns. */
const PROBE_ROW = 16000;
/**
 * Past these, the probe's own sheet would cost more than it saves (a 1,000,000-row export holds a few
 * hundred thousand distinct strings; Excel allows 64,000 cell formats): hucre reads such a workbook.
 */
const MAX_PROBED_STRINGS = 4_000_000;
const MAX_PROBED_STYLES = 65_536;

/** The fast path's facts about a workbook, or undefined when it is laid out otherwise (hucre reads it then). */
export async function plainWorkbook(bytes: Uint8Array): Promise<PlainWorkbook | undefined> {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (file) => COLLECTED.test(file.name) });
  } catch {
    return undefined;
  }
  const text = (name: string) => {
    const key = Object.keys(parts).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : new TextDecoder().decode(parts[key]);
  };
  const rootRelationships = relationships(text('_rels/.rels') ?? '');
  const workbookTarget = [...rootRelationships.values()].find((r) => r.type.endsWith('/officeDocument'))?.target.replace(/^\//, '');
  const workbookXml = text('xl/workbook.xml');
  if (workbookTarget?.toLowerCase() !== 'xl/workbook.xml' || workbookXml === undefined) return undefined;
  const workbookRelationships = relationships(text('xl/_rels/workbook.xml.rels') ?? '');
  const sheetParts = new Map<string, string>();
  for (const tag of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const name = attribute(tag[1], 'name');
    const id = attribute(tag[1], '[\\w.-]+:id');
    const relationship = id === undefined ? undefined : workbookRelationships.get(id);
    if (name === undefined || relationship === undefined || !relationship.type.endsWith('/worksheet')) continue;
    const part = relationship.target.startsWith('/') ? relationship.target.slice(1) : `xl/${relationship.target}`;
    if (WORKSHEET_PART.test(part)) sheetParts.set(decodeXmlText(name), part);
  }
  const [probeSheet, probePart] = [...sheetParts][0] ?? [];
  if (probeSheet === undefined || probePart === undefined) return undefined;
  // Shared strings and styles where the directory says, and where the probe (and hucre) look for them.
  const partOf = (type: string) => [...workbookRelationships.values()].find((r) => r.type.endsWith(type))?.target.replace(/^(?!\/)/, 'xl/').replace(/^\//, '');
  const [stringsPart, stylesPart] = [partOf('/sharedStrings'), partOf('/styles')];
  if ((stringsPart && stringsPart.toLowerCase() !== 'xl/sharedstrings.xml') || (stylesPart && stylesPart.toLowerCase() !== 'xl/styles.xml')) return undefined;
  // Shared strings in Excel's plain form are read directly; any other form, hucre reads in the probe.
  const stringsKey = stringsPart === undefined ? undefined : Object.keys(parts).find((k) => k.toLowerCase() === 'xl/sharedstrings.xml');
  const stringsXml = stringsKey === undefined ? undefined : text(stringsKey);
  const plainStrings = stringsXml === undefined ? [] : plainSharedStrings(stringsXml);
  const strings = plainStrings ? 0 : count(stringsXml, /<(?:[\w.-]+:)?si[\s>/]/g);
  const styles = count(text('xl/styles.xml'), /<(?:[\w.-]+:)?xf[\s>/]/g);
  if (strings > MAX_PROBED_STRINGS || styles > MAX_PROBED_STYLES) return undefined;
  if (strings + styles === 0) return { context: { strings: plainStrings ?? [], dateStyles: [], toDate: (serial: number) => serialToDate(serial, false) }, sheetParts };
  // The probe need not read strings already read (hucre parses a shared-strings part whole).
  const probeParts = plainStrings && stringsKey !== undefined ? Object.fromEntries(Object.entries(parts).filter(([k]) => k !== stringsKey)) : parts;
  const probed = await probe(probeParts, probeSheet, probePart, strings, styles);
  return probed && { context: plainStrings ? { ...probed, strings: plainStrings } : probed, sheetParts };
}

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

/** hucre's reading of every shared string and of the number 1 in every style, or undefined if it fails. */
async function probe(parts: Record<string, Uint8Array>, sheet: string, part: string, strings: number, styles: number): Promise<SheetContext | undefined> {
  const rows: string[] = [];
  const row = (cells: string[]) => rows.push(`<row r="${rows.length + 1}">${cells.join('')}</row>`);
  for (let i = 0; i < strings; i += PROBE_ROW) row(Array.from({ length: Math.min(PROBE_ROW, strings - i) }, (_, k) => `<c t="s"><v>${i + k}</v></c>`));
  const styleRow = rows.length;
  for (let i = 0; i < styles; i += PROBE_ROW) row(Array.from({ length: Math.min(PROBE_ROW, styles - i) }, (_, k) => `<c s="${i + k}"><v>1</v></c>`));
  const sheetXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const probeBytes = zipSync({ ...parts, [part]: strToU8(sheetXml) }, { level: 0 });
  const sharedStrings: (string | null)[] = [];
  const dateStyles: boolean[] = [];
  let is1904: boolean | undefined;
  try {
    for await (const { index, values } of streamXlsxRows(probeBytes, { sheet })) {
      for (const value of values) {
        if (index < styleRow) sharedStrings.push(typeof value === 'string' ? value : null);
        else {
          dateStyles.push(value instanceof Date);
          if (value instanceof Date && is1904 === undefined) is1904 = value.getTime() === serialToDate(1, true).getTime();
        }
      }
    }
  } catch {
    return undefined;
  }
  if (sharedStrings.length !== strings || dateStyles.length !== styles) return undefined;
  return { strings: sharedStrings, dateStyles, toDate: (serial) => serialToDate(serial, is1904 === true) };
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(xml: string): Map<string, Relationship> {
  const byId = new Map<string, Relationship>();
  for (const tag of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(tag[1], 'Id');
    const type = attribute(tag[1], 'Type');
    const target = attribute(tag[1], 'Target');
    if (id !== undefined && type !== undefined && target !== undefined) byId.set(id, { type, target: decodeXmlText(target) });
  }
  return byId;
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1];
}

function count(xml: string | undefined, tag: RegExp): number {
  let n = 0;
  if (xml !== undefined) for (const _ of xml.matchAll(tag)) n++;
  return n;
}
