/**
 * The plain case of a worksheet's XML, read where it stands: the fast path beside hucre, as the
 * quote-free split is beside csv-parse (issue 19's decision, applied to issue 20's 3x target).
 *
 * "Plain" is the shape Excel and export writers give `<sheetData>`: `<row>`s of `<c>`s with
 * double-quoted attributes, each cell holding `<f>`, `<v>` and at most a one-`<t>` inline string, and
 * only whitespace between elements; every element without a prefix, or every one with the same
 * prefix (`<x:row>`, as the Open XML SDK writes). A row is read only once it is whole. The first thing
 * outside that shape (another prefix, a comment, CDATA, a rich-text run, an odd reference or index)
 * ends the fast path:
 * `push` returns false, and the caller hands the sheet to hucre, which re-reads it and carries on
 * after the rows already given. Every row read here equals hucre's reading of it, cell by cell; a
 * property test (test/unit/plainSheet.property.test.ts) holds them equal on generated sheets.
 */
import type { WorkbookCell, WorkbookRow } from '../service/workbook';
import { decodeEntities, decodeOoxmlEscapes } from './xmlText';

/** What a cell's value needs from outside the sheet, as hucre reads the same workbook. */
export interface SheetContext {
  /** Shared strings by index, as hucre resolves `t="s"` (null where hucre gives null). */
  strings: readonly (string | null)[];
  /** Style indexes whose number format makes a number a date. */
  dateStyles: readonly boolean[];
  toDate(serial: number): Date;
}

/** hucre's (and Excel's) last column, XFD. */
const MAX_COL_INDEX = 16383;
/** A prelude (columns, views) longer than this before `<sheetData>` is no plain sheet. */
const MAX_PRELUDE = 4 * 1024 * 1024;

const enum Char {
  Tab = 9, LineFeed = 10, Return = 13, Space = 32, Quote = 34, Apostrophe = 39, Slash = 47, Zero = 48, Nine = 57,
  Lt = 60, Eq = 61, Gt = 62, A = 65, Z = 90, R = 114, S = 115, T = 116,
}

type Phase = 'prelude' | 'rows' | 'done';

/** A sheet's element names as it spells them: `row`, or `x:row` when its writer prefixes them. */
class Markup {
  readonly row: string;
  readonly rowClose: string;
  readonly cell: string;
  readonly cellClose: string;
  readonly value: string;
  readonly valueOpen: string;
  readonly valueClose: string;
  readonly formula: string;
  readonly formulaClose: string;
  readonly inline: string;
  readonly inlineText: string;
  readonly inlineClose: string;
  readonly text: string;
  readonly textClose: string;
  readonly textInlineClose: string;
  readonly sheetDataClose: string;

  constructor(prefix: string) {
    const open = (name: string) => `<${prefix}${name}`;
    const close = (name: string) => `</${prefix}${name}>`;
    [this.row, this.rowClose, this.cell, this.cellClose] = [open('row'), close('row'), open('c'), close('c')];
    [this.value, this.valueOpen, this.valueClose] = [open('v'), `${open('v')}>`, close('v')];
    [this.formula, this.formulaClose] = [open('f'), close('f')];
    [this.inline, this.inlineText, this.inlineClose] = [open('is'), `${open('is')}>${open('t')}>`, close('is')];
    [this.text, this.textClose, this.textInlineClose, this.sheetDataClose] = [open('t'), close('t'), close('t') + close('is'), close('sheetData')];
  }

  /** The closing tag of a cell child. */
  closing(name: 'v' | 'f' | 'is'): string {
    return name === 'v' ? this.valueClose : name === 'is' ? this.inlineClose : this.formulaClose;
  }
}

const UNPREFIXED = new Markup('');
/** `<sheetData` or `<x:sheetData`, and the prefix. */
const SHEET_DATA = /<(?:([A-Za-z_][\w.-]*):)?sheetData[\s/>]/;
const SHARED_STRINGS = /<(?:([A-Za-z_][\w.-]*):)?sst[\s/>]/;

export class PlainSheetScanner {
  private buffer = '';
  private phase: Phase = 'prelude';
  private rowIndex = -1;
  private markup = UNPREFIXED;

  constructor(private readonly context: SheetContext) {}

  /** True once `</sheetData>` is read: no rows follow. */
  get done(): boolean {
    return this.phase === 'done';
  }

  /** Reads the rows `text` completes into `out`; false when the sheet leaves the plain shape. */
  push(text: string, final: boolean, out: WorkbookRow[]): boolean {
    const buffer = this.buffer.length > 0 ? this.buffer + text : text;
    this.buffer = '';
    let at = 0;
    if (this.phase === 'prelude') {
      const sheetData = SHEET_DATA.exec(buffer);
      if (!sheetData) {
        if (final || buffer.length > MAX_PRELUDE) return false;
        this.buffer = buffer;
        return true;
      }
      const start = sheetData.index;
      const open = buffer.indexOf('>', start);
      if (open < 0) {
        this.buffer = buffer;
        return !final;
      }
      if (buffer.lastIndexOf('<!', start) >= 0) return false;
      if (sheetData[1] !== undefined) this.markup = new Markup(`${sheetData[1]}:`);
      if (buffer.charCodeAt(open - 1) === Char.Slash) {
        this.phase = 'done';
        return true;
      }
      this.phase = 'rows';
      at = open + 1;
    }
    const m = this.markup;
    while (this.phase === 'rows') {
      at = skipSpace(buffer, at);
      // Wait for more text before judging a tag cut at the chunk's end.
      if (at >= buffer.length || (!final && buffer.length - at < m.sheetDataClose.length + 4)) break;
      if (buffer.startsWith(m.sheetDataClose, at)) {
        this.phase = 'done';
        return true;
      }
      if (!buffer.startsWith(m.row, at) || !isTagEnd(buffer.charCodeAt(at + m.row.length))) return false;
      const open = readTag(buffer, at + m.row.length);
      if (open === undefined) {
        if (final) return false;
        break;
      }
      if (open === null) return false;
      const r = open.r;
      if (r !== undefined && r !== '' && !isRowNumber(r, 0, r.length)) return false;
      const index = r !== undefined && r !== '' ? Number(r) - 1 : this.rowIndex + 1;
      if (open.selfClosing) {
        this.rowIndex = index;
        out.push({ index, values: [] });
        at = open.end;
        continue;
      }
      const close = buffer.indexOf(m.rowClose, open.end);
      if (close < 0) {
        if (final) return false;
        break;
      }
      const values = this.readCells(buffer, open.end, close);
      if (values === undefined) return false;
      this.rowIndex = index;
      out.push({ index, values });
      at = close + m.rowClose.length;
    }
    if (this.phase === 'rows') {
      if (final) return false;
      this.buffer = buffer.slice(at);
    }
    return true;
  }

  /** The cells between a row's tags, as hucre places them; undefined when not plain. */
  private readCells(text: string, from: number, to: number): WorkbookCell[] | undefined {
    const cols: number[] = [];
    const cellValues: WorkbookCell[] = [];
    let implicitCol = 0;
    let maxCol = -1;
    let at = from;
    const m = this.markup;
    for (;;) {
      at = skipSpace(text, at);
      if (at >= to) break;
      if (!text.startsWith(m.cell, at) || !isTagEnd(text.charCodeAt(at + m.cell.length))) return undefined;
      const open = readTag(text, at + m.cell.length);
      if (!open || open.end > to) return undefined;
      const ref = open.r;
      const style = open.s;
      const type = open.t ?? '';
      if (style !== undefined && style !== '' && !isIndex(style)) return undefined;
      let col = implicitCol;
      if (ref !== undefined && ref !== '') {
        col = columnOf(ref);
        if (col < 0) return undefined;
      }
      let valueText = '';
      let inlineText = '';
      at = open.end;
      if (!open.selfClosing) {
        for (;;) {
          at = skipSpace(text, at);
          if (text.startsWith(m.cellClose, at)) {
            at += m.cellClose.length;
            break;
          }
          const element = readElementText(text, at, to, m);
          if (!element) return undefined;
          if (element.name === 'v') valueText += element.text;
          else if (element.name === 'is') inlineText += element.text;
          else if (element.name !== 'f') return undefined;
          at = element.end;
        }
      }
      const value = this.valueOf(type, style === undefined || style === '' ? -1 : Number(style), valueText, inlineText);
      if (value === undefined) return undefined;
      cols.push(col);
      cellValues.push(value);
      if (col > maxCol) maxCol = col;
      implicitCol = col + 1;
    }
    if (maxCol > MAX_COL_INDEX) return undefined;
    const values: WorkbookCell[] = new Array<WorkbookCell>(maxCol + 1).fill(null);
    for (let i = 0; i < cols.length; i++) values[cols[i]] = cellValues[i];
    return values;
  }

  /** A cell's value by its type, as hucre's stream reader resolves it; undefined where hucre would fail. */
  private valueOf(type: string, style: number, valueText: string, inlineText: string): WorkbookCell | undefined {
    switch (type) {
      case 's': {
        const index = Number(valueText);
        if (!(index >= 0 && index < this.context.strings.length)) return null;
        // A fractional index inside the table fails in hucre: its failure is its own to report.
        return Number.isInteger(index) ? this.context.strings[index] : undefined;
      }
      case 'str':
        return decodeOoxmlEscapes(valueText);
      case 'inlineStr':
        return decodeOoxmlEscapes(inlineText);
      case 'b':
        return valueText === '1' || valueText.toLowerCase() === 'true';
      case 'e':
        return valueText;
      default: {
        if (valueText === '') return null;
        const number = Number(valueText);
        if (Number.isNaN(number)) return valueText;
        return style >= 0 && this.context.dateStyles[style] === true ? this.context.toDate(number) : number;
      }
    }
  }
}

interface Tag {
  /** The attributes a row or cell is read by (others are ignored, as hucre ignores them). */
  r?: string;
  s?: string;
  t?: string;
  /** How many attributes the tag has. */
  count: number;
  selfClosing: boolean;
  /** Just past the tag's `>`. */
  end: number;
}

/**
 * A start tag's attributes, from just after its name: `undefined` when the text ends inside it,
 * `null` when it is not plain (single quotes, spaces around `=`, an entity in a value).
 */
function readTag(text: string, from: number): Tag | undefined | null {
  const tag: Tag = { r: undefined, s: undefined, t: undefined, count: 0, selfClosing: false, end: 0 };
  let at = from;
  for (;;) {
    at = skipSpace(text, at);
    if (at >= text.length) return undefined;
    const c = text.charCodeAt(at);
    if (c === Char.Gt) {
      tag.end = at + 1;
      return tag;
    }
    if (c === Char.Slash) {
      if (at + 1 >= text.length) return undefined;
      if (text.charCodeAt(at + 1) !== Char.Gt) return null;
      tag.selfClosing = true;
      tag.end = at + 2;
      return tag;
    }
    const nameStart = at;
    while (at < text.length && isNameChar(text.charCodeAt(at))) at++;
    if (at + 1 >= text.length) return undefined;
    if (at === nameStart || text.charCodeAt(at) !== Char.Eq || text.charCodeAt(at + 1) !== Char.Quote) return null;
    const close = text.indexOf('"', at + 2);
    if (close < 0) return undefined;
    const value = text.slice(at + 2, close);
    if (value.includes('&') || value.includes('<')) return null;
    if (at - nameStart === 1) {
      const name = text.charCodeAt(nameStart);
      if (name === Char.R) tag.r = value;
      else if (name === Char.S) tag.s = value;
      else if (name === Char.T) tag.t = value;
    }
    tag.count++;
    at = close + 1;
  }
}

/** A character of an attribute's name: anything but whitespace, markup and quotes. */
function isNameChar(c: number): boolean {
  return c > Char.Space && c !== Char.Eq && c !== Char.Gt && c !== Char.Slash && c !== Char.Lt && c !== Char.Quote && c !== Char.Apostrophe;
}

/** A row number as Excel writes one: 1 to 9,999,999, no sign, no leading zero. */
function isRowNumber(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > 7 || text.charCodeAt(from) === Char.Zero) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < Char.Zero || c > Char.Nine) return false;
  }
  return true;
}

/**
 * One child of a cell: `<v>`, `<f>` (its text is not a value) or `<is>` holding one `<t>`, each with
 * entity-decoded text and nothing else inside; undefined when not plain.
 */
function readElementText(text: string, at: number, to: number, m: Markup): { name: string; text: string; end: number } | undefined {
  if (text.charCodeAt(at) !== Char.Lt) return undefined;
  // The forms writers give nearly every cell, matched whole first.
  if (text.startsWith(m.valueOpen, at)) return closedBy(text, 'v', at + m.valueOpen.length, m.valueClose, to);
  if (text.startsWith(m.inlineText, at)) {
    const element = closedBy(text, 'is', at + m.inlineText.length, m.textInlineClose, to);
    if (element) return element;
  }
  const [name, tag] = text.startsWith(m.value, at) ? (['v', m.value] as const) : text.startsWith(m.formula, at) ? (['f', m.formula] as const) : text.startsWith(m.inline, at) ? (['is', m.inline] as const) : [undefined, ''];
  if (name === undefined || !isTagEnd(text.charCodeAt(at + tag.length))) return undefined;
  const open = readTag(text, at + tag.length);
  if (!open || open.end > to || (name === 'v' && open.count > 0)) return undefined;
  if (open.selfClosing) return { name, text: '', end: open.end };
  if (name === 'is') {
    const t = skipSpace(text, open.end);
    if (!text.startsWith(m.text, t) || !isTagEnd(text.charCodeAt(t + m.text.length))) return undefined;
    const inner = readTag(text, t + m.text.length);
    if (!inner || inner.end > to) return undefined;
    let after = inner.end;
    let content: string | undefined = '';
    if (!inner.selfClosing) {
      const close = text.indexOf('<', inner.end);
      if (close < 0 || close > to || !text.startsWith(m.textClose, close)) return undefined;
      content = decodeEntities(text.slice(inner.end, close));
      if (content === undefined) return undefined;
      after = close + m.textClose.length;
    }
    after = skipSpace(text, after);
    return text.startsWith(m.inlineClose, after) ? { name, text: content, end: after + m.inlineClose.length } : undefined;
  }
  return closedBy(text, name, open.end, m.closing(name), to);
}

/** The text from `from` to the first `<`, when that is `closing`: its element, else undefined. */
function closedBy(text: string, name: string, from: number, closing: string, to: number): { name: string; text: string; end: number } | undefined {
  const close = text.indexOf('<', from);
  if (close < 0 || close > to || !text.startsWith(closing, close)) return undefined;
  const content = decodeEntities(text.slice(from, close));
  return content === undefined ? undefined : { name, text: content, end: close + closing.length };
}

/** `A1` to 0, `XFD7` to 16383; -1 for what is not a column letters-then-row reference. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < Char.A || c > Char.Z) break;
    col = col * 26 + (c - Char.A + 1);
  }
  if (i === 0 || i === 4 || !isRowNumber(ref, i, ref.length)) return -1;
  return col - 1;
}

/** A style index: up to nine digits. */
function isIndex(text: string): boolean {
  if (text.length > 9) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < Char.Zero || c > Char.Nine) return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === Char.Space || c === Char.Tab || c === Char.LineFeed || c === Char.Return;
}

/** What may follow an element's name: whitespace, `>` or `/>`. */
function isTagEnd(c: number): boolean {
  return c === Char.Gt || c === Char.Slash || isSpace(c);
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/**
 * A shared-strings part in its plain form, `<si>`s each holding one `<t>` (Excel's form for text
 * without formatting), read as hucre reads it; undefined for anything else (rich runs, phonetic
 * guides, prefixes, comments), which the probe then reads through hucre.
 */
export function plainSharedStrings(xml: string): string[] | undefined {
  const sstTag = SHARED_STRINGS.exec(xml);
  if (!sstTag || xml.lastIndexOf('<!', sstTag.index) >= 0) return undefined;
  const p = sstTag[1] === undefined ? '' : `${sstTag[1]}:`;
  const [si, siClose, t, tClose, sstClose] = [`<${p}si`, `</${p}si>`, `<${p}t`, `</${p}t>`, `</${p}sst>`];
  const sst = readTag(xml, sstTag.index + sstTag[0].length - 1);
  if (!sst) return undefined;
  if (sst.selfClosing) return skipSpace(xml, sst.end) === xml.length ? [] : undefined;
  const strings: string[] = [];
  let at = sst.end;
  for (;;) {
    at = skipSpace(xml, at);
    if (xml.startsWith(sstClose, at)) return skipSpace(xml, at + sstClose.length) === xml.length ? strings : undefined;
    if (!xml.startsWith(si, at) || !isTagEnd(xml.charCodeAt(at + si.length))) return undefined;
    const item = readTag(xml, at + si.length);
    if (!item) return undefined;
    at = item.end;
    if (item.selfClosing) {
      strings.push('');
      continue;
    }
    at = skipSpace(xml, at);
    if (!xml.startsWith(t, at) || !isTagEnd(xml.charCodeAt(at + t.length))) return undefined;
    const textTag = readTag(xml, at + t.length);
    if (!textTag) return undefined;
    let text: string | undefined = '';
    at = textTag.end;
    if (!textTag.selfClosing) {
      const close = xml.indexOf('<', at);
      if (close < 0 || !xml.startsWith(tClose, close)) return undefined;
      text = decodeEntities(xml.slice(at, close));
      if (text === undefined) return undefined;
      at = close + tClose.length;
    }
    at = skipSpace(xml, at);
    if (!xml.startsWith(siClose, at)) return undefined;
    at += siClose.length;
    strings.push(decodeOoxmlEscapes(text));
  }
}
