/** Cross-file diagnostics over the protocol: unopened files, refreshes, watched files. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TestClient, waitFor } from '../helpers/lspClient';
import { decl, VALID } from '../helpers/service';

const [V0, V1, V2, V3] = VALID;


describe('language server over stdio: workspace', () => {
  let dir: string;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-ws-'));
    fs.writeFileSync(path.join(dir, 'a.csv'), decl(V0, V1));
    fs.writeFileSync(path.join(dir, 'b.csv'), decl(V1, V2));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'x.csv'), decl(V0));
    fs.writeFileSync(path.join(dir, 'claims.csv'), `ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION\r\n${V2},CAPE77,Accepted,\r\n`);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function workspaceDiagnostics(client: TestClient, file: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const byUri = await client.workspaceDiagnostics((r) => r.has(uri(file)) && predicate(r.get(uri(file))!), `workspace diagnostics for ${file}`, 5000);
    return byUri.get(uri(file))!;
  }

  it('reports a duplicate in an unopened file through workspace/diagnostic, and an edit elsewhere refreshes it', async () => {
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      const b = await workspaceDiagnostics(client, 'b.csv', (d) => d.length === 2);
      assert.deepEqual(b.map((d) => `${d.range.start.line}:${d.code}`), ['1:duplicate-in-workspace', '2:already-declared']);
      assert.match(String(b[0].message), /Also in a\.csv \(line 3\)/);
      // node_modules is never indexed: V0 has no duplicate.
      await client.open(uri('a.csv'), decl(V0, V1));
      const a = await client.pull(uri('a.csv'));
      assert.deepEqual(a.items!.map((d) => `${d.range.start.line}:${d.code}`), ['2:duplicate-in-workspace']);
      const refreshes = client.refreshes;
      await client.change(uri('a.csv'), 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } }, text: V3 }]);
      await waitFor(() => (client.refreshes > refreshes ? true : undefined), 3000, 'a diagnostic refresh');
      await workspaceDiagnostics(client, 'b.csv', (d) => d.map((x) => x.code).join() === 'already-declared');
    } finally {
      await client.stop();
    }
  });

  it('re-publishes other open documents for push clients when one changes', async () => {
    const client = await TestClient.start({ rootUri: pathToFileURL(dir).toString() });
    try {
      await client.open(uri('a.csv'), decl(V0, V1));
      await client.open(uri('b.csv'), decl(V1, V2));
      await client.waitForPush(uri('b.csv'), (d) => d.some((x) => x.code === 'duplicate-in-workspace'));
      await client.change(uri('a.csv'), 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } }, text: V3 }]);
      await client.waitForPush(uri('b.csv'), (d) => !d.some((x) => x.code === 'duplicate-in-workspace'));
    } finally {
      await client.stop();
    }
  });

  it('picks up a new file from workspace/didChangeWatchedFiles, and its deletion', async () => {
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      await client.open(uri('a.csv'), decl(V0, V1));
      await waitFor(async () => ((await client.pull(uri('a.csv'))).items!.length === 1 ? true : undefined), 5000, 'the first scan');
      fs.writeFileSync(path.join(dir, 'c.csv'), decl(V0));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('c.csv'), type: 1 }] });
      await waitFor(async () => ((await client.pull(uri('a.csv'))).items!.some((d) => /c\.csv/.test(String(d.message))) ? true : undefined), 5000, 'c.csv in a.csv\'s diagnostics');
      fs.rmSync(path.join(dir, 'c.csv'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('c.csv'), type: 3 }] });
      await waitFor(async () => (!(await client.pull(uri('a.csv'))).items!.some((d) => /c\.csv/.test(String(d.message))) ? true : undefined), 5000, 'c.csv gone');
    } finally {
      await client.stop();
    }
  });

  it('a results file whose rows have claim numbers but no accepted status publishes no error for those entries', async () => {
    fs.writeFileSync(
      path.join(dir, 'claims.csv'),
      `Entry Summary Number,Cape Claim Number,Filing Status,Error Detail\r\n"=""${V0}""",100000241223,Pending Review,\r\n${V1},100000241223,,\r\n${V2},100000241223,Failed,UNABLE TO CALCULATE DUTY\r\n`,
    );
    fs.writeFileSync(path.join(dir, 'b.csv'), decl(V3));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      await client.open(uri('a.csv'), decl(V0, V1, V2));
      const items = await waitFor(async () => {
        const report = await client.pull(uri('a.csv'));
        return report.items!.length === 3 ? report.items! : undefined;
      }, 5000, 'the results in a.csv');
      assert.deepEqual(items.map((d) => `${d.range.start.line}:${d.code}:${d.severity}`), ['1:cbp-status-unknown:3', '2:cbp-status-unknown:3', '3:rejected-by-cbp:2']);
      assert.match(String(items[0].message), /"Pending Review"/);
    } finally {
      await client.stop();
    }
  });
});
