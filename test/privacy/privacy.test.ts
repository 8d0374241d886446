/**
 * Private by design: the server and the CLI run every feature with a preload that makes any
 * network access throw and leave a record. The record must stay empty.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, ensureBuilt } from '../helpers/build';
import { randomDeclaration } from '../helpers/generate';
import { TestClient, waitFor } from '../helpers/lspClient';
import { decl, VALID } from '../helpers/service';

const PRELOAD = path.join(__dirname, 'no-network.cjs');

describe('privacy: no network access anywhere', function () {
  this.timeout(60000);
  let dir: string;
  let networkLog: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-privacy-'));
    networkLog = path.join(dir, 'network.log');
    fs.mkdirSync(path.join(dir, 'ws'));
    fs.writeFileSync(path.join(dir, 'ws', 'a.csv'), decl(` ${VALID[0]}`, VALID[1], 'MYK21681164'));
    fs.writeFileSync(path.join(dir, 'ws', 'b.csv'), decl(VALID[1], VALID[2]));
    fs.writeFileSync(path.join(dir, 'ws', 'claims.csv'), `ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION\r\n${VALID[2]},C1,Accepted,\r\n`);
    fs.writeFileSync(path.join(dir, 'ws', 'big.csv'), randomDeclaration(10100, 8, 0.05, 0.01).text);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the trap works: a network call under the preload throws and is recorded', () => {
    const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', "require('node:https').get('https://example.invalid/')"], { env: { ...process.env, CAPE_NETWORK_LOG: networkLog }, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(fs.readFileSync(networkLog, 'utf8'), /https\.get/);
  });

  it('the language server uses no network for any feature', async () => {
    const root = pathToFileURL(path.join(dir, 'ws')).toString();
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: root, nodeArgs: ['--require', PRELOAD], env: { CAPE_NETWORK_LOG: networkLog } });
    try {
      const a = `${root}/a.csv`;
      const big = `${root}/big.csv`;
      await client.open(a, fs.readFileSync(path.join(dir, 'ws', 'a.csv'), 'utf8'));
      await client.open(big, fs.readFileSync(path.join(dir, 'ws', 'big.csv'), 'utf8'));
      const report = await waitFor(async () => {
        const r = await client.pull(a);
        return r.items!.some((d) => d.code === 'duplicate-in-workspace') ? r : undefined;
      }, 5000, 'cross-file diagnostics');
      const range = report.items![0].range;
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: a }, position: { line: 1, character: 2 } });
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: a }, range, context: { diagnostics: report.items } });
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: big }, range, context: { diagnostics: [], only: ['refactor', 'source.fixAll'] } });
      await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: big } });
      await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: big } });
      await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: big } });
      await client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] });
      await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.split', arguments: [big] });
      await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.prepare', arguments: [[a, big]] });
      await client.connection.sendRequest('cape/status', { uri: a });
      await client.change(a, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '' }]);
      await client.pull(a);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${root}/b.csv`, type: 2 }] });
      await client.pull(a);
      assert.equal(await client.stop(), 0);
    } finally {
      await client.stop().catch(() => undefined);
    }
    assert.ok(!fs.existsSync(networkLog), fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '');
  });

  it('the CLI uses no network for any command', () => {
    ensureBuilt();
    const env = { ...process.env, NODE_OPTIONS: `--require ${PRELOAD}`, CAPE_NETWORK_LOG: networkLog };
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8' });
    for (const format of ['text', 'json', 'sarif', 'github']) assert.ok([0, 1].includes(run(['check', 'ws', '--format', format]).status!));
    assert.ok([0, 1].includes(run(['check', 'ws/a.csv', '--results', 'ws/claims.csv']).status!));
    assert.ok([0, 1].includes(run(['fix', 'ws/a.csv']).status!));
    assert.equal(run(['split', 'ws/big.csv', '--out-dir', 'parts']).status, 0);
    assert.equal(run(['prepare', 'ws/big.csv', 'ws/b.csv', '--out-dir', 'upload']).status, 0);
    assert.ok(!fs.existsSync(networkLog), fs.existsSync(networkLog) ? fs.readFileSync(networkLog, 'utf8') : '');
  });
});
