/** The CLI on real CBP and broker layouts (issue 21): the same verdicts as the editor, --rates, estimates in the JSON. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCape } from '../helpers/build';
import { decl, VALID } from '../helpers/service';

const [V0, V1, V2] = VALID;

const cape = (args: string[], cwd: string) => runCape(args, cwd);

describe('cape on real results and export layouts', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-real-'));
    fs.writeFileSync(path.join(tmp, 'declaration.csv'), decl(V0, V1, V2));
    // CBP Claim Details as the portal exports it: text formulas, failed rows keep their claim number.
    fs.writeFileSync(
      path.join(tmp, 'claim-details.csv'),
      `Entry Summary Number,Cape Claim Number,Filing Status,Error Detail\r\n"=""${V0}""","=""100000241223""",Entry Summary Updated,\r\n"=""${V1}""","=""100000241223""",Failed,UNABLE TO CALCULATE DUTY\r\n"=""${V2}""","=""100000241223""",,\r\n`,
    );
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('check: accepted -> already-declared, failed -> rejected-by-cbp, claim alone -> a note, never an error', () => {
    const r = cape(['check', 'declaration.csv', '--results', 'claim-details.csv', '--format', 'json', '--filing-date', '2026-12-01'], tmp);
    const json = JSON.parse(r.stdout);
    const found = json.files[0].diagnostics.map((d: { line: number; code: string; severity: string }) => `${d.line}:${d.code}:${d.severity}`);
    assert.deepEqual(found, ['2:already-declared:error', '3:rejected-by-cbp:warning', '4:cbp-status-unknown:info']);
    assert.equal(r.status, 1);
  });

  it('summary --rates adds a quarter: ratesKnownThrough moves and ratesAssumed clears', () => {
    fs.writeFileSync(path.join(tmp, 'es003.csv'), `Entry No,Entry Date,HTS Code,Line Tariff Duty Amt\r\n${V0},03/15/2025,99030125,"$1,000.00"\r\n`);
    fs.writeFileSync(path.join(tmp, 'd.csv'), decl(V0));
    const base = ['summary', 'd.csv', '--entry-data', 'es003.csv', '--filing-date', '2026-12-01', '--format', 'json'];
    const before = JSON.parse(cape(base, tmp).stdout);
    assert.equal(before.ratesKnownThrough, '2026-Q4');
    assert.deepEqual([before.entries[0].ratesAssumed, before.entries[0].depositBasis, before.entries[0].estimated], [true, 'entry date', true]);
    fs.writeFileSync(path.join(tmp, 'rates.csv'), 'Quarter,Non-corporate,Corporate\r\n2027Q1,7,6\r\n');
    const after = cape([...base, '--rates', 'rates.csv'], tmp);
    assert.equal(after.status, 0, after.stderr);
    const json = JSON.parse(after.stdout);
    assert.equal(json.ratesKnownThrough, '2027-Q1');
    assert.equal(json.entries[0].ratesAssumed, false);
    assert.equal(json.entries[0].interest, before.entries[0].interest, 'the same rate, now known: the same cents');
  });

  it('--rates with a bad file is a usage error naming the file and the line', () => {
    fs.writeFileSync(path.join(tmp, 'rates.csv'), '2027Q1,seven,6\r\n');
    const r = cape(['check', 'declaration.csv', '--rates', 'rates.csv'], tmp);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--rates rates\.csv: line 1/);
  });

  it('check --entry-data on an export without HTS or duty columns: the export is named, no no-ieepa-duty', () => {
    fs.writeFileSync(path.join(tmp, 'es003.csv'), `Entry Summary Number,Entry Summary Line Number,Entry Date\r\n${V0},1,10/01/2026\r\n`);
    const r = cape(['check', 'declaration.csv', '--entry-data', 'es003.csv', '--filing-date', '2026-12-01'], tmp);
    assert.match(r.stderr, /es003\.csv:1: warning entry-data-columns .*no HTS column/);
    assert.doesNotMatch(r.stdout, /no-ieepa-duty/);
  });

  it('prepare reads the exports and results named with --entry-data and --results as data, never as targets it refuses', () => {
    fs.writeFileSync(path.join(tmp, 'es003.csv'), `Entry No,Entry Date,HTS Code,Line Tariff Duty Amt\r\n${V0},03/15/2025,99030125,"$1,000.00"\r\n${V1},03/15/2025,99030125,"$500.00"\r\n${V2},03/15/2025,99030125,"$500.00"\r\n`);
    const r = cape(['prepare', 'declaration.csv', '--entry-data', 'es003.csv', '--results', 'claim-details.csv', '--filing-date', '2026-12-01', '--out-dir', 'upload'], tmp);
    assert.equal(r.status, 0, r.stderr);
    // Accepted by CBP already: left out, with the reason.
    assert.match(fs.readFileSync(path.join(tmp, 'upload', 'excluded.csv'), 'utf8'), new RegExp(`${V0}.*already-declared`));
  });
});
