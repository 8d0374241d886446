/**
 * The fast path's set-up: where each sheet's XML sits, and the workbook-wide facts a cell's value
 * needs (shared strings, which styles are dates, the date system). A shared-strings table in Excel's
 * plain form is read directly (plainSheet.ts, proven equal to hucre's reading); everything else is
 * read by hucre itself, so that the fast path cannot differ from it: hucre reads a small probe
 * workbook made of this workbook's own directory and styles (and shared strings when they are not
 * plain), whose one sheet asks for a number in every style (and for every shared string). Its answers
 * are exactly what hucre would give for those cells in any sheet.
 */
import { zipSync, strToU8 } from 'fflate';
import { serialToDate } from 'hucre';
import { streamXlsxRows } from 'hucre/xlsx';
import { plainSharedStrings, type SheetContext } from './plainSheet';
import { keyOf, partText, relationships, sheetPartsOf, type Parts } from './workbookDirectory';

export interface PlainWorkbook {
  context: SheetContext;
  /** Sheet name to its part's path (`xl/worksheets/sheet1.xml`). */
  sheetParts: Map<string, string>;
}

const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/i;
const SHARED_STRINGS_PART = 'xl/sharedstrings.xml';
const STYLES_PART = 'xl/styles.xml';
/** Probe cells per row, well inside Excel's 16,384 columns. */
const PROBE_ROW = 16000;
/**
 * Past these, the probe's own sheet would cost more than it saves (a 1,000,000-row export holds a few
 * hundred thousand distinct strings; Excel allows 64,000 cell formats): hucre reads such a workbook.
 */
const MAX_PROBED_STRINGS = 4_000_000;
const MAX_PROBED_STYLES = 65_536;

/**
 * The fast path's facts about a workbook, from its checked small parts (workbookDirectory.ts), or
 * undefined when it is laid out otherwise (hucre reads it then).
 */
export async function plainWorkbook(parts: Parts): Promise<PlainWorkbook | undefined> {
  const layout = layoutOf(parts);
  const context = layout && (await contextOf(parts, layout));
  return context && layout && { context, sheetParts: layout.sheetParts };
}

interface Layout {
  /** Sheet name to its part. */
  sheetParts: Map<string, string>;
  /** The directory names a shared-strings part (hucre reads none it does not name). */
  namesSharedStrings: boolean;
}

/** Where each sheet is, when the workbook is laid out where hucre's stream path looks; else undefined. */
function layoutOf(parts: Parts): Layout | undefined {
  const workbookTarget = [...relationships(parts, '_rels/.rels').values()].find((r) => r.type.endsWith('/officeDocument'))?.target.replace(/^\//, '');
  if (workbookTarget?.toLowerCase() !== 'xl/workbook.xml') return undefined;
  const workbookRelationships = relationships(parts, 'xl/_rels/workbook.xml.rels');
  // Shared strings and styles where the directory says, and where the probe (and hucre's stream path) look for them.
  const partOf = (type: string) => [...workbookRelationships.values()].find((r) => r.type.endsWith(type))?.target.replace(/^(?!\/)/, 'xl/').replace(/^\//, '').toLowerCase();
  const [stringsPart, stylesPart] = [partOf('/sharedStrings'), partOf('/styles')];
  if ((stringsPart !== undefined && stringsPart !== SHARED_STRINGS_PART) || (stylesPart !== undefined && stylesPart !== STYLES_PART)) return undefined;
  const sheetParts = new Map([...sheetPartsOf(parts)].filter(([, part]) => WORKSHEET_PART.test(part)));
  return sheetParts.size > 0 ? { sheetParts, namesSharedStrings: stringsPart !== undefined } : undefined;
}

/** The shared strings (read directly when plain) and hucre's answers from the probe, or undefined. */
async function contextOf(parts: Parts, { sheetParts, namesSharedStrings }: Layout): Promise<SheetContext | undefined> {
  const [probeSheet, probePart] = [...sheetParts][0];
  const stringsKey = namesSharedStrings ? keyOf(parts, SHARED_STRINGS_PART) : undefined;
  const stringsXml = stringsKey === undefined ? undefined : partText(parts, stringsKey);
  const plainStrings = stringsXml === undefined ? [] : plainSharedStrings(stringsXml);
  const strings = plainStrings ? 0 : count(stringsXml, /<(?:[\w.-]+:)?si[\s>/]/g);
  const styles = count(partText(parts, STYLES_PART), /<(?:[\w.-]+:)?xf[\s>/]/g);
  if (strings > MAX_PROBED_STRINGS || styles > MAX_PROBED_STYLES) return undefined;
  if (strings + styles === 0) return { strings: plainStrings ?? [], dateStyles: [], toDate: (serial: number) => serialToDate(serial, false) };
  // The probe need not read strings already read (hucre parses a shared-strings part whole).
  const probeParts = plainStrings && stringsKey !== undefined ? Object.fromEntries(Object.entries(parts).filter(([k]) => k !== stringsKey)) : parts;
  const probed = await probe(probeParts, probeSheet, probePart, strings, styles);
  return probed && (plainStrings ? { ...probed, strings: plainStrings } : probed);
}

/** hucre's reading of every shared string and of the number 1 in every style, or undefined if it fails. */
async function probe(parts: Parts, sheet: string, part: string, strings: number, styles: number): Promise<SheetContext | undefined> {
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

function count(xml: string | undefined, tag: RegExp): number {
  let n = 0;
  if (xml !== undefined) for (const _ of xml.matchAll(tag)) n++;
  return n;
}
