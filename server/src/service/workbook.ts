/**
 * Excel workbooks as the product reads them: each worksheet row becomes one CSV line (line N is the
 * worksheet's row N + 1), each cell the text its CSV form would hold. Every reader, rule and report
 * then works on a workbook exactly as on the CSV, with no second set of rules. What Excel did to a
 * cell (a number that lost its leading zeros, a rounded long number) shows in that text, so the
 * cell rules (`leading-zeros-lost`, `scientific-notation`) explain it as they do for a CSV save.
 */
import { isValidEntryNumber } from './entryNumber';

/** A cell as a workbook reader yields it: text, a number, a truth value or a date (date-formatted numbers). */
export type WorkbookCell = string | number | boolean | Date | null | undefined;

/** One worksheet row: `index` is 0-based (row 1 of the sheet is index 0). */
export interface WorkbookRow {
  index: number;
  values: readonly WorkbookCell[];
}

/** Excel's own limit: a sheet has at most 1,048,576 rows. A workbook claiming more is not one Excel wrote. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** Names the product reads as workbooks. `.xls` (BIFF) and `.xlsb` are not read: saved as `.xlsx` they are. */
export const READABLE_WORKBOOK = /\.(xlsx|xlsm)$/i;

export function isWorkbookName(name: string): boolean {
  return READABLE_WORKBOOK.test(name);
}

/** A double holds 15 significant decimal digits exactly; Excel shows and keeps no more. */
const EXACT_DIGITS = 1e15;

/**
 * The text a cell's CSV form holds, as Excel's "CSV (Comma delimited)" would write it:
 * - text as it is (a text-formatted entry number keeps its zeros);
 * - a whole number below 10^15 as its digits (a numeric entry number without its leading zeros
 *   reads `261103162`, which `leading-zeros-lost` explains and pads when the check digit agrees);
 * - a larger number, whose digits past the 15th are gone, in scientific notation (`2.61103E+16`);
 * - an 11-digit whole number that fails the check digit and ends in four or more zeros is what a
 *   round trip through `2.61103E+10` leaves: written so, `scientific-notation` says what happened;
 * - a date as `MM/DD/YYYY` (the ES-003 format), a truth value as `TRUE`/`FALSE`.
 */
export function cellText(cell: WorkbookCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return dateText(cell);
  if (!Number.isFinite(cell)) return '';
  if (Number.isInteger(cell) && Math.abs(cell) < EXACT_DIGITS) {
    const digits = String(cell);
    if (/^[1-9][0-9]{6}0000$/.test(digits) && !isValidEntryNumber(digits)) return scientific(cell);
    return digits;
  }
  if (Math.abs(cell) >= EXACT_DIGITS) return scientific(cell);
  return String(cell);
}

/** Excel's General format for a large number: six significant digits, `2.61103E+10`. */
function scientific(n: number): string {
  const [mantissa, exponent] = n.toExponential(5).split('e');
  const trimmed = mantissa.replace(/\.?0+$/, '');
  const power = Number(exponent);
  return `${trimmed}E${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

/** Workbook readers give dates at midnight UTC of the serial's day. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

/** A row's cells as texts, without the empty cells at its end (a CSV save writes no trailing commas for them). */
export function rowTexts(values: readonly WorkbookCell[]): string[] {
  const texts = Array.from(values, cellText); // Array.from: a sparse row's holes become empty cells
  let end = texts.length;
  while (end > 0 && texts[end - 1] === '') end--;
  return end === texts.length ? texts : texts.slice(0, end);
}

/** One CSV line: cells holding a comma, quote or line break are quoted, as Excel's CSV save does. */
export function csvLine(texts: readonly string[]): string {
  return texts.map((t) => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t)).join(',');
}

/**
 * Rows to CSV text whose line N is the worksheet's row N + 1: rows the sheet skips are empty lines,
 * so every diagnostic's line is the row a user finds in Excel.
 */
export class WorkbookText {
  private readonly lines: string[] = [];
  /** Characters so far, line breaks included. */
  length = 0;

  add(row: WorkbookRow): void {
    while (this.lines.length < row.index) {
      this.lines.push('');
      this.length++;
    }
    const line = csvLine(rowTexts(row.values));
    this.lines[row.index] = line;
    this.length += line.length + 1;
  }

  get rowCount(): number {
    return this.lines.length;
  }

  toString(): string {
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }
}

/** Where a row is, in the words Excel uses: `sheet "Entries", row 5`. */
export function workbookPlace(sheet: string, line: number): string {
  return `sheet "${sheet}", row ${line + 1}`;
}

/** How a workbook's kind is explained: the classifier's reason for its sheet, with the sheet named. */
export function sheetReason(sheet: string, reason: string): string {
  return `sheet "${sheet}": ${reason}`;
}
