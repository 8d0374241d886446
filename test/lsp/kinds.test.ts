/** The server's workspace index and `cape` agree on what each file is (issue 15): one classifier, one loader. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI, ROOT } from '../helpers/build';
import { TestClient, waitFor } from '../helpers/lspClient';

describe('language server over stdio: file kinds', () => {
  let dir: string;
  before(() => {
    // The generated examples (ES-003 export, over-limit file) come from the committed generator.
    if (!fs.existsSync(path.join(ROOT, 'examples', 'es003', 'es003-export.csv'))) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-examples.ts'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-kinds-'));
    fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'scan.csv'), '%PDF-1.7\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cape/workspaceFiles and `cape classify` give every file in examples/ the same kind', async () => {
    const cli = spawnSync(process.execPath, [CLI, 'classify', dir, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const fromCli = Object.fromEntries(JSON.parse(cli.stdout).files.map((f: { path: string; kind: string }) => [path.relative(dir, f.path), f.kind]));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      const fromServer = await waitFor(async () => {
        const { files } = (await client.connection.sendRequest('cape/workspaceFiles', {})) as { files: { uri: string; kind: string }[] };
        return files.length >= Object.keys(fromCli).length ? Object.fromEntries(files.map((f) => [path.relative(dir, fileURLToPath(f.uri)), f.kind])) : undefined;
      }, 10000, 'the workspace scan');
      assert.deepEqual(fromServer, fromCli);
      assert.equal(fromCli['es003/es003-export.csv'], 'es003');
      assert.equal(fromCli['workspace/claim-details.csv'], 'results');
      assert.equal(fromCli['not-a-declaration.csv'], 'other-csv');
      assert.equal(fromCli['scan.csv'], 'not-csv');
      assert.equal(fromCli['clean-declaration.csv'], 'declaration');
    } finally {
      await client.stop();
    }
  });
});
