/**
 * One view of the workspace for every command (issue 15), on a folder a user really has:
 * declarations beside an ES-003 export, a CBP results download and other CSVs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCape } from '../helpers/build';
import { VALID } from '../helpers/service';
import { es003Text } from '../helpers/es003';

const [V0, V1, V2, V3, V4] = VALID;

const cape = (args: string[], cwd: string) => runCape(args, cwd);

/** Every file under a folder and its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

describe('a mixed folder: every command sees the same kinds', () => {
  let tmp: string;
  let ex: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-mixed-'));
    ex = path.join(tmp, 'ex');
    fs.mkdirSync(ex);
    // V0 accepted by CBP, V1 failed, V2 window closed, V3 no IEEPA duty, V4 fine; a damaged line and a duplicate line.
    fs.writeFileSync(path.join(ex, 'declaration.csv'), `Entry Number\r\n${V0}\r\n${V1}\r\n${V2}\r\n${V3}\r\n ${V4.toLowerCase()} \r\n${V4}\r\n`);
    fs.writeFileSync(path.join(ex, 'es003-export.csv'), es003Text([
      { entry: V0 }, { entry: V1 }, { entry: V2, status: 'Liquidated', liquidationDate: '06/01/2026' }, { entry: V3, hts: '9903.88.03' }, { entry: V4 },
    ]));
    fs.writeFileSync(path.join(ex, 'claim-details.csv'), `ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION\r\n${V0},100000241223,Entry Summary Updated,\r\n${V1},100000241223,Failed,UNABLE TO CALCULATE DUTY\r\n`);
    fs.writeFileSync(path.join(ex, 'notes.csv'), 'Name,Amount\r\nACME,12\r\n');
    fs.writeFileSync(path.join(ex, 'scan.csv'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('cape classify names each kind', () => {
    const r = cape(['classify', 'ex', '--format', 'json'], tmp);
    assert.equal(r.status, 0, r.stderr);
    const kinds = Object.fromEntries(JSON.parse(r.stdout).files.map((f: { path: string; kind: string }) => [path.basename(f.path), f.kind]));
    assert.deepEqual(kinds, { 'claim-details.csv': 'results', 'declaration.csv': 'declaration', 'es003-export.csv': 'es003', 'notes.csv': 'other-csv', 'scan.csv': 'not-csv' });
  });

  it('cape fix on the folder changes the declaration only; every other file is left byte for byte, and the summary says so', () => {
    const before = snapshot(ex);
    const r = cape(['fix', 'ex'], tmp);
    assert.match(r.stdout, /declaration\.csv: fixed/);
    assert.match(r.stdout, /skipped 1 ES-003 export, 1 CBP results file, 1 non-CSV file, 1 other CSV/);
    const after = snapshot(ex);
    for (const [name, bytes] of before) if (name !== 'declaration.csv') assert.equal(after.get(name), bytes, `${name} unchanged`);
    assert.notEqual(after.get('declaration.csv'), before.get('declaration.csv'));
  });

  for (const [file, what] of [['es003-export.csv', 'an ES-003 export'], ['claim-details.csv', 'a CBP results file'], ['scan.csv', 'a non-CSV file']] as const) {
    for (const command of ['fix', 'split', 'prepare']) {
      it(`cape ${command} ex/${file}: refused in one line naming it, exit 2, nothing written`, () => {
        const before = snapshot(tmp);
        const r = cape([command, `ex/${file}`], tmp);
        assert.equal(r.status, 2);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, new RegExp(`ex/${file.replace('.', '\\.')}: is ${what}, not a CAPE declaration`));
        assert.deepEqual(snapshot(tmp), before);
      });
    }
  }

  it('cape prepare on the folder picks up the export and the results; cape check finds its parts clean; nothing is dropped silently', () => {
    const r = cape(['prepare', 'ex', '--out-dir', 'up', '--filing-date', '2026-12-01'], tmp);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2 entries ready in 1 part\(s\) on 2026-12-01; 4 row\(s\) left out/);
    assert.match(r.stdout, /1 entries in the parts have warnings \(listed in the manifest\): rejected-by-cbp/);
    assert.match(r.stdout, /skipped 1 ES-003 export, 1 CBP results file, 1 non-CSV file, 1 other CSV: not declarations/);
    const parts = fs.readdirSync(path.join(tmp, 'up')).filter((f) => /-part\d+-of-\d+\.csv$/.test(f));
    assert.deepEqual(parts, ['declaration-upload-part1-of-1.csv']);
    // V1 was rejected by CBP: a warning, so it stays (re-filing can help once the cause is fixed), listed in the manifest.
    assert.equal(fs.readFileSync(path.join(tmp, 'up', parts[0]), 'utf8'), `Entry Number\r\n${V1}\r\n${V4}\r\n`);
    assert.match(fs.readFileSync(path.join(tmp, 'up', 'manifest.csv'), 'utf8'), new RegExp(`rejected-by-cbp ${V1}`));
    const excluded = fs.readFileSync(path.join(tmp, 'up', 'excluded.csv'), 'utf8');
    for (const [entry, code] of [[V0, 'already-declared'], [V2, 'window-closed'], [V3, 'no-ieepa-duty'], [V4, 'duplicate']]) assert.match(excluded, new RegExp(`${entry}.*${code}`), excluded);
    const check = cape(['check', ...parts.map((p) => `up/${p}`), '--entry-data', 'ex/es003-export.csv', '--results', 'ex/claim-details.csv', '--filing-date', '2026-12-01', '--format', 'json'], tmp);
    const errors = JSON.parse(check.stdout).files.flatMap((f: { diagnostics: { severity: string; code: string }[] }) => f.diagnostics.filter((d) => d.severity === 'error'));
    assert.deepEqual(errors, []);
  });

  it('cape build says why when nothing is eligible, and writes nothing', () => {
    fs.writeFileSync(path.join(ex, 'all-accepted.csv'), `ENTRY_NUMBER,CLAIM_NUMBER,STATUS\r\n${[V0, V1, V2, V3, V4].map((e) => `${e},100000241223,Accepted`).join('\r\n')}\r\n`);
    const before = snapshot(tmp);
    const r = cape(['build', '--from', 'ex/es003-export.csv', '--declared', 'ex/all-accepted.csv', '--filing-date', '2026-12-01'], tmp);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /none can be declared on 2026-12-01: .*already accepted on a CAPE claim/);
    assert.match(r.stdout, /nothing written/);
    assert.deepEqual(snapshot(tmp), before);
  });
});
