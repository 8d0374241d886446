/**
 * Excel workbooks through the CLI (issue 20): the same verdicts and amounts as their CSV forms, to
 * the cent; diagnostics on a workbook's rows name sheet and row; upload-ready CSV parts that check
 * clean; a workbook is never rewritten; a broken one is one clear error naming it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCape } from '../helpers/build';
import { es003Text, type Es003Row } from '../helpers/es003';
import { VALID } from '../helpers/service';
import { es003Rows, writeEncryptedWorkbook, writeWorkbook } from '../helpers/workbooks';
import { computeCheckDigit } from '../../server/src/service';

const cape = (args: string[], cwd: string) => runCape(args, cwd);

const [V0, V1, V2, V3] = VALID;
/** An all-digit entry number with a leading zero: a General cell keeps it as a number without the zero. */
const NUMERIC = '0310000001' + computeCheckDigit('0310000001');

/** One export, in several situations: open, liquidated with the window closing, closed, no IEEPA duty, a $1,234.56 string. */
const ROWS: Es003Row[] = [
  { entry: V0, duty: '$1,234.56', entryDate: '03/15/2025', summaryDate: '03/20/2025' },
  { entry: V1, duty: '$2,500.00', status: 'Liquidated', liquidationDate: '09/20/2026' },
  { entry: V2, duty: '$310.00', status: 'Liquidated', liquidationDate: '08/01/2026' },
  { entry: V3, duty: '$0.00', hts: '8471300100' },
  { entry: NUMERIC, duty: '$99.99', paymentDate: '04/02/2025' },
];

describe('cape on Excel workbooks', function () {
  this.timeout(60000);
  let tmp: string;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-xlsx-'));
    fs.writeFileSync(path.join(tmp, 'es003.csv'), es003Text(ROWS));
    // The same export as ACE's Excel download: dates and money as Excel numbers ...
    await writeWorkbook(path.join(tmp, 'es003-typed.xlsx'), [{ name: 'Entry Summary Line Tariff', rows: es003Rows(ROWS, true) }]);
    // ... and as text cells, after an empty first sheet.
    await writeWorkbook(path.join(tmp, 'es003-text.xlsx'), [{ name: 'Read Me', rows: [] }, { name: 'Data', rows: es003Rows(ROWS, false) }]);
    fs.writeFileSync(path.join(tmp, 'declaration.csv'), ['Entry Number', V0, V1, V2, V3, NUMERIC].join('\r\n') + '\r\n');
    // The workbook's CSV form, as Excel's CSV export writes it: the numeric cell without its zero.
    fs.writeFileSync(path.join(tmp, 'declaration-saved.csv'), ['Entry Number', V0, V1, V2, V3, String(Number(NUMERIC))].join('\r\n') + '\r\n');
    await writeWorkbook(path.join(tmp, 'declaration.xlsx'), [{ name: 'Entries', rows: [['Entry Number'], [V0], [V1], [V2], [V3], [Number(NUMERIC)]] }]);
    for (const folder of ['csv', 'xlsx']) fs.mkdirSync(path.join(tmp, folder));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const verdicts = (stdout: string) =>
    JSON.parse(stdout).files[0].diagnostics.filter((d: { code: string }) => d.code !== 'workbook').map((d: { line: number; code: string }) => `${d.line}:${d.code}`);

  it('check gives the same verdicts with the export as .xlsx (numbers or text) as with its .csv form', () => {
    const base = ['--filing-date', '2026-12-01', '--format', 'json'];
    const csv = cape(['check', 'declaration.csv', '--entry-data', 'es003.csv', ...base], tmp);
    const typed = cape(['check', 'declaration.csv', '--entry-data', 'es003-typed.xlsx', ...base], tmp);
    const text = cape(['check', 'declaration.csv', '--entry-data', 'es003-text.xlsx', ...base], tmp);
    assert.equal(csv.stderr, '');
    const expected = verdicts(csv.stdout);
    for (const code of ['window-closing', 'window-closed', 'no-ieepa-duty']) assert.ok(expected.some((v: string) => v.endsWith(code)), `${code} in ${expected}`);
    assert.deepEqual(verdicts(typed.stdout), expected);
    assert.deepEqual(verdicts(text.stdout), expected);
    assert.equal(typed.status, csv.status);
  });

  it('summary gives the same amounts, to the cent, for the .xlsx and .csv forms of the export and the declaration', () => {
    const run = (declaration: string, data: string) => {
      const r = cape(['summary', declaration, '--entry-data', data, '--filing-date', '2026-12-01', '--format', 'json'], tmp);
      assert.equal(r.status, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      return { totals: json.total, entries: json.entries.map((e: Record<string, unknown>) => [e.entry, e.duty, e.interest, e.status]) };
    };
    const csv = run('declaration.csv', 'es003.csv');
    assert.ok(Number(csv.totals.refund) > 0, JSON.stringify(csv.totals));
    assert.ok(csv.entries.some((e: unknown[]) => e[0] === NUMERIC && e[1] === '99.99'), 'the numeric entry is matched to its export rows');
    for (const [declaration, data] of [['declaration.csv', 'es003-typed.xlsx'], ['declaration.csv', 'es003-text.xlsx']]) {
      const other = run(declaration, data);
      assert.deepEqual(other.totals, csv.totals, `${declaration} with ${data}`);
      assert.deepEqual(other.entries, csv.entries, `${declaration} with ${data}`);
    }
    // A declaration workbook reads as its CSV form: the cell that lost its zero is at risk in both.
    const saved = run('declaration-saved.csv', 'es003.csv');
    const book = run('declaration.xlsx', 'es003-typed.xlsx');
    assert.deepEqual(book, saved);
    assert.ok(book.entries.some((e: unknown[]) => e[0] === NUMERIC && e[3] === 'at-risk'));
  });

  it('build --from an .xlsx export writes the same declarations as from its .csv form', () => {
    const csv = cape(['build', '--from', 'es003.csv', '--filing-date', '2026-12-01', '--out-dir', 'csv/out'], tmp);
    const xlsx = cape(['build', '--from', 'es003-typed.xlsx', '--filing-date', '2026-12-01', '--out-dir', 'xlsx/out'], tmp);
    assert.equal(csv.status, 0, csv.stderr);
    assert.equal(xlsx.status, 0, xlsx.stderr);
    const read = (dir: string) => fs.readdirSync(path.join(tmp, dir)).filter((f) => /part/.test(f)).map((f) => fs.readFileSync(path.join(tmp, dir, f), 'utf8'));
    assert.deepEqual(read('xlsx/out'), read('csv/out'));
    // The same rows, each with its reasons; only the Source column names the other file.
    const excluded = (dir: string) => fs.readFileSync(path.join(tmp, dir, 'excluded.csv'), 'utf8').replace(/es003(-typed\.xlsx|\.csv)/g, 'SOURCE');
    assert.deepEqual(excluded('xlsx/out'), excluded('csv/out'));
  });

  it('check of a declaration workbook: line is the sheet row, a sheet field is added, lost zeros are found, and the workbook is said once not to be uploadable', () => {
    const r = cape(['check', 'declaration.xlsx', '--format', 'json', '--filing-date', '2026-12-01'], tmp);
    const file = JSON.parse(r.stdout).files[0];
    assert.equal(file.sheet, 'Entries');
    const found = file.diagnostics.map((d: { line: number; code: string; sheet: string }) => `${d.sheet}:${d.line}:${d.code}`);
    assert.deepEqual(found, ['Entries:1:workbook', 'Entries:6:leading-zeros-lost']);
    const text = cape(['check', 'declaration.xlsx', '--filing-date', '2026-12-01'], tmp);
    assert.match(text.stdout, /declaration\.xlsx:6:1: error leading-zeros-lost .*\(sheet "Entries", row 6\)/);
    const github = cape(['check', 'declaration.xlsx', '--format', 'github', '--filing-date', '2026-12-01'], tmp);
    assert.match(github.stdout, /^::error file=declaration\.xlsx,line=6,.*title=leading-zeros-lost::.*\(sheet "Entries", row 6\)$/m);
  });

  it('--sheet reads the sheet named; a sheet that is not there is one error naming the file and its sheets', () => {
    const ok = cape(['classify', 'es003-text.xlsx', '--sheet', 'data', '--format', 'json'], tmp);
    assert.deepEqual(JSON.parse(ok.stdout).files.map((f: { kind: string; sheet: string }) => [f.kind, f.sheet]), [['es003', 'Data']]);
    const missing = cape(['check', 'es003-text.xlsx', '--sheet', 'Nope'], tmp);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^cape: es003-text\.xlsx: has no sheet named "Nope" \(its sheets: "Read Me", "Data"\)\n$/);
  });

  it('prepare book.xlsx writes upload-ready CSV parts that check clean, with the lost zeros restored', () => {
    const r = cape(['prepare', 'declaration.xlsx', '--entry-data', 'es003-typed.xlsx', '--filing-date', '2026-12-01', '--out-dir', 'upload'], tmp);
    assert.equal(r.status, 0, r.stderr);
    const parts = fs.readdirSync(path.join(tmp, 'upload')).filter((f) => /part\d/.test(f));
    assert.deepEqual(parts, ['declaration-upload-part1-of-1.csv']);
    const part = fs.readFileSync(path.join(tmp, 'upload', parts[0]), 'utf8');
    assert.ok(part.includes(NUMERIC), 'the padded entry number is in the part');
    const check = cape(['check', path.join('upload', parts[0]), '--entry-data', 'es003-typed.xlsx', '--filing-date', '2026-12-01', '--format', 'json'], tmp);
    assert.equal(check.status, 0, check.stdout);
    assert.equal(JSON.parse(check.stdout).files[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error').length, 0);
    const excluded = fs.readFileSync(path.join(tmp, 'upload', 'excluded.csv'), 'utf8');
    assert.match(excluded, new RegExp(`${V2}.*window-closed`));
    assert.match(excluded, new RegExp(`${V3}.*no-ieepa-duty`));
  });

  it('fix never rewrites a workbook: named, it is refused; in a folder, it is skipped and counted', () => {
    const before = fs.readFileSync(path.join(tmp, 'declaration.xlsx'));
    const named = cape(['fix', 'declaration.xlsx'], tmp);
    assert.equal(named.status, 2);
    assert.match(named.stderr, /declaration\.xlsx: is an Excel workbook; cape fix never rewrites a workbook, nothing written/);
    const folder = path.join(tmp, 'fold');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(tmp, 'declaration.xlsx'), path.join(folder, 'declaration.xlsx'));
    const walked = cape(['fix', 'fold'], tmp);
    assert.match(walked.stdout, /skipped 1 Excel workbook/);
    assert.deepEqual(fs.readFileSync(path.join(folder, 'declaration.xlsx')), before);
    assert.deepEqual(fs.readFileSync(path.join(tmp, 'declaration.xlsx')), before);
  });

  it('a CBP results download as .xlsx gives already-declared as its CSV form does', async () => {
    await writeWorkbook(path.join(tmp, 'claim-details.xlsx'), [{ name: 'Claim Details', rows: [['Entry Summary Number', 'Cape Claim Number', 'Filing Status', 'Error Detail'], [V0, 100000241223, 'Entry Summary Updated', null], [V1, 100000241223, 'Failed', 'UNABLE TO CALCULATE DUTY']] }]);
    const r = cape(['check', 'declaration.csv', '--results', 'claim-details.xlsx', '--format', 'json', '--filing-date', '2026-12-01'], tmp);
    const found = JSON.parse(r.stdout).files[0].diagnostics.map((d: { line: number; code: string }) => `${d.line}:${d.code}`);
    assert.ok(found.includes('2:already-declared'), found.join());
    assert.ok(found.includes('3:rejected-by-cbp'), found.join());
    const classified = cape(['classify', 'claim-details.xlsx', '--format', 'json'], tmp);
    assert.equal(JSON.parse(classified.stdout).files[0].kind, 'results');
  });

  it('an ES-003 workbook\'s unreadable row is reported with its sheet and row; split refuses a workbook', async () => {
    const rows = es003Rows([{ entry: V0 }], true);
    rows.push([V1, '001', '01', '12-3456789AB', '13/45/2025', '03/20/2025', '9903.01.25', 10, 'Unliquidated', '', 'N', '', '', 'N', 'N', 'N', '']);
    await writeWorkbook(path.join(tmp, 'damaged-export.xlsx'), [{ name: 'ES-003', rows }]);
    const r = cape(['check', 'declaration.csv', '--entry-data', 'damaged-export.xlsx', '--filing-date', '2026-12-01', '--format', 'json'], tmp);
    assert.match(r.stderr, /^damaged-export\.xlsx:3: warning entry-data-row .*\(sheet "ES-003", row 3\)$/m);
    const split = cape(['split', 'declaration.xlsx'], tmp);
    assert.equal(split.status, 2);
    assert.match(split.stderr, /is an Excel workbook; cape split never splits a workbook, nothing written/);
  });

  it('a password-protected workbook is one line naming it, exit 2, after the other files are checked', () => {
    writeEncryptedWorkbook(path.join(tmp, 'secret.xlsx'));
    const r = cape(['check', 'secret.xlsx', 'declaration.csv', '--format', 'json'], tmp);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^cape: secret\.xlsx: is password-protected/);
    assert.equal(JSON.parse(r.stdout).files[0].path, 'declaration.csv');
  });
});
