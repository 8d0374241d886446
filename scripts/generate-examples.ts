/**
 * Writes the large example files that are generated rather than committed (the repo stays small).
 * Deterministic: the same bytes every run. Only writes files that are missing, unless --force.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeXlsx } from 'hucre/xlsx';
import { computeCheckDigit } from '../server/src/service';

const examples = path.join(__dirname, '..', 'examples');
const force = process.argv.includes('--force');

/** A small seeded generator so the examples never change between runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function entryNumber(filerCode: string, transaction: number): string {
  const base = filerCode + String(transaction).padStart(7, '0');
  return base + computeCheckDigit(base);
}

/** `count` distinct valid entry numbers across a few filer codes. */
export function uniqueEntries(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const filers = ['MYK', 'BII', 'EJ4', '9Q2', '316', 'A7K'];
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < count) {
    const entry = entryNumber(filers[Math.floor(random() * filers.length)], Math.floor(random() * 10_000_000));
    if (!seen.has(entry)) {
      seen.add(entry);
      out.push(entry);
    }
  }
  return out;
}

function write(name: string, content: () => string): void {
  const target = path.join(examples, name);
  if (fs.existsSync(target) && !force) return;
  fs.writeFileSync(target, content());
  console.log(`generated ${path.relative(process.cwd(), target)}`);
}

/** The filing date the ES-003 example and the docs use, so that windows are closed or closing on purpose. */
export const EXAMPLE_FILING_DATE = '2026-12-01';

interface ExampleEntry {
  entry: string;
  importer: string;
  importerName: string;
  type: string;
  entryDate: string;
  summaryDate: string;
  status: string;
  liquidationDate: string;
  recon?: string;
  protestNumber?: string;
  protestStatus?: string;
  drawback?: string;
  adcvd?: string;
  warehouse?: string;
  /** [HTS, duty] lines; IEEPA lines are 9903.01/9903.02, Section 301 lines 9903.88 must not count. */
  lines: [string, string][];
}

const us = (iso: string) => (iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}` : '');

/** A realistic ES-003 "Entry Summary Line Tariff Details" export and a declaration of its entries. */
export function es003Example(): { export: string; declaration: string } {
  const random = seededRandom(6);
  const importers = [['12-3456789AB', 'Acme Housewares LLC'], ['98-7654321CD', 'Northwind Apparel Inc'], ['261-45-9876', 'J. Rivera Trading']];
  const entries: ExampleEntry[] = [];
  const scenarios: Partial<ExampleEntry>[] = [
    ...Array.from({ length: 14 }, () => ({ status: 'Unliquidated', liquidationDate: '' })),
    ...Array.from({ length: 6 }, () => ({ status: 'Liquidated', liquidationDate: '2026-11-02' })),
    { status: 'Liquidated', liquidationDate: '2026-09-20' }, // 7 days left on 2026-12-01
    { status: 'Liquidated', liquidationDate: '2026-09-14' }, // last filing day 2026-12-02: 1 day left
    { status: 'Liquidated', liquidationDate: '2026-09-13' }, // liquidation + 79 = 2026-12-01: the last day
    { status: 'LIQUIDATED', liquidationDate: '2026-08-01' }, // closed, protest still possible
    { status: 'Final', liquidationDate: '2026-03-02' }, // closed, protest deadline passed
    { status: 'Liquidation Suspended', liquidationDate: '' },
    { status: 'extended', liquidationDate: '' },
    { status: 'Unliquidated', liquidationDate: '', warehouse: 'Y' },
    { status: 'Unliquidated', liquidationDate: '', type: '08' },
    { status: 'Unliquidated', liquidationDate: '', type: '47' },
    { status: 'Unliquidated', liquidationDate: '', type: '23' },
    { status: 'Unliquidated', liquidationDate: '', type: '03', adcvd: 'Y' },
    { status: 'Unliquidated', liquidationDate: '', recon: 'Y' },
    { status: 'Unliquidated', liquidationDate: '', recon: 'Y', type: '11' },
    { status: 'Unliquidated', liquidationDate: '', protestNumber: '2704-26-100233', protestStatus: 'Open' },
    { status: 'Unliquidated', liquidationDate: '', drawback: 'Y' },
    { status: 'Unliquidated', liquidationDate: '', lines: [['8471300100', '$0.00'], ['9903880301', '$1,250.00']] }, // Section 301 only
    { status: 'Unliquidated', liquidationDate: '', lines: [['6402993100', '$310.00'], ['9903012500', 'FREE']] }, // IEEPA line, no duty
  ];
  for (const [i, scenario] of scenarios.entries()) {
    const [importer, importerName] = importers[i % importers.length];
    const entryDate = addIso('2025-04-10', Math.floor(random() * 300));
    const duty = () => `$${(Math.floor(random() * 900000) / 100 + 50).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    entries.push({
      entry: entryNumber(['EJ4', 'MYK', 'BII'][i % 3], 3000000 + Math.floor(random() * 6000000)),
      importer,
      importerName,
      type: '01',
      entryDate,
      summaryDate: addIso(entryDate, 5 + Math.floor(random() * 5)),
      lines: [['8471300100', '$0.00'], [i % 2 ? '9903012500' : '9903020340', duty()], ...(i % 4 === 0 ? ([['9903880301', duty()]] as [string, string][]) : [])],
      ...scenario,
    } as ExampleEntry);
  }
  const header = ['Entry Summary Number', 'Entry Summary Line Number', 'Entry Type Code', 'Importer Number', 'Importer Name', 'Port of Entry Code', 'Entry Date', 'Entry Summary Date',
    'Country of Origin Code', 'Tariff Ordinal Number', 'HTS Number - Full', 'Line Tariff Goods Value Amount', 'Line Tariff Duty Amount', 'Liquidation Status', 'Liquidation Date',
    'Reconciliation Indicator', 'Protest Number', 'Protest Status', 'Drawback Indicator', 'AD/CVD Indicator', 'Warehouse Indicator'];
  const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [header.map(quote).join(',')];
  for (const e of entries) {
    e.lines.forEach(([hts, duty], k) => {
      rows.push([e.entry, '001', e.type, e.importer, e.importerName, '2704', us(e.entryDate), us(e.summaryDate), 'CN', String(k + 1), hts, '$12,500.00', duty, e.status, us(e.liquidationDate),
        e.recon ?? 'N', e.protestNumber ?? '', e.protestStatus ?? '', e.drawback ?? 'N', e.adcvd ?? 'N', e.warehouse ?? 'N'].map(quote).join(','));
    });
  }
  // A row a spreadsheet damaged: its date is not a date. It shows up as a problem in the export itself.
  rows.push([entries[0].entry, '002', '01', importers[0][0], importers[0][1], '2704', '13/45/2025', us(entries[0].summaryDate), 'CN', '9', '9903012500', '$1,000.00', '$100.00', 'Unliquidated', '', 'N', '', '', 'N', 'N', 'N'].join(','));
  const declared = [...entries.map((e) => e.entry), entryNumber('QZ7', 1234567), entryNumber('QZ7', 7654321)];
  return { export: rows.join('\r\n') + '\r\n', declaration: 'Entry Number\r\n' + declared.map((e) => e + '\r\n').join('') };
}

/**
 * A broker's entry list as an Excel workbook, and the ES-003 export for it as ACE's Excel download:
 * what a user drops into the folder instead of saving through Excel's CSV export. The list opens on
 * an empty notes sheet; its entries are text cells, numeric cells that lost their leading zeros, and
 * one number Excel rounded. The export holds dates and money as Excel numbers.
 */
export function workbookExample(): { entryList: Parameters<typeof writeXlsx>[0]; export: Parameters<typeof writeXlsx>[0] } {
  const random = seededRandom(20);
  const text = Array.from({ length: 8 }, (_, i) => entryNumber(['KX3', 'RW8'][i % 2], 1000000 + Math.floor(random() * 8000000)));
  // All-digit filer codes with a leading zero: typed into a General cell, Excel keeps the number and drops the zero.
  const numeric = [entryNumber('031', 4455667), entryNumber('052', 1020304), entryNumber('076', 8811223)];
  const entries = [...text, ...numeric];
  const day = (iso: string) => new Date(Date.parse(iso + 'T00:00:00Z'));
  const list = [['Entry Number'], ...text.map((e) => [e]), ...numeric.map((e) => [Number(e)]), [26110300000]];
  const header = ['Entry Summary Number', 'Entry Summary Line Number', 'Entry Type Code', 'Importer Number', 'Entry Date', 'Entry Summary Date', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Liquidation Status', 'Liquidation Date'];
  const rows: (string | number | Date | null)[][] = [header];
  entries.forEach((entry, i) => {
    const entryDate = addIso('2025-05-01', Math.floor(random() * 200));
    const liquidated = i % 4 === 3;
    const duty = Math.round((random() * 9000 + 100) * 100) / 100;
    rows.push([entry, 1, '01', '12-3456789AB', day(entryDate), day(addIso(entryDate, 6)), '8471300100', 0, liquidated ? 'Liquidated' : 'Unliquidated', liquidated ? day('2026-10-20') : null]);
    rows.push([entry, 2, '01', '12-3456789AB', day(entryDate), day(addIso(entryDate, 6)), '9903012500', duty, liquidated ? 'Liquidated' : 'Unliquidated', liquidated ? day('2026-10-20') : null]);
  });
  return {
    entryList: { sheets: [{ name: 'Notes', rows: [] }, { name: 'Entries', rows: list }] },
    export: { sheets: [{ name: 'Entry Summary Line Tariff', rows }] },
  };
}

async function writeWorkbookExample(name: string, book: Parameters<typeof writeXlsx>[0]): Promise<void> {
  const target = path.join(examples, name);
  if (fs.existsSync(target) && !force) return;
  fs.writeFileSync(target, await writeXlsx(book));
  console.log(`generated ${path.relative(process.cwd(), target)}`);
}

function addIso(iso: string, days: number): string {
  return new Date(Date.parse(iso + 'T00:00:00Z') + days * 86400000).toISOString().slice(0, 10);
}

if (require.main === module) {
  write('over-limit-declaration.csv', () => 'Entry Number\r\n' + uniqueEntries(10_500, 2026).map((e) => e + '\r\n').join(''));
  fs.mkdirSync(path.join(examples, 'es003'), { recursive: true });
  const es003 = es003Example();
  write('es003/es003-export.csv', () => es003.export);
  write('es003/declaration.csv', () => es003.declaration);
  // Workbooks carry a timestamp: written once, and kept out of git like every generated example.
  fs.mkdirSync(path.join(examples, 'workbooks'), { recursive: true });
  const books = workbookExample();
  void writeWorkbookExample('workbooks/entry-list.xlsx', books.entryList).then(() => writeWorkbookExample('workbooks/es003-export.xlsx', books.export));
}
