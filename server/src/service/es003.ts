/**
 * ACE's ES-003 report ("Entry Summary Line Tariff Details"): one row per tariff line. The
 * aggregator takes parsed rows one at a time (the adapters stream them with csv-parse) and keeps
 * per-entry facts: importer, type, dates, liquidation, IEEPA duty and the flags eligibility needs.
 */
import { parseDate } from './dates';
import { headerKey } from './model';
import { analyzeCell } from './normalize';

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
  /** Where the entry's first row is. */
  uri: string;
  line: number;
}

export interface RowProblem {
  /** 0-based line in the ES-003 file. */
  line: number;
  reason: string;
}

type Column = keyof typeof COLUMN_NAMES;

/** Header names seen in real exports and broker workbooks, compared without case, spaces or dashes. */
const COLUMN_NAMES = {
  entry: ['entrysummarynumber', 'entrynumber', 'entrysummaryno'],
  line: ['entrysummarylinenumber', 'linenumber'],
  entryType: ['entrytypecode', 'entrytype'],
  importer: ['importernumber', 'importerofrecordnumber', 'iornumber'],
  importerName: ['importername'],
  entryDate: ['entrydate'],
  summaryDate: ['entrysummarydate'],
  paymentDate: ['paymentdate', 'dutypaymentdate', 'statementpaymentdate'],
  hts: ['htsnumberfull', 'htsnumber', 'tariffnumber', 'htsusnumber'],
  duty: ['linetariffdutyamount', 'dutyamount', 'linedutyamount'],
  liquidationStatus: ['liquidationstatus', 'liquidationstatusdescription'],
  liquidationDate: ['liquidationdate'],
  reconciliation: ['reconciliationindicator', 'reconindicator', 'reconciliationflag', 'reconflag'],
  protestNumber: ['protestnumber'],
  protestStatus: ['proteststatus'],
  drawback: ['drawbackindicator', 'drawback', 'drawbackflag'],
  adcvd: ['adcvdindicator', 'adcvdcasenumber', 'adcvd', 'adcvdflag'],
  warehouse: ['warehouseindicator', 'warehouse', 'warehouseentry'],
} as const;

export type Es003Columns = Partial<Record<Column, number>>;

export function es003Columns(header: readonly string[]): Es003Columns | undefined {
  const keys = header.map(headerKey);
  const columns: Es003Columns = {};
  for (const [column, names] of Object.entries(COLUMN_NAMES) as [Column, readonly string[]][]) {
    const i = keys.findIndex((k) => names.includes(k));
    if (i >= 0) columns[column] = i;
  }
  // An entry column plus line or duty columns: a line-level export, not a declaration or results.
  if (columns.entry === undefined || (columns.line === undefined && columns.duty === undefined)) return undefined;
  return columns;
}

/** The delimiter of an export's header line: tab-delimited text or CSV. */
export function es003Delimiter(firstLine: string): ',' | '\t' {
  return firstLine.includes('\t') && firstLine.split('\t').length > firstLine.split(',').length ? '\t' : ',';
}

export function isEs003Document(text: string): boolean {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = es003Delimiter(firstLine);
  return es003Columns(firstLine.split(delimiter).map((c) => c.replace(/^"|"$/g, ''))) !== undefined;
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
  return /^99030[12]/.test(hts.replace(/[^0-9]/g, ''));
}

const truthy = (value: string | undefined) => !!value && !/^(n|no|false|0|none|-)?$/i.test(value.trim());

export class Es003Aggregator {
  readonly facts = new Map<string, EntryFacts>();
  readonly problems: RowProblem[] = [];
  rows = 0;
  private columns: Es003Columns | undefined;
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
      this.columns = es003Columns(record.map((c) => c.replace(/^\ufeff/, '')));
      if (!this.columns) this.problems.push({ line, reason: 'The header has no `Entry Summary Number` column with line or duty columns: not an ES-003 export.' });
      return;
    }
    const c = this.columns;
    const cell = (column: Column) => (c[column] === undefined ? undefined : (record[c[column]!] ?? '').trim());
    const entryText = cell('entry') ?? '';
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
    const dutyText = cell('duty') ?? '';
    const duty = parseMoney(dutyText);
    if (duty === undefined) {
      this.problems.push({ line, reason: `Line Tariff Duty Amount \`${dutyText.slice(0, 30)}\` is not an amount.` });
      return;
    }
    const dates: Partial<Record<'entryDate' | 'summaryDate' | 'paymentDate' | 'liquidationDate', string>> = {};
    for (const column of ['entryDate', 'summaryDate', 'paymentDate', 'liquidationDate'] as const) {
      const text = cell(column);
      if (!text) continue;
      let iso = this.dates.get(text);
      if (iso === undefined && !this.dates.has(text)) {
        iso = parseDate(text);
        if (this.dates.size < 100000) this.dates.set(text, iso);
      }
      if (!iso) {
        this.problems.push({ line, reason: `${column === 'liquidationDate' ? 'Liquidation Date' : column === 'summaryDate' ? 'Entry Summary Date' : column === 'entryDate' ? 'Entry Date' : 'Payment Date'} \`${text.slice(0, 30)}\` is not a date (MM/DD/YYYY or YYYY-MM-DD).` });
        return;
      }
      dates[column] = iso;
    }
    let facts = this.facts.get(key);
    if (!facts) {
      facts = {
        key, importer: '', importerName: '', entryType: '', liquidationStatus: '', ieepaDutyCents: 0, ieepaLines: 0,
        reconciliation: false, protestNumber: '', protestStatus: '', drawback: false, adcvd: false, warehouse: false, uri: this.uri, line,
      };
      this.facts.set(key, facts);
    }
    facts.importer ||= cell('importer') ?? '';
    facts.importerName ||= cell('importerName') ?? '';
    facts.entryType ||= (cell('entryType') ?? '').padStart(2, '0').replace(/^00$/, '');
    facts.entryDate ??= dates.entryDate;
    facts.summaryDate ??= dates.summaryDate;
    facts.paymentDate ??= dates.paymentDate;
    facts.liquidationDate ??= dates.liquidationDate;
    facts.liquidationStatus ||= cell('liquidationStatus') ?? '';
    facts.reconciliation ||= truthy(cell('reconciliation'));
    facts.protestNumber ||= cell('protestNumber') ?? '';
    facts.protestStatus ||= cell('protestStatus') ?? '';
    facts.drawback ||= truthy(cell('drawback'));
    facts.adcvd ||= truthy(cell('adcvd'));
    facts.warehouse ||= truthy(cell('warehouse'));
    if (isIeepaHts(cell('hts') ?? '')) {
      facts.ieepaDutyCents += duty;
      facts.ieepaLines++;
    }
  }
}

/** Liquidation status strings are not standardized: this is what they mean for CAPE. */
export type Liquidation = 'unliquidated' | 'liquidated' | 'suspended' | 'extended' | 'under-review' | 'final' | 'unknown';

export function liquidationOf(facts: EntryFacts): Liquidation {
  const s = facts.liquidationStatus.toLowerCase();
  if (/final/.test(s)) return 'final';
  if (/suspend/.test(s)) return 'suspended';
  if (/extend/.test(s)) return 'extended';
  if (/review/.test(s)) return 'under-review';
  if (/unliquidated|not liquidated|open|pending/.test(s)) return 'unliquidated';
  if (/liquidated|reliquidated/.test(s)) return 'liquidated';
  if (s === '' && facts.liquidationDate) return 'liquidated';
  if (s === '') return 'unliquidated';
  return 'unknown';
}
