/**
 * ACE's ES-003 report ("Entry Summary Line Tariff Details"): one row per tariff line. The
 * aggregator takes parsed rows one at a time (the adapters stream them with csv-parse) and keeps
 * per-entry facts: importer, type, dates, liquidation, IEEPA duty and the flags eligibility needs.
 */
import { parseDate } from './dates';
import { headerKey } from './model';
import { analyzeCell, unwrapTextFormula } from './normalize';
import { headerCells } from './delimiters';

export interface EntryFacts {
  key: string;
  importer: string;
  importerName: string;
  entryType: string;
  entryDate?: string;
  summaryDate?: string;
  paymentDate?: string;
  liquidationStatus: string;
  liquidationDate?: string;
  /** Sum of the line duty on HTS 9903.01.xx and 9903.02.xx lines, in cents. */
  ieepaDutyCents: number;
  ieepaLines: number;
  reconciliation: boolean;
  protestNumber: string;
  protestStatus: string;
  drawback: boolean;
  adcvd: boolean;
  warehouse: boolean;
  /** The export has the HTS and duty columns (or an IEEPA duty column): `ieepaDutyCents` means something. */
  ieepaKnown: boolean;
  /** Lines of this entry the export has but that could not be read: its IEEPA duty may be on one of them. */
  unreadableLines: number;
  /** The export has a liquidation status or date column: an empty one means unliquidated. */
  liquidationKnown: boolean;
  /** Where the entry's first row is. */
  uri: string;
  line: number;
}

export interface RowProblem {
  /** 0-based line in the ES-003 file. */
  line: number;
  reason: string;
  /** A problem of the whole export (its header) rather than of one unreadable row. */
  code?: 'entry-data-columns';
}

type Column = keyof typeof COLUMN_NAMES;

/** Header names seen in real exports and broker workbooks, compared without case, spaces or dashes. */
const COLUMN_NAMES = {
  entry: ['entrysummarynumber', 'entrynumber', 'entrysummaryno', 'entryno', 'entrysummarynbr', 'entrynbr', 'entrysummary', 'entrynum'],
  line: ['entrysummarylinenumber', 'linenumber', 'lineitemnumber', 'entrysummarylinenbr', 'lineno', 'linenbr', 'lineitem'],
  entryType: ['entrytypecode', 'entrytype'],
  importer: ['importernumber', 'importerofrecordnumber', 'iornumber', 'ior', 'importerofrecord', 'iorno'],
  importerName: ['importername', 'importerofrecordname', 'iorname'],
  entryDate: ['entrydate'],
  summaryDate: ['entrysummarydate'],
  paymentDate: ['paymentdate', 'dutypaymentdate', 'statementpaymentdate'],
  hts: ['htsnumberfull', 'htsnumber', 'tariffnumber', 'htsusnumber', 'htscode', 'hts', 'htsus', 'tariffcode'],
  duty: ['linetariffdutyamount', 'dutyamount', 'linedutyamount', 'linetariffdutyamt', 'totalduty', 'dutypaid', 'duty', 'ieepaduty', 'ieepadutyamount'],
  liquidationStatus: ['liquidationstatus', 'liquidationstatusdescription', 'liqstatus', 'finalliquidation'],
  liquidationDate: ['liquidationdate', 'finalliquidationdate', 'liqdate', 'liquidationdt'],
  reconciliation: ['reconciliationindicator', 'reconindicator', 'reconciliationflag', 'reconflag'],
  protestNumber: ['protestnumber'],
  protestStatus: ['proteststatus'],
  drawback: ['drawbackindicator', 'drawback', 'drawbackflag'],
  adcvd: ['adcvdindicator', 'adcvdcasenumber', 'adcvd', 'adcvdflag'],
  warehouse: ['warehouseindicator', 'warehouse', 'warehouseentry'],
} as const;

/** Duty columns that hold IEEPA duty alone (a broker workbook's per-entry figure): no HTS column needed. */
const IEEPA_DUTY_COLUMNS: readonly string[] = ['ieepaduty', 'ieepadutyamount'];

/** Columns that only a line-level export or entry workbook has (a declaration with one pasted column has at most one). */
const EXPORT_ONLY_COLUMNS: readonly Column[] = ['line', 'entryType', 'importer', 'importerName', 'entryDate', 'summaryDate', 'paymentDate', 'hts', 'duty', 'liquidationStatus', 'liquidationDate'];

/** Canonical names, for messages about missing columns. */
export const COLUMN_LABELS: Partial<Record<Column, string>> = { hts: 'HTS Number - Full', duty: 'Line Tariff Duty Amount', liquidationStatus: 'Liquidation Status', liquidationDate: 'Liquidation Date', entryDate: 'Entry Date', summaryDate: 'Entry Summary Date' };

export type Es003Columns = Partial<Record<Column, number>> & {
  /** The duty column holds IEEPA duty alone (`IEEPA Duty`): every row's duty counts, whatever its HTS. */
  ieepaDutyColumn?: boolean;
};

export function es003Columns(header: readonly string[]): Es003Columns | undefined {
  const keys = header.map((cell) => headerKey(unwrapTextFormula(cell.replace(/^\ufeff/, '').trim())));
  const columns: Es003Columns = {};
  for (const [column, names] of Object.entries(COLUMN_NAMES) as [Column, readonly string[]][]) {
    // The first header in the list's order wins (`Line Tariff Duty Amount` over `Total Duty`).
    for (const name of names) {
      const i = keys.indexOf(name);
      if (i >= 0) {
        columns[column] = i;
        break;
      }
    }
  }
  if (columns.duty !== undefined) columns.ieepaDutyColumn = IEEPA_DUTY_COLUMNS.includes(keys[columns.duty]);
  // An entry column plus a line, HTS or duty column, or two other export columns: a line-level
  // export or entry workbook, not a declaration (which has one column, maybe one pasted beside it).
  if (columns.entry === undefined) return undefined;
  const others = EXPORT_ONLY_COLUMNS.filter((c) => columns[c] !== undefined);
  if (columns.line === undefined && columns.duty === undefined && columns.hts === undefined && others.length < 2) return undefined;
  return columns;
}

/** What an export lacks for IEEPA verdicts: an HTS column (unless its duty is IEEPA duty alone) and a duty column. */
export function missingIeepaColumns(columns: Es003Columns): string[] {
  const missing: string[] = [];
  if (columns.hts === undefined && !columns.ieepaDutyColumn) missing.push('HTS column (`HTS Number - Full`)');
  if (columns.duty === undefined) missing.push('duty column (`Line Tariff Duty Amount`)');
  return missing;
}

export function isEs003Document(text: string): boolean {
  return es003Columns(headerCells(text)) !== undefined;
}

/** `$2,567.49`, `2567.49`, `FREE`, `$0.00`, `(12.00)` -> cents; undefined when unreadable. */
export function parseMoney(text: string): number | undefined {
  const plain = plainMoney(text);
  if (plain !== undefined) return plain;
  let t = text.trim().toUpperCase();
  if (t === '' || t === 'FREE' || t === '-') return 0;
  let sign = 1;
  if (/^\(.*\)$/.test(t)) {
    sign = -1;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    sign = -sign;
    t = t.slice(1);
  }
  t = t.replace(/^\$/, '').replace(/,/g, '').replace(/^USD\s*/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return undefined;
  const [whole, fraction = ''] = t.split('.');
  return sign * (Number(whole) * 100 + Number(fraction.padEnd(2, '0')));
}

/**
 * `$1,234.5`, `1234.56`, `0`: the shape of almost every amount in an export, read without a regex
 * (a million rows each have one). Anything else is left to the general reading.
 */
function plainMoney(text: string): number | undefined {
  let i = text.charCodeAt(0) === 36 ? 1 : 0; // '$'
  let whole = 0;
  let digits = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
    } else if (c !== 44 || digits === 0) break; // ',' only between digits
  }
  if (digits === 0 || digits > 15 || text.charCodeAt(i - 1) === 44) return undefined;
  if (i === text.length) return whole * 100;
  if (text.charCodeAt(i) !== 46) return undefined; // '.'
  const fraction = text.length - i - 1;
  if (fraction < 1 || fraction > 2) return undefined;
  let cents = 0;
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
    cents = cents * 10 + (c - 48);
  }
  return whole * 100 + (fraction === 1 ? cents * 10 : cents);
}

/** IEEPA Chapter 99 lines: 9903.01.xx and 9903.02.xx (with or without dots). */
export function isIeepaHts(hts: string): boolean {
  // The first six digits, whatever separates them (one per row of a million: no regex, no copy).
  let digits = 0;
  let value = 0;
  for (let i = 0; i < hts.length && digits < 6; i++) {
    const digit = hts.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) continue;
    value = value * 10 + digit;
    digits++;
  }
  return digits === 6 && (value === 990301 || value === 990302);
}

const truthy = (value: string | undefined) => !!value && !/^(n|no|false|0|none|-)?$/i.test(value.trim());

type DateColumn = 'entryDate' | 'summaryDate' | 'paymentDate' | 'liquidationDate';
const DATE_NAMES: Record<DateColumn, string> = { entryDate: 'Entry Date', summaryDate: 'Entry Summary Date', paymentDate: 'Payment Date', liquidationDate: 'Liquidation Date' };

/**
 * Every column's index, -1 when the export lacks it: one fixed shape read a million times (a
 * look-up by column name per cell cost a tenth of the whole read).
 */
function columnIndexes(columns: Es003Columns): Record<Column, number> {
  const at = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMN_NAMES) as Column[]) at[column] = columns[column] ?? -1;
  return at;
}

/** The trimmed cell at `index`; undefined when the export has no such column. */
function cellAt(record: string[], index: number): string | undefined {
  if (index < 0) return undefined;
  const value = (record[index] ?? '').trim();
  // ACE Portal CSV exports force numbers to text as `="60576069342"`.
  return value.charCodeAt(0) === 61 ? unwrapTextFormula(value).trim() : value;
}

export class Es003Aggregator {
  readonly facts = new Map<string, EntryFacts>();
  readonly problems: RowProblem[] = [];
  rows = 0;
  private columns: Record<Column, number> | undefined;
  private ieepaKnown = false;
  private ieepaDutyColumn = false;
  private liquidationKnown = false;
  /** Exports repeat dates and list an entry's lines together: both are parsed once. */
  private readonly dates = new Map<string, string | undefined>();
  private lastEntryText = '';
  private lastKey = '';

  constructor(readonly uri: string) {}

  get recognized(): boolean {
    return this.columns !== undefined;
  }

  /** One parsed row; `line` is its 0-based line in the file. The first row is the header. */
  addRow(record: string[], line: number): void {
    if (!this.columns) {
      const found = es003Columns(record.map((c) => c.replace(/^\ufeff/, '')));
      if (found) {
        this.columns = columnIndexes(found);
        const missing = missingIeepaColumns(found);
        this.ieepaKnown = missing.length === 0;
        this.ieepaDutyColumn = found.ieepaDutyColumn === true;
        this.liquidationKnown = found.liquidationStatus !== undefined || found.liquidationDate !== undefined;
        if (missing.length > 0) {
          const seen = record.map((c) => c.replace(/^\ufeff/, '').trim()).filter((c) => c !== '').map((c) => `\`${c.slice(0, 40)}\``).slice(0, 30).join(', ');
          this.problems.push({
            line,
            code: 'entry-data-columns',
            reason: `This export has no ${missing.join(' and no ')}, so it cannot show whether an entry has IEEPA duty: no entry is judged \`no-ieepa-duty\` from it and its refunds are not computed. Headers seen: ${seen}. Add the column to the ES-003 layout in ACE and export again.`,
          });
        }
      } else this.problems.push({ line, reason: 'The header has no `Entry Summary Number` column with line or duty columns: not an ES-003 export.' });
      return;
    }
    const at = this.columns;
    const entryText = cellAt(record, at.entry) ?? '';
    // Only a row without an entry number can be blank: the other cells are looked at only then.
    if (entryText === '' && record.every((value) => value.trim() === '')) return;
    this.rows++;
    if (entryText !== this.lastEntryText) {
      const entry = analyzeCell(entryText, false);
      this.lastEntryText = entryText;
      this.lastKey = entry.padded ?? entry.normalized;
    }
    const key = this.lastKey;
    if (key.length !== 11) {
      this.problems.push({ line, reason: `Entry Summary Number \`${entryText.slice(0, 30)}\` is not an 11-character entry number.` });
      return;
    }
    const dutyText = cellAt(record, at.duty) ?? '';
    const duty = parseMoney(dutyText);
    if (duty === undefined && at.duty >= 0) {
      this.problems.push({ line, reason: `Line Tariff Duty Amount \`${dutyText.slice(0, 30)}\` is not an amount.` });
      return this.lineUnreadable(key);
    }
    // A row's first unreadable date is its problem: the row is left out, and counted on its entry.
    const entryDate = this.dateAt(record, at.entryDate, 'entryDate', line);
    if (entryDate === null) return this.lineUnreadable(key);
    const summaryDate = this.dateAt(record, at.summaryDate, 'summaryDate', line);
    if (summaryDate === null) return this.lineUnreadable(key);
    const paymentDate = this.dateAt(record, at.paymentDate, 'paymentDate', line);
    if (paymentDate === null) return this.lineUnreadable(key);
    const liquidationDate = this.dateAt(record, at.liquidationDate, 'liquidationDate', line);
    if (liquidationDate === null) return this.lineUnreadable(key);
    let facts = this.facts.get(key);
    if (!facts) {
      // Every property from the start, dates too: one shape for all 250,000 facts, not one per mix of dates.
      facts = {
        key, importer: '', importerName: '', entryType: '', entryDate: undefined, summaryDate: undefined, paymentDate: undefined,
        liquidationStatus: '', liquidationDate: undefined, ieepaDutyCents: 0, ieepaLines: 0,
        reconciliation: false, protestNumber: '', protestStatus: '', drawback: false, adcvd: false, warehouse: false,
        ieepaKnown: this.ieepaKnown, unreadableLines: this.unreadableBefore.get(key) ?? 0, liquidationKnown: this.liquidationKnown, uri: this.uri, line,
      };
      this.facts.set(key, facts);
    }
    facts.importer ||= cellAt(record, at.importer) ?? '';
    facts.importerName ||= cellAt(record, at.importerName) ?? '';
    facts.entryType ||= (cellAt(record, at.entryType) ?? '').padStart(2, '0').replace(/^00$/, '');
    facts.entryDate ??= entryDate;
    facts.summaryDate ??= summaryDate;
    facts.paymentDate ??= paymentDate;
    facts.liquidationDate ??= liquidationDate;
    const status = cellAt(record, at.liquidationStatus) ?? '';
    if (status !== '' && facts.liquidationStatus === '') {
      // A `Final Liquidation` column may hold the date itself: liquidated on that date.
      const asDate = /^\d/.test(status) ? parseDate(status) : undefined;
      if (asDate) {
        facts.liquidationStatus = 'liquidated';
        facts.liquidationDate ??= asDate;
      } else facts.liquidationStatus = status;
    }
    facts.reconciliation ||= truthy(cellAt(record, at.reconciliation));
    facts.protestNumber ||= cellAt(record, at.protestNumber) ?? '';
    facts.protestStatus ||= cellAt(record, at.protestStatus) ?? '';
    facts.drawback ||= truthy(cellAt(record, at.drawback));
    facts.adcvd ||= truthy(cellAt(record, at.adcvd));
    facts.warehouse ||= truthy(cellAt(record, at.warehouse));
    if (duty !== undefined && (this.ieepaDutyColumn || isIeepaHts(cellAt(record, at.hts) ?? ''))) {
      facts.ieepaDutyCents += duty;
      facts.ieepaLines++;
    }
  }

  /** A line of entry `key` was left out: counted on its facts (or kept until the entry's first readable line). */
  private lineUnreadable(key: string): void {
    const facts = this.facts.get(key);
    if (facts) facts.unreadableLines++;
    else this.unreadableBefore.set(key, (this.unreadableBefore.get(key) ?? 0) + 1);
  }

  /** Unreadable lines of entries that had no readable line yet. */
  private readonly unreadableBefore = new Map<string, number>();

  /**
   * The ISO date in a date column: undefined when the cell is absent or empty, null (after filing the
   * problem) when it is not a date.
   */
  private dateAt(record: string[], index: number, column: DateColumn, line: number): string | undefined | null {
    const text = cellAt(record, index);
    if (!text) return undefined;
    let iso = this.dates.get(text);
    if (iso === undefined && !this.dates.has(text)) {
      iso = parseDate(text);
      if (this.dates.size < 100000) this.dates.set(text, iso);
    }
    if (iso) return iso;
    this.problems.push({ line, reason: `${DATE_NAMES[column]} \`${text.slice(0, 30)}\` is not a date (MM/DD/YYYY or YYYY-MM-DD).` });
    return null;
  }
}

/** Liquidation status strings are not standardized: this is what they mean for CAPE. */
export type Liquidation = 'unliquidated' | 'liquidated' | 'suspended' | 'extended' | 'under-review' | 'final' | 'unknown';

/**
 * `unknown` when the export says nothing the product can read: no liquidation columns at all
 * (an entry is not unliquidated just because the layout left the columns out), or a status word it
 * does not know. CBP's own words `OPEN`/`CLOSED` mean unliquidated/liquidated.
 */
export function liquidationOf(facts: EntryFacts): Liquidation {
  const s = facts.liquidationStatus.toLowerCase().trim();
  if (/final/.test(s)) return 'final';
  if (/suspend/.test(s)) return 'suspended';
  if (/extend/.test(s)) return 'extended';
  if (/review/.test(s)) return 'under-review';
  if (/unliquidated|not liquidated|^open\b|pending|^n$|^no$/.test(s)) return 'unliquidated';
  if (/liquidated|^closed\b|^y$|^yes$/.test(s)) return 'liquidated';
  if (s === '' && facts.liquidationDate) return 'liquidated';
  if (s === '') return facts.liquidationKnown ? 'unliquidated' : 'unknown';
  return 'unknown';
}
