/**
 * What the workspace index needs of a declaration nobody has open: each entry's key and line.
 * At 200 files x 9,999 entries the full model builds 6,000,000 objects (rows, entries, cell facts)
 * that indexing never reads, so files without quote characters (almost all) skip it; the rest
 * take the model.
 */
import { analyzeCell, isCleanEntryText } from './normalize';
import { buildModel, classifyHeaderCell, type DeclarationModel } from './model';
import { isBlank, oneRecordPerLine, parseRecords } from './parse';
import { LineIndex } from './text';

export interface DeclarationKeys {
  /** Each indexable entry's key, in file order: 11 characters, not scientific notation. */
  keys: string[];
  /** The 0-based line of each key. */
  lines: Int32Array;
}

/** Keys of a model the caller already built (an open document). */
export function keysOfModel(model: DeclarationModel): DeclarationKeys {
  const keys: string[] = [];
  const lines: number[] = [];
  for (const entry of model.entries) {
    const key = entry.facts.key;
    if (key.length !== 11 || entry.facts.scientific) continue;
    keys.push(key);
    lines.push(entry.row.line);
  }
  return { keys, lines: Int32Array.from(lines) };
}

/** Keys straight from the text: the same answer as `keysOfModel(buildModel(text))`, for less work. */
export function declarationKeys(text: string): DeclarationKeys {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Without quotes a record is exactly one line: no offsets to map, no CSV quoting to judge.
  if (body.length === 0 || body.includes('"')) return keysOfModel(buildModel(text, ''));
  const bodyLines = new LineIndex(body);
  const records = parseRecords(body, false, bodyLines);
  if (!oneRecordPerLine(records.length, body, bodyLines)) return keysOfModel(buildModel(text, ''));
  const keys: string[] = [];
  const lines = new Int32Array(records.length);
  let count = 0;
  let headerSeen = false;
  for (let line = 0; line < records.length; line++) {
    const fields = records[line];
    const value = fields[0];
    if (headerSeen && isCleanEntryText(value)) {
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
    lines[count++] = line;
  }
  return { keys, lines: lines.subarray(0, count) };
}
