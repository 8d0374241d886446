/** The CLI's cross-file check after `cape split` (issue 17): a finished split is not a wall of duplicates. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCape } from '../helpers/build';
import { computeCheckDigit } from '../../server/src/service';

const cape = (args: string[], cwd: string) => runCape(args, cwd);

describe('cape check after cape split', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-after-split-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the source gets one split-source note, the parts no duplicate-in-workspace; archived/ is left out of folders', () => {
    const rows = Array.from({ length: 25 }, (_, i) => {
      const base = 'KNX' + String(i).padStart(7, '0');
      return base + computeCheckDigit(base);
    });
    fs.writeFileSync(path.join(tmp, 'master.csv'), ['Entry Number', ...rows].join('\r\n') + '\r\n');
    assert.equal(cape(['split', 'master.csv', '--max', '10'], tmp).status, 0);
    const r = cape(['check', '.', '--format', 'json'], tmp);
    assert.equal(r.status, 0, r.stdout);
    const found = JSON.parse(r.stdout).files.flatMap((f: { path: string; diagnostics: { code: string; severity: string }[] }) => f.diagnostics.map((d) => `${f.path}:${d.code}:${d.severity}`));
    assert.deepEqual(found, ['master.csv:split-source:info']);
    fs.mkdirSync(path.join(tmp, 'archived'));
    fs.renameSync(path.join(tmp, 'master.csv'), path.join(tmp, 'archived', 'master.csv'));
    const after = cape(['check', '.', '--format', 'json'], tmp);
    assert.deepEqual(JSON.parse(after.stdout).files.map((f: { path: string }) => f.path).sort(), ['master-part1-of-3.csv', 'master-part2-of-3.csv', 'master-part3-of-3.csv']);
  });
});
