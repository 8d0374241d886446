/**
 * The domain reference's layouts (header variants, status words, `="..."` cells, liquidation words,
 * missing columns) as Excel workbooks: through the one loader, each gives exactly the verdicts of its
 * CSV form, and a verdict that rests on missing or uncertain data is never an error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyze, toDiagnostics, withWorkspace } from '../../server/src/service';
import { loadWorkspace, type InputFile } from '../../server/src/loader';
import { decl, settings, VALID } from '../helpers/service';
import { writeWorkbook } from '../helpers/workbooks';

const [V0, V1, V2] = VALID;
const FILING = '2026-12-01';
const csv = (...rows: string[][]) => rows.map((r) => r.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n') + '\r\n';
const formula = (v: string) => `="${v}"`;

interface Layout {
  name: string;
  kind: 'results' | 'es003';
  text: string;
  /** Verdicts that rest on missing or uncertain data: none of these codes may be an error. */
  uncertain?: string[];
}

const RESULTS_HEADERS = [
  ['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION'],
  ['Entry Summary Number', 'Cape Claim Number', 'Filing Status', 'Error Detail'],
  ['Entry Number', 'Claim Number', 'Status', 'CAPE Error Detail'],
];
const STATUS_WORDS: [string, string][] = [
  ['Entry Summary Updated', ''], ['Accepted', ''], ['ACCEPTED', ''], ['Failed', 'UNABLE TO CALCULATE DUTY'], ['Rejected', ''],
  ['Rejected by batch validation', 'NO IEEPA HTS ON ENTRY'], ['Failed initial validation', ''], ['Accepted with Error(s)', ''],
  ['Accepted with Error(s)', 'INVALID HTS'], ['Pending Review', ''], ['', ''],
];
const ES003_HEADERS = [
  ['Entry No', 'Line Item Number', 'HTS Code', 'Line Tariff Duty Amt', 'Entry Date'],
  ['Entry Summary Nbr', 'Entry Summary Line Number', 'HTS', 'Duty Paid', 'Entry Summary Date'],
  ['Entry Summary #', 'IOR', 'Tariff Number', 'Total Duty', 'Entry Date'],
  ['Entry Summary Number', 'Importer of Record Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Summary Date'],
];
const LIQUIDATION_WORDS: [string, string][] = [['CLOSED', '01/15/2026'], ['Closed', ''], ['OPEN', ''], ['Final', '03/02/2026'], ['Final Liquidation', ''], ['Liquidated', '10/20/2026'], ['Extended', ''], ['Under Review', ''], ['Suspended', '']];

const LAYOUTS: Layout[] = [
  ...RESULTS_HEADERS.flatMap((h) =>
    STATUS_WORDS.map(([status, error]): Layout => ({
      name: `results ${h[0]} ..., status "${status}"${error ? ` with "${error}"` : ''}`,
      kind: 'results',
      text: csv(h, [V0, '100000241223', status, error]),
      uncertain: ['cbp-status-unknown'],
    })),
  ),
  { name: 'results with ACE text formulas', kind: 'results', text: csv(RESULTS_HEADERS[0], [formula(V0), formula('100000241223'), 'Entry Summary Updated', ''], [formula(V1), formula('100000241223'), 'Failed', 'INVALID HTS']) },
  { name: 'results: a claim number without a status', kind: 'results', text: csv(['Entry Number', 'CLAIM NUMBER', 'CLAIM ERROR'], [V0, '100000241223', '']), uncertain: ['cbp-status-unknown'] },
  ...ES003_HEADERS.map((h): Layout => ({
    name: `ES-003 ${h.join(', ')}`,
    kind: 'es003',
    text: csv(h, [V0, '1', '99030125', '$1,234.56', '03/15/2025'], [V1, '1', '8471300100', '$0.00', '03/15/2025'], [V2, '1', '9903.01.25', 'FREE', '04/01/2025']),
    uncertain: ['liquidation-unknown', 'no-entry-data'],
  })),
  { name: 'ES-003 with ACE text formulas', kind: 'es003', text: csv(['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Summary Date'], [formula(V0), formula('99030125'), '$700.00', '03/20/2025']) },
  ...[['Entry Summary Number', 'Entry Summary Line Number', 'Line Tariff Duty Amount'], ['Entry Summary Number', 'Entry Summary Line Number', 'HTS Number - Full']].map((h): Layout => ({
    name: `ES-003 without a ${h.includes('HTS Number - Full') ? 'duty' : 'HTS'} column`,
    kind: 'es003',
    text: csv(h, [V0, '1', h.includes('HTS Number - Full') ? '8471.30.0100' : '$0.00']),
    uncertain: ['no-ieepa-duty', 'liquidation-unknown', 'entry-data-columns'],
  })),
  {
    name: 'ES-003 with an unreadable line',
    kind: 'es003',
    text: csv(['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Summary Date'], [V0, '8471.30.0100', '$0.00', '03/20/2025'], [V0, '9903.01.25', 'twelve dollars', '03/20/2025']),
    uncertain: ['no-ieepa-duty'],
  },
  ...LIQUIDATION_WORDS.map(([status, date]): Layout => ({
    name: `ES-003 liquidation "${status}" ${date || 'without a date'}`,
    kind: 'es003',
    text: csv(['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Date', 'Entry Summary Date', 'Liquidation Status', 'Liquidation Date'], [V0, '99030125', '$100.00', '03/15/2025', '03/20/2025', status, date]),
    uncertain: ['liquidation-unknown'],
  })),
];

describe('the domain reference\'s layouts as Excel workbooks', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-layouts-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** `line:code:severity` of a declaration of V0-V2 checked with one data file, as the CLI loads it. */
  async function verdicts(file: string, kind: Layout['kind']): Promise<string[]> {
    const input: InputFile[] = [{ display: path.basename(file), absolute: file, explicit: true }];
    const loaded = await loadWorkspace({ inputs: [], ...(kind === 'es003' ? { entryData: input } : { results: input }), indexDeclarations: false });
    assert.deepEqual(loaded.failures, []);
    const analysis = withWorkspace(analyze(decl(V0, V1, V2), 'file:///w/decl.csv', settings()), loaded.index, FILING);
    return toDiagnostics(analysis).map((d) => `${d.range.start.line}:${d.code}:${d.severity}`);
  }

  for (const [i, layout] of LAYOUTS.entries()) {
    it(`${layout.name}: the workbook gives the CSV's verdicts`, async () => {
      const csvFile = path.join(tmp, `layout-${i}.csv`);
      const bookFile = path.join(tmp, `layout-${i}.xlsx`);
      fs.writeFileSync(csvFile, layout.text);
      // Every cell as the text Excel shows for it once the CSV is opened and saved as a workbook.
      const cells = parse(layout.text, { relax_column_count: true }) as string[][];
      await writeWorkbook(bookFile, [{ name: 'Sheet1', rows: cells.map((r) => r.map((v) => (/^="(.*)"$/.test(v) ? v.slice(2, -1) : v))) }]);
      // And with `="..."` kept as text in the cells, as a pasted ACE export holds it.
      const rawFile = path.join(tmp, `layout-${i}-raw.xlsx`);
      await writeWorkbook(rawFile, [{ name: 'Sheet1', rows: cells }]);
      const fromCsv = await verdicts(csvFile, layout.kind);
      assert.deepEqual(await verdicts(bookFile, layout.kind), fromCsv);
      assert.deepEqual(await verdicts(rawFile, layout.kind), fromCsv);
      for (const code of layout.uncertain ?? []) assert.ok(!fromCsv.includes(`1:${code}:1`) && !fromCsv.some((v) => v.endsWith(`:${code}:1`)), `${code} is never an error here: ${fromCsv.join(' ')}`);
    });
  }
});
