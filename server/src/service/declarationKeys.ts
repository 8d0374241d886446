/**
 * What the workspace index needs of a declaration nobody has open: each entry's key and line.
 * At 200 files x 9,999 entries the full model builds 6,000,000 objects (rows, entries, cell facts)
 * that indexing never reads, so files without quote characters (almost all) skip it; the rest
 * take the model.
 */
import { MAX_CHECKED_CHARACTERS } from './limits';
import { packEntryKey } from './codeTable';
import { NOT_SHAPED, readEntryNumberAt } from './entryNumber';
import { analyzeCell } from './normalize';
import { buildModel, classifyHeaderCell, foreignDelimiter, withCommas, type DeclarationModel } from './model';

export interface DeclarationKeys {
  /**
   * Each indexable entry's key (11 characters, not scientific notation), in file order, packed
   * (`codeTable.packEntryKey`); -1 for a key that is not entry-number shaped.
   */
  codes: Float64Array;
  /** The 0-based line of each key. */
  lines: Int32Array;
  /** The keys packed as -1, by their position in `codes`: the only ones a packed number cannot stand for. */
  oddKeys: Map<number, string>;
}

/** Keys of a model the caller already built (an open document, or a file a CLI run analyzed). */
export function keysOfModel(model: DeclarationModel): DeclarationKeys {
  const { entries, keyCodes } = model;
  const codes = new Float64Array(entries.length);
  const lines = new Int32Array(entries.length);
  const oddKeys = new Map<number, string>();
  let count = 0;
  for (let i = 0; i < entries.length; i++) {
    const code = keyCodes[i];
    // A packed code stands for an 11-character entry-number-shaped key: its text need not be read.
    if (code < 0) {
      const { key, scientific } = entries[i].facts;
      if (key.length !== 11 || scientific) continue;
      oddKeys.set(count, key);
    }
    codes[count] = code;
    lines[count++] = entries[i].row.line;
  }
  return { codes: codes.subarray(0, count), lines: lines.subarray(0, count), oddKeys };
}

/** Keys straight from the text: the same answer as `keysOfModel(buildModel(text))`, for less work. */
export function declarationKeys(text: string): DeclarationKeys {
  // Too large to check (analyze refuses it): indexed with no entries rather than parsed at any cost.
  if (text.length > MAX_CHECKED_CHARACTERS) return { codes: new Float64Array(0), lines: new Int32Array(0), oddKeys: new Map() };
  // A `;` or tab save is read as analyze reads it: its first column.
  const delimiter = foreignDelimiter(text);
  if (delimiter) return keysOfModel(buildModel(withCommas(text, delimiter), ''));
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Without quotes a record is exactly one line: no offsets to map, no CSV quoting to judge.
  if (body.length === 0 || body.includes('"')) return keysOfModel(buildModel(text, ''));
  return quoteFreeKeys(body);
}

/**
 * The keys of a text with no quote character, read line by line straight from the text: each line is
 * one record and its first field ends at the first comma (as `splitQuoteFree` reads it), with no
 * record arrays at all. A workspace of 2,000,000 entries is indexed this way.
 */
function quoteFreeKeys(body: string): DeclarationKeys {
  const n = body.length;
  const oddKeys = new Map<number, string>();
  // Room for a key per 12 characters (an entry and its line break): grown in the rare file of shorter
  // lines whose values still give 11-character keys, rather than counting every line first.
  let codes: Float64Array = new Float64Array(((n / 12) | 0) + 16);
  let lines: Int32Array = new Int32Array(codes.length);
  let count = 0;
  let headerSeen = false;
  let line = 0;
  let start = 0;
  while (start < n) {
    if (count === codes.length) ({ codes, lines } = grown(codes, lines));
    // The common line, a bare 11-character entry number: read where it stands, no scan for commas.
    if (headerSeen && start + 11 <= n) {
      const after = start + 11 < n ? body.charCodeAt(start + 11) : 10;
      if ((after === 13 || after === 10) && readEntryNumberAt(body, start, codes, count) !== NOT_SHAPED) {
        lines[count++] = line++;
        start += after === 13 && body.charCodeAt(start + 12) === 10 ? 13 : 12;
        continue;
      }
    }
    let end = start;
    let comma = -1;
    let blank = true;
    let c = 0;
    for (; end < n; end++) {
      c = body.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c === 44) {
        if (comma < 0) comma = end;
      } else if (c !== 32 && c !== 9) blank = false;
    }
    const valueStart = start;
    const valueEnd = comma < 0 ? end : comma;
    const here = line;
    line++;
    start = c === 13 && body.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    // A value shaped like an entry number is a clean cell: its key is itself, packed as it is read
    // straight from the text (no string per line: 2,000,000 of them at workspace scale).
    if (headerSeen && valueEnd - valueStart === 11 && readEntryNumberAt(body, valueStart, codes, count) !== NOT_SHAPED) {
      lines[count++] = here;
      continue;
    }
    if (blank) continue;
    const value = body.slice(valueStart, valueEnd);
    if (!headerSeen) {
      headerSeen = true;
      if (classifyHeaderCell(value) !== 'data') continue;
    }
    const facts = analyzeCell(value, false);
    if (facts.key.length !== 11 || facts.scientific) continue;
    codes[count] = packEntryKey(facts.key);
    if (codes[count] < 0) oddKeys.set(count, facts.key);
    lines[count++] = here;
  }
  return { codes: codes.subarray(0, count), lines: lines.subarray(0, count), oddKeys };
}

/** The same keys in arrays twice the size. */
function grown(codes: Float64Array, lines: Int32Array): { codes: Float64Array; lines: Int32Array } {
  const moreCodes = new Float64Array(codes.length * 2);
  const moreLines = new Int32Array(codes.length * 2);
  moreCodes.set(codes);
  moreLines.set(lines);
  return { codes: moreCodes, lines: moreLines };
}
