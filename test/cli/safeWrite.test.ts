/** Every write of the product goes through safe names and, in the CLI, through safeWrite. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSafeFileName, partFileNames, splitFileName } from '../../server/src/service';
import { WriteRefused, writeFileSafely } from '../../cli/src/safeWrite';
import { TestClient } from '../helpers/lspClient';
import { decl, VALID } from '../helpers/service';

describe('file safety', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-safe-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names built from input names stay plain file names', () => {
    for (const bad of ['..', '.', '../x.csv', 'a/b.csv', 'C:\\x.csv', 'CON', 'nul.csv', 'LPT1.txt', 'x\u0000.csv', 'trailing.', '']) assert.ok(!isSafeFileName(bad), bad);
    for (const good of ['march.csv', 'march-part1-of-2 (2).csv', 'manifest.csv', 'console.csv']) assert.ok(isSafeFileName(good), good);
    assert.deepEqual(splitFileName('../../etc/passwd.csv'), { stem: 'passwd', extension: '.csv' });
    assert.equal(splitFileName('CON.csv').stem, 'declaration-CON');
    assert.ok(partFileNames('..\\..\\evil.csv', 2, () => false).names.every(isSafeFileName));
  });

  it('refuses to write outside its root, over an existing file, or to a reserved name, and leaves no temporary file', () => {
    const root = path.join(dir, 'out');
    fs.mkdirSync(root);
    assert.throws(() => writeFileSafely(path.join(root, '..', 'escaped.csv'), 'x', { replaceExisting: false, root }), WriteRefused);
    assert.throws(() => writeFileSafely('/tmp/elsewhere.csv', 'x', { replaceExisting: false, root }), WriteRefused);
    assert.throws(() => writeFileSafely(path.join(root, 'NUL.csv'), 'x', { replaceExisting: false, root }), WriteRefused);
    fs.writeFileSync(path.join(root, 'mine.csv'), 'mine');
    assert.throws(() => writeFileSafely(path.join(root, 'mine.csv'), 'theirs', { replaceExisting: false, root }), WriteRefused);
    assert.equal(fs.readFileSync(path.join(root, 'mine.csv'), 'utf8'), 'mine');
    writeFileSafely(path.join(root, 'new.csv'), 'a\r\nb\r\n', { replaceExisting: false, root });
    assert.equal(fs.readFileSync(path.join(root, 'new.csv'), 'utf8'), 'a\r\nb\r\n');
    assert.deepEqual(fs.readdirSync(root).sort(), ['mine.csv', 'new.csv']);
    assert.ok(!fs.existsSync(path.join(dir, 'escaped.csv')));
  });

  it('the server refuses to prepare into a folder outside the workspace', async () => {
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, 'a.csv'), decl(VALID[0]));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(ws).toString() });
    try {
      const outside = pathToFileURL(path.join(dir, 'outside')).toString();
      const result: { applied: boolean; reason: string } = await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.prepare', arguments: [[pathToFileURL(path.join(ws, 'a.csv')).toString()], outside] });
      assert.equal(result.applied, false);
      assert.match(result.reason, /outside the workspace/);
      assert.equal(client.appliedEdits.length, 0);
    } finally {
      await client.stop();
    }
  });
});
