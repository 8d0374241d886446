/**
 * What the workspace index needs of a declaration nobody has open: each entry's key and line.
 * At 200 files x 9,999 entries the full model builds 6,000,000 objects (rows, entries, cell facts)
 * that indexing never reads, so files without quote characters (almost all) skip it; the rest
 * take the model.
 */
import { MAX_CHECKED_CHARACTERS } from './limits';
import { packEntryKey } from './codeTable';
import { NOT_SHAPED, readEntryNumber } from './entryNumber';
import { analyzeCell } from './normalize';
import { buildModel, classifyHeaderCell, type DeclarationModel } from './model';
import { isBlank, oneRecordPerLine, parseRecords } from './parse';
import { LineIndex } from './text';

export interface DeclarationKeys {
  /** Each indexable entry's key, in file order: 11 characters, not scientific notation. */
  keys: string[];
  /** Each key packed (`codeTable.packEntryKey`), or -1 for a key that is not entry-number shaped. */
  codes: Float64Array;
  /** The 0-based line of each key. */
  lines: Int32Array;
}

/** Keys of a model the caller already built (an open document). */
export function keysOfModel(model: DeclarationModel): DeclarationKeys {
  const keys: string[] = [];
  const codes: number[] = [];
  const lines: number[] = [];
  model.entries.forEach((entry, i) => {
    const key = entry.facts.key;
    if (key.length !== 11 || entry.facts.scientific) return;
    keys.push(key);
    codes.push(model.keyCodes[i]);
    lines.push(entry.row.line);
  });
  return { keys, codes: Float64Array.from(codes), lines: Int32Array.from(lines) };
}

/** Keys straight from the text: the same answer as `keysOfModel(buildModel(text))`, for less work. */
export function declarationKeys(text: string): DeclarationKeys {
  // Too large to check (analyze refuses it): indexed with no entries rather than parsed at any cost.
  if (text.length > MAX_CHECKED_CHARACTERS) return { keys: [], codes: new Float64Array(0), lines: new Int32Array(0) };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Without quotes a record is exactly one line: no offsets to map, no CSV quoting to judge.
  if (body.length === 0 || body.includes('"')) return keysOfModel(buildModel(text, ''));
  const bodyLines = new LineIndex(body);
  const records = parseRecords(body, false, bodyLines);
  if (!oneRecordPerLine(records.length, body, bodyLines)) return keysOfModel(buildModel(text, ''));
  const keys: string[] = [];
  const codes = new Float64Array(records.length);
  const lines = new Int32Array(records.length);
  let count = 0;
  let headerSeen = false;
  for (let line = 0; line < records.length; line++) {
    const fields = records[line];
    const value = fields[0];
    // A value shaped like an entry number is a clean cell: its key is itself, packed as it is read.
    if (headerSeen && readEntryNumber(value, codes, count) !== NOT_SHAPED) {
      keys.push(value);
      lines[count++] = line;
      continue;
    }
    if (isBlank(fields)) continue;
    if (!headerSeen) {
      headerSeen = true;
      if (classifyHeaderCell(value) !== 'data') continue;
    }
    const facts = analyzeCell(value, false);
    if (facts.key.length !== 11 || facts.scientific) continue;
    keys.push(facts.key);
    codes[count] = packEntryKey(facts.key);
    lines[count++] = line;
  }
  return { keys, codes: codes.subarray(0, count), lines: lines.subarray(0, count) };
}
