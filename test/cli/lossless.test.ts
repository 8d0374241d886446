/** `cape fix` never joins two values into one (issue 16): the entries on such lines survive, and it says what it did. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ensureBuilt } from '../helpers/build';
import { VALID } from '../helpers/service';

const [V0, V1] = VALID;

describe('cape fix keeps every entry', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lossless-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('MYK...<TAB>ACME and E1 E2 are extra-column problems, left for a person; nothing is joined', () => {
    ensureBuilt();
    const file = path.join(tmp, 'd.csv');
    const text = `Entry Number\r\n${V0}\tACME\r\n${V0.toLowerCase()} ${V1}\r\n ${V1} \r\n`;
    fs.writeFileSync(file, text);
    const r = spawnSync(process.execPath, [CLI, 'fix', file], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /fixed 1 whitespace/);
    assert.doesNotMatch(r.stdout, /fixed [2-9] whitespace/);
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after.includes(`${V0}\tACME`), after);
    assert.ok(after.includes(`${V0.toLowerCase()} ${V1}`), after);
    const check = spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json'], { encoding: 'utf8' });
    const codes = JSON.parse(check.stdout).files[0].diagnostics.map((d: { line: number; code: string }) => `${d.line}:${d.code}`);
    assert.ok(codes.includes('2:extra-column') && codes.includes('3:extra-column'), codes.join(' '));
  });
});
