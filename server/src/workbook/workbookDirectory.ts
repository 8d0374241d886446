/**
 * A workbook's directory: its archive checked for zip bombs without inflating anything large, its small
 * parts (relationships, the workbook part, shared strings, styles) inflated once, and the sheets and
 * relationships they name. The reader (readWorkbook.ts) and the plain path (plainWorkbook.ts) both
 * read these, from one pass over the archive.
 */
import { unzipSync } from 'fflate';
import { checkWholePart } from './partCheck';
import { messageOf, WorkbookError } from './workbookError';
import { zipDirectory } from './zipEntry';
import { decodeXmlAttribute } from './xmlText';

export type Parts = Record<string, Uint8Array>;

/** Parts read whole before the sheet streams (shared strings, styles, the workbook's directory). */
const WHOLE_PART_LIMIT = 128 * 1024 * 1024;
/** A worksheet streams, but one that inflates past this is no export Excel writes. */
const SHEET_PART_LIMIT = 1536 * 1024 * 1024;
/** Real sheets deflate 5 to 30 times; a part inflating 500 times its size and to many MB is a bomb. */
const BOMB_RATIO = 500;
const BOMB_MIN_BYTES = 64 * 1024 * 1024;

/** The parts hucre reads before a sheet: directories, relationships, shared strings, styles. */
const COLLECTED = /^(\[Content_Types\]\.xml|.*\.rels|xl\/(workbook|sharedStrings|styles)\.xml)$/i;
const WORKBOOK_PART = 'xl/workbook.xml';

/**
 * The archive's directory, checked without inflating a byte, in one pass that also inflates the small
 * parts (each once its size is known to be sane). Throws WorkbookError for a damaged archive, one that
 * is no workbook, or a part that would inflate beyond any real workbook.
 */
export function checkedParts(bytes: Uint8Array): Parts {
  const listed: { name: string; size: number; originalSize: number }[] = [];
  let parts: Parts;
  try {
    parts = unzipSync(bytes, {
      filter(file) {
        listed.push({ name: file.name, size: file.size, originalSize: file.originalSize });
        return COLLECTED.test(file.name) && refusal(file) === undefined;
      },
    });
  } catch (error) {
    throw new WorkbookError(`is not a readable workbook: the file is damaged or not an .xlsx (${messageOf(error)})`);
  }
  if (!listed.some((p) => p.name.toLowerCase() === WORKBOOK_PART)) throw new WorkbookError('is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml)');
  for (const part of listed) {
    const why = refusal(part);
    if (why) throw new WorkbookError(`is refused: its part ${part.name} would inflate to ${why} (a zip bomb, or no workbook Excel writes)`);
  }
  // fflate does not check what it inflated: a shared string altered in place would read as another entry.
  const directory = zipDirectory(bytes);
  for (const [name, data] of Object.entries(parts)) {
    const entry = directory?.get(name.toLowerCase());
    if (entry) checkWholePart(entry, data);
  }
  return parts;
}

/** Each sheet's part (`xl/worksheets/sheet1.xml`), by sheet name, as the workbook's relationships name it. */
export function sheetPartsOf(parts: Parts): Map<string, string> {
  const workbookRelationships = relationships(parts, 'xl/_rels/workbook.xml.rels');
  const sheetParts = new Map<string, string>();
  for (const { name, id } of workbookSheets(parts)) {
    const relationship = id === undefined ? undefined : workbookRelationships.get(id);
    if (relationship === undefined || !relationship.type.endsWith('/worksheet')) continue;
    sheetParts.set(name, relationship.target.startsWith('/') ? relationship.target.slice(1) : `xl/${relationship.target}`);
  }
  return sheetParts;
}

/** Why a part is refused before it is inflated, or undefined. */
function refusal(part: { name: string; size: number; originalSize: number }): string | undefined {
  const limit = /^xl\/worksheets\//i.test(part.name) ? SHEET_PART_LIMIT : WHOLE_PART_LIMIT;
  // A part that claims to inflate to nothing yet holds data hides its real size.
  if (part.originalSize === 0 && part.size > 64) return 'an undeclared size';
  const bomb = part.originalSize > BOMB_MIN_BYTES && part.originalSize > part.size * BOMB_RATIO;
  return part.originalSize > limit || bomb ? `${Math.round(part.originalSize / 1048576)} MB from ${Math.round(part.size / 1024)} KB` : undefined;
}

/** A part's name as the archive spells it (names are matched in any case). */
export function keyOf(parts: Parts, name: string): string | undefined {
  return Object.keys(parts).find((k) => k.toLowerCase() === name.toLowerCase());
}

export function partText(parts: Parts, name: string): string | undefined {
  const key = keyOf(parts, name);
  return key === undefined ? undefined : new TextDecoder().decode(parts[key]);
}

/** The workbook's sheets in order, by name, with the relationship id of each (`r:id`). */
export function workbookSheets(parts: Parts): { name: string; id: string | undefined }[] {
  const sheets: { name: string; id: string | undefined }[] = [];
  for (const tag of (partText(parts, WORKBOOK_PART) ?? '').matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const name = attribute(tag[1], 'name');
    if (name !== undefined) sheets.push({ name: decodeXmlAttribute(name), id: attribute(tag[1], '[\\w.-]+:id') });
  }
  return sheets;
}

export interface Relationship {
  type: string;
  target: string;
}

/** A relationships part's entries by id. */
export function relationships(parts: Parts, name: string): Map<string, Relationship> {
  const byId = new Map<string, Relationship>();
  for (const tag of (partText(parts, name) ?? '').matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(tag[1], 'Id');
    const type = attribute(tag[1], 'Type');
    const target = attribute(tag[1], 'Target');
    if (id !== undefined && type !== undefined && target !== undefined) byId.set(id, { type, target: decodeXmlAttribute(target) });
  }
  return byId;
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1];
}
