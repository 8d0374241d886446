/** The built `cape` CLI as a user or CI script runs it. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runCape } from '../helpers/build';
import { decl, VALID } from '../helpers/service';

const cape = (args: string[], cwd = ROOT) => runCape(args, cwd);

const CLEAN = 'examples/clean-declaration.csv';
const DAMAGED = 'examples/damaged-declaration.csv';

describe('cape check', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-cli-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('exits 0 on a clean declaration and says so', () => {
    const r = cape(['check', CLEAN]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
  });

  it('exits 1 on errors and prints compiler-style lines plus a summary', () => {
    const r = cape(['check', DAMAGED]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^examples\/damaged-declaration\.csv:3:1: warning whitespace /m);
    assert.match(r.stdout, /^examples\/damaged-declaration\.csv:11:1: error check-digit /m);
    assert.match(r.stdout, /^12 problems \(6 errors, 6 warnings, 0 info\) in 1 file\.$/m);
  });

  it('--no-exit-code exits 0 despite errors', () => {
    assert.equal(cape(['check', DAMAGED, '--no-exit-code']).status, 0);
  });

  it('--format json prints exactly the documented shape', () => {
    const r = cape(['check', DAMAGED, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ['files']);
    assert.equal(report.files[0].path, DAMAGED);
    const digit = report.files[0].diagnostics.find((d: { code: string }) => d.code === 'check-digit');
    assert.deepEqual(Object.keys(digit), ['code', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message']);
    assert.deepEqual([digit.severity, digit.line, digit.column, digit.endLine, digit.endColumn], ['error', 11, 1, 11, 12]);
  });

  it('--format github prints workflow annotations', () => {
    const r = cape(['check', DAMAGED, '--format', 'github']);
    assert.match(r.stdout, /^::error file=examples\/damaged-declaration\.csv,line=11,col=1,endLine=11,endColumn=12,title=check-digit::Check digit 0/m);
    assert.match(r.stdout, /^::warning file=examples\/damaged-declaration\.csv,line=3,/m);
  });

  it('--format sarif prints SARIF 2.1.0 with the codes as rule ids', () => {
    const sarif = JSON.parse(cape(['check', DAMAGED, '--format', 'sarif']).stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'cape');
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'check-digit'));
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'check-digit');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'check-digit');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 11, startColumn: 1, endLine: 11, endColumn: 12 });
  });

  it('expands a directory to its declarations only', () => {
    const r = cape(['check', 'examples', '--format', 'json']);
    const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path).sort();
    assert.ok(paths.includes(path.join('examples', 'clean-declaration.csv')));
    assert.ok(!paths.some((p: string) => p.includes('not-a-declaration')));
  });

  it('expands a glob', () => {
    const r = cape(['check', 'examples/clean-*.csv', '--format', 'json']);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), [CLEAN]);
  });

  it('says in one line, naming it, that a damaged .xlsx workbook cannot be read, instead of crashing', () => {
    const book = path.join(tmp, 'declaration.xlsx');
    fs.writeFileSync(book, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0, 0, 0]));
    const r = cape(['check', book, '--format', 'json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^cape: .*declaration\.xlsx: is not a readable workbook: the file is damaged/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('treats every file it is given as a declaration', () => {
    const file = path.join(tmp, 'list.csv');
    fs.writeFileSync(file, `${VALID[0]}\n`);
    assert.match(cape(['check', file]).stdout, /error header-missing/);
  });

  it('exits 2 with a one-line message naming a missing file', () => {
    const r = cape(['check', 'examples/nope.csv']);
    assert.equal(r.status, 2);
    assert.match(r.stderr.split('\n')[0], /^cape: examples\/nope\.csv: no such file or directory$/);
  });

  it('exits 2 on usage errors', () => {
    assert.equal(cape(['check', CLEAN, '--format', 'xml']).status, 2);
    assert.equal(cape(['check', CLEAN, '--bogus']).status, 2);
    assert.equal(cape(['check', CLEAN, '--filing-date', '2026-02-30']).status, 2);
    assert.equal(cape(['check']).status, 2);
    assert.equal(cape(['frobnicate']).status, 2);
    assert.equal(cape(['check', CLEAN, '--filing-date', '2026-11-27']).status, 0);
  });
});

describe('cape fix', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-fix-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('repairs a copy of the damaged example to the expected text, keeping CRLF', () => {
    const copy = path.join(tmp, 'damaged.csv');
    fs.copyFileSync(path.join(ROOT, DAMAGED), copy);
    const r = cape(['fix', copy]);
    assert.equal(r.status, 1, 'errors that need a person remain');
    assert.match(r.stdout, /damaged\.csv: fixed .*whitespace.*; 3 error\(s\) need a person/);
    const expected = ['Entry Number', 'MYK21681165', 'BII26662403', 'EJ445632006', '00200130003', '01326110317', '2.61103E+10', 'A7K64546569',
      'MYK80821769', '9Q297367120', 'EJ401157121', '9Q218424962', '31601852168', 'A7K5225920', 'MYK86469043'].map((l) => l + '\r\n').join('');
    assert.equal(fs.readFileSync(copy, 'utf8'), expected);
    assert.match(cape(['fix', copy]).stdout, /nothing to fix/);
    assert.deepEqual(fs.readdirSync(tmp), ['damaged.csv'], 'no temporary file left behind');
  });

  it('--dry-run reports and writes nothing', () => {
    const copy = path.join(tmp, 'd.csv');
    const text = decl(` ${VALID[0]}`);
    fs.writeFileSync(copy, text);
    const r = cape(['fix', copy, '--dry-run']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /would fix 1 whitespace/);
    assert.equal(fs.readFileSync(copy, 'utf8'), text);
  });

  it('does not touch a file that needs nothing', () => {
    const copy = path.join(tmp, 'clean.csv');
    fs.copyFileSync(path.join(ROOT, CLEAN), copy);
    const before = fs.statSync(copy).mtimeMs;
    assert.equal(cape(['fix', copy]).status, 0);
    assert.equal(fs.statSync(copy).mtimeMs, before);
  });
});

describe('cape check across files', () => {
  it('applies the cross-file rules over a directory, with the results file recognized and not validated', () => {
    const r = cape(['check', 'examples/workspace', '--format', 'json']);
    const files = JSON.parse(r.stdout).files as { path: string; diagnostics: { code: string; line: number }[] }[];
    assert.deepEqual(files.map((f) => path.basename(f.path)).sort(), ['april-declaration.csv', 'march-declaration.csv']);
    const march = files.find((f) => f.path.endsWith('march-declaration.csv'))!;
    assert.deepEqual(march.diagnostics.map((d) => `${d.line}:${d.code}`), ['2:already-declared', '4:duplicate-in-workspace', '6:rejected-by-cbp']);
    assert.equal(r.status, 1);
  });

  it('takes results from --results', () => {
    const r = cape(['check', 'examples/workspace/april-declaration.csv', '--results', 'examples/workspace/claim-details.csv', '--format', 'json']);
    const files = JSON.parse(r.stdout).files as { diagnostics: { code: string }[] }[];
    assert.deepEqual(files[0].diagnostics.map((d) => d.code), ['already-declared']);
  });
});

describe('cape check and cape build with ES-003 data', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-es003-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('check --entry-data applies eligibility and deadlines at the filing date', () => {
    const r = cape(['check', 'examples/es003/declaration.csv', '--entry-data', 'examples/es003/es003-export.csv', '--filing-date', '2026-12-01', '--format', 'json']);
    const codes = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    for (const code of ['no-entry-data', 'window-closing', 'window-closed', 'refund-at-liquidation', 'excluded-entry-type', 'adcvd-pending', 'reconciliation-flagged', 'protest', 'drawback', 'no-ieepa-duty']) {
      assert.ok(codes.includes(code), code);
    }
    assert.match(r.stderr, /es003-export\.csv:87: warning entry-data-row/);
    assert.equal(cape(['check', 'examples/es003/declaration.csv', '--phase', '7']).status, 2);
  });

  it('build writes eligible declarations and an exclusion report accounting for every entry; refuses to overwrite', () => {
    const out = path.join(tmp, 'built');
    const r = cape(['build', '--from', 'examples/es003/es003-export.csv', '--filing-date', '2026-12-01', '--out-dir', out]);
    assert.equal(r.status, 0, r.stderr);
    const m = /^(\d+) entries in the export: (\d+) eligible on 2026-12-01 in 1 declaration\(s\), (\d+) excluded/m.exec(r.stdout)!;
    assert.equal(Number(m[2]) + Number(m[3]), Number(m[1]));
    const part = fs.readFileSync(path.join(out, 'es003-export-declaration-part1-of-1.csv'), 'utf8').trim().split('\r\n');
    const excluded = fs.readFileSync(path.join(out, 'excluded.csv'), 'utf8').trim().split('\r\n');
    assert.equal(part.length - 1 + excluded.length - 1, Number(m[1]));
    assert.equal(cape(['check', path.join(out, 'es003-export-declaration-part1-of-1.csv'), '--entry-data', 'examples/es003/es003-export.csv', '--filing-date', '2026-12-01']).status, 0, 'the built declaration checks clean of errors');
    const again = cape(['build', '--from', 'examples/es003/es003-export.csv', '--filing-date', '2026-12-01', '--out-dir', out]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists; nothing written/);
    assert.equal(cape(['build', '--from', 'examples/clean-declaration.csv']).status, 2);
  });
});

describe('cape summary', () => {
  it('prints the documented JSON, and the Markdown report agrees to the cent', () => {
    const args = ['summary', 'examples/es003/declaration.csv', '--entry-data', 'examples/es003/es003-export.csv', '--filing-date', '2026-12-01'];
    const r = cape([...args, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['filingDate', 'payer', 'total', 'importers', 'files', 'entries', 'ratesKnownThrough']);
    assert.equal(json.payer, 'corporate');
    const cents = (s: string) => Math.round(Number(s) * 100);
    const expected = json.entries.filter((e: { status: string }) => e.status === 'expected');
    assert.equal(cents(json.total.refund), expected.reduce((n: number, e: { duty: string; interest: string }) => n + cents(e.duty) + cents(e.interest), 0));
    assert.equal(cents(json.total.refund), json.importers.reduce((n: number, i: { refund: string }) => n + cents(i.refund), 0));
    const md = cape([...args, '--format', 'md']).stdout;
    const dollars = '$' + Number(json.total.refund).toLocaleString('en-US', { minimumFractionDigits: 2 });
    assert.ok(md.includes(`**Expected refund ${dollars}**`), md.slice(0, 300));
    const nonCorporate = JSON.parse(cape([...args, '--format', 'json', '--payer', 'non-corporate']).stdout);
    assert.ok(cents(nonCorporate.total.interest) > cents(json.total.interest));
    assert.match(cape([...args, '--format', 'csv']).stdout, /^File,Line,Entry,Importer,Duty,Interest,Refund/);
    assert.equal(cape([...args, '--payer', 'rich']).status, 2);
  });
});
