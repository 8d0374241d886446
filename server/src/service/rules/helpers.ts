/** Edits and wording shared by the rules. */
import type { Entry, DeclarationModel } from '../model';
import type { Row } from '../parse';
import type { OffsetEdit } from '../text';

export function replaceCell(row: Row, newText: string): OffsetEdit {
  return { start: row.cellStart, end: row.cellEnd, newText };
}

/** Deletes a whole line, its line break included (the one before it, for a last line without one). */
export function deleteRow(model: DeclarationModel, row: Row): OffsetEdit {
  if (row.next > row.end) return { start: row.start, end: row.next, newText: '' };
  if (row.line > 0) return { start: model.lines.lineEnd(row.line - 1), end: row.end, newText: '' };
  return { start: row.start, end: row.end, newText: '' };
}

/**
 * The row holds its entry cell and nothing else (no non-empty extra column, no second value in the
 * cell): deleting the line then deletes only that entry. Fixes that delete a line ask this first.
 */
export function rowHoldsOnlyItsEntry(entry: Entry): boolean {
  if (entry.facts.separatedValues) return false;
  const fields = entry.row.fields;
  for (let i = 1; i < fields.length; i++) if (fields[i].trim() !== '') return false;
  return true;
}

export function rawCell(model: DeclarationModel, row: Row): string {
  return model.text.slice(row.cellStart, row.cellEnd);
}

/**
 * The value the entry-number checks judge: undefined when a more specific diagnosis
 * (scientific notation, lost zeros) already explains the cell.
 */
export function checkedValue(entry: Entry): string | undefined {
  const { facts } = entry;
  if (facts.scientific || facts.padded !== undefined) return undefined;
  return facts.normalized;
}

/** A value safe to write unquoted into a one-column CSV. */
export function isPlainCell(value: string): boolean {
  return !/[",\r\n]/.test(value);
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** A value quoted in a message: long garbage (a 10 MB line) is cut, so messages stay readable. */
export function clip(value: string, max = 40): string {
  return value.length <= max ? value : `${value.slice(0, max)}... (${value.length.toLocaleString('en-US')} characters)`;
}
