/**
 * Typing in a 9,999-entry declaration changes one line at a time. When an edit stays inside one
 * quote-free entry line, the next model is the previous one with that row read again and the later
 * offsets shifted: no csv-parse over the whole text. Anything else takes the full parse.
 */
import { addEntry, closeEntryLists, fileEntry, newEntryLists } from './entryLists';
import type { DeclarationModel } from './model';
import { isBlank, parseRecords, rowOnLine, withWideRows, type Row } from './parse';

export function patchModel(previous: DeclarationModel, text: string, uri: string): DeclarationModel | undefined {
  const old = previous.text;
  const { rows, header } = previous;
  if (text === old || previous.unclosedQuote || !header || rows.length === 0) return undefined;
  // One row per line, as the line-mapping parse gives: row i is line i.
  if (rows[rows.length - 1].line !== rows.length - 1) return undefined;
  let prefix = 0;
  const shorter = Math.min(old.length, text.length);
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const delta = text.length - old.length;
  const line = previous.lines.positionAt(prefix).line;
  if (line <= header.line || line >= rows.length) return undefined;
  const row = rows[line];
  // The replaced characters end inside the same line: no line break removed or added.
  if (old.length - suffix > row.end) return undefined;
  const oldLine = old.slice(row.start, row.end);
  const newLine = text.slice(row.start, row.end + delta);
  if (row.blank || oldLine.includes('"') || /["\r\n]/.test(newLine) || newLine.length === 0) return undefined;
  const records = parseRecords(newLine);
  if (records.length !== 1 || isBlank(records[0])) return undefined;

  const lines = previous.lines.withLineResized(text, line, delta);
  const newRows: Row[] = rows.slice(0, line);
  newRows.push(rowOnLine(text, lines, line, row.start, records[0]));
  for (let i = line + 1; i < rows.length; i++) newRows.push(rows[i].shifted(delta));
  // The last row's `next` is the text's end, which moved with it; earlier rows' `next` is the next line's start.
  const lists = newEntryLists(previous.entries.length);
  // `unusual` and `suspect` are in file order: walking them beside `entries` says where each entry was.
  let nextUnusual = 0;
  let nextSuspect = 0;
  for (let i = 0; i < previous.entries.length; i++) {
    const entry = previous.entries[i];
    const wasUnusual = previous.unusual[nextUnusual] === entry;
    if (wasUnusual) nextUnusual++;
    const wasSuspect = previous.suspect[nextSuspect] === entry;
    if (wasSuspect) nextSuspect++;
    const r = newRows[entry.row.line];
    if (r.line === line) addEntry(lists, r);
    else {
      lists.keyCodes[i] = previous.keyCodes[i];
      fileEntry(lists, r, wasUnusual, wasSuspect);
    }
  }
  const blankRows = previous.blankRows.map((r) => newRows[r.line]);
  return { ...previous, text, lines, ...withWideRows(newRows), uri, ...closeEntryLists(lists), blankRows };
}
