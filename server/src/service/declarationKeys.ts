/**
 * What the workspace index needs of a declaration nobody has open: each entry's key and line.
 * At 200 files x 9,999 entries the full model (rows, entries, cell facts) is most of the cost of
 * indexing, so files without quote characters (almost all) skip it; the rest take the model.
 */
import { analyzeCell } from './normalize';
import { buildModel, classifyHeaderCell, type DeclarationModel } from './model';
import { isBlank, parseRecords } from './parse';

export interface DeclarationKeys {
  /** Each indexable entry's key, in file order: 11 characters, not scientific notation. */
  keys: string[];
  /** The 0-based line of each key. */
  lines: Int32Array;
}

const CLEAN_ENTRY = /^[A-Z0-9]{11}$/;
const LONE_CR = /\r(?!\n)/;

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
  const records = parseRecords(body);
  if (records.length !== lineCount(body)) return keysOfModel(buildModel(text, ''));
  const keys: string[] = [];
  const lines = new Int32Array(records.length);
  let count = 0;
  let headerSeen = false;
  for (let line = 0; line < records.length; line++) {
    const fields = records[line];
    const value = fields[0];
    if (headerSeen && value.length === 11 && CLEAN_ENTRY.test(value)) {
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

/** Lines csv-parse makes records of: a final line break does not start another. */
function lineCount(body: string): number {
  let count = 1;
  if (!LONE_CR.test(body)) {
    // Every break is LF or CRLF: count them with the native search.
    for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) count++;
  } else {
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 10) count++;
      else if (c === 13) {
        if (body.charCodeAt(i + 1) === 10) i++;
        count++;
      }
    }
  }
  const last = body.charCodeAt(body.length - 1);
  return last === 10 || last === 13 ? count - 1 : count;
}
