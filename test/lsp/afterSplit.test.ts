/** Over the protocol (issue 17): a split source and its parts, and the quick fixes for ineligible entries. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { TestClient, waitFor } from '../helpers/lspClient';
import { decl, VALID } from '../helpers/service';
import { es003Text } from '../helpers/es003';
import { computeCheckDigit, DEFAULT_SETTINGS, manifestCsv, prepareUpload } from '../../server/src/service';

/** A document's diagnostics, once its split-source note is among them. */
function withSplitSourceNote(client: TestClient, uri: string, what: string): Promise<Diagnostic[]> {
  return waitFor(async () => {
    const r = await client.pull(uri);
    return r.items!.some((d) => d.code === 'split-source') ? r.items! : undefined;
  }, 5000, what);
}

describe('language server over stdio: after the first check', () => {
  let dir: string;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-after-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  /** Two declarations sharing an entry, as prepare's inputs. */
  const twoSources = (first: string, second: string) => {
    fs.writeFileSync(path.join(dir, first), decl(VALID[0], VALID[1]));
    fs.writeFileSync(path.join(dir, second), decl(VALID[2], VALID[1]));
  };

  it('a split source gets one note, its parts none; the archive action moves it into archived/', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => {
      const base = 'KNX' + String(i).padStart(7, '0');
      return base + computeCheckDigit(base);
    });
    fs.writeFileSync(path.join(dir, 'm.csv'), decl(...rows));
    fs.writeFileSync(path.join(dir, 'm-part1-of-2.csv'), decl(...rows.slice(0, 3)));
    fs.writeFileSync(path.join(dir, 'm-part2-of-2.csv'), decl(...rows.slice(3)));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      await client.open(uri('m.csv'), decl(...rows));
      const items = await withSplitSourceNote(client, uri('m.csv'), 'the split-source note');
      assert.deepEqual(items.map((d) => d.code), ['split-source']);
      await client.open(uri('m-part2-of-2.csv'), decl(...rows.slice(3)));
      assert.deepEqual((await client.pull(uri('m-part2-of-2.csv'))).items, []);
      const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri('m.csv') }, range: items[0].range, context: { diagnostics: items } });
      const archive = actions.find((a) => a.title.startsWith('Archive the split source'))!;
      assert.deepEqual(archive.edit!.documentChanges, [{ kind: 'rename', oldUri: uri('m.csv'), newUri: uri('archived/m.csv'), options: { overwrite: false, ignoreIfExists: false } }]);
    } finally {
      await client.stop();
    }
  });

  it('parts prepared from several declarations into any folder: the manifest makes them one family with every source', async () => {
    const [, V1, V2] = VALID;
    twoSources('a.csv', 'b.csv');
    const out = path.join(dir, 'march uploads');
    const prepared = prepareUpload(['a.csv', 'b.csv'].map((name) => ({ source: name, uri: uri(name), text: fs.readFileSync(path.join(dir, name), 'utf8') })), DEFAULT_SETTINGS, (i, n) => `upload-part${i}-of-${n}.csv`);
    fs.mkdirSync(out);
    for (const part of prepared.parts) fs.writeFileSync(path.join(out, part.name), part.text);
    const manifestUri = pathToFileURL(path.join(out, 'manifest.csv')).toString();
    fs.writeFileSync(path.join(out, 'manifest.csv'), manifestCsv(prepared.parts, () => '0', [], { manifestUri, partSources: prepared.partSources }));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      await client.open(uri('b.csv'), decl(V2, V1));
      const items = await withSplitSourceNote(client, uri('b.csv'), 'the split-source note on the second source');
      assert.deepEqual(items.map((d) => [d.code, d.severity]), [['split-source', 3]]);
      const part = uri('march uploads/upload-part1-of-1.csv');
      await client.open(part, prepared.parts[0].text);
      assert.deepEqual((await client.pull(part)).items, []);
    } finally {
      await client.stop();
    }
  });

  it('the prepare command writes a manifest naming every source, relative to the folder it writes to', async () => {
    twoSources('a.csv', 'b b.csv');
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      const outDir = pathToFileURL(path.join(dir, 'for upload')).toString();
      const result: { applied: boolean; files: string[] } = await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.prepare', arguments: [[uri('a.csv'), uri('b b.csv')], outDir] });
      assert.equal(result.applied, true);
      const created = client.appliedEdits.at(-1)!.edit.documentChanges as { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] }[];
      const manifest = created.find((c) => c.textDocument?.uri.endsWith('/manifest.csv'))!;
      assert.equal(manifest.textDocument!.uri, `${outDir}/manifest.csv`);
      assert.match(manifest.edits![0].newText, /^Part File,Entries,SHA-256,Warnings,Sources\r\na-upload-part1-of-1\.csv,3,[0-9a-f]{64},,\.\.\/a\.csv \| \.\.\/b b\.csv\r\n$/);
    } finally {
      await client.stop();
    }
  });

  it('an ineligible entry offers Remove this entry; the source action moves every one to excluded.csv', async () => {
    const [V0, V1, V2] = VALID;
    fs.writeFileSync(path.join(dir, 'es003.csv'), es003Text([{ entry: V0, type: '08' }, { entry: V1, type: '08' }, { entry: V2 }]));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString(), settings: { filingDate: '2026-06-01' } });
    try {
      await client.open(uri('d.csv'), decl(V0, V1, V2));
      const items: Diagnostic[] = await waitFor(async () => {
        const r = await client.pull(uri('d.csv'));
        return r.items!.filter((d) => d.code === 'excluded-entry-type').length === 2 ? r.items! : undefined;
      }, 5000, 'the eligibility errors');
      const first = items.find((d) => d.code === 'excluded-entry-type')!;
      const quick: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri('d.csv') }, range: first.range, context: { diagnostics: [first], only: ['quickfix'] } });
      assert.deepEqual(quick.map((a) => a.title).filter((t) => t.startsWith('Remove')), ['Remove this entry (excluded entry type)', 'Remove all 2 entries ACE would reject for this reason (excluded entry type)']);
      const source: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri('d.csv') }, range: first.range, context: { diagnostics: [], only: ['source.cape.moveIneligible'] } });
      assert.equal(source[0].title, 'Move every ineligible entry (2) to excluded.csv, with reasons');
      assert.equal((source[0].edit!.documentChanges![0] as { kind: string; uri: string }).uri, uri('excluded.csv'));
    } finally {
      await client.stop();
    }
  });
});

describe('language server over stdio: the filing date', () => {
  it('a new filing date changes the resultId and the window diagnostics (day 79, then day 81)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-date-'));
    const [V0] = VALID;
    fs.writeFileSync(path.join(dir, 'es003.csv'), es003Text([{ entry: V0, status: 'Liquidated', liquidationDate: '09/13/2026' }]));
    const uri = pathToFileURL(path.join(dir, 'd.csv')).toString();
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString(), settings: { filingDate: '2026-12-01' } });
    try {
      await client.open(uri, decl(V0));
      const first = await waitFor(async () => {
        const r = await client.pull(uri);
        return r.items!.some((d) => d.code === 'window-closing') ? r : undefined;
      }, 5000, 'window-closing on day 79');
      client.settings = { filingDate: '2026-12-03' };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cape: client.settings } });
      const second = await waitFor(async () => {
        const r = await client.pull(uri, first.resultId);
        return r.kind === 'full' && r.items!.some((d) => d.code === 'window-closed') ? r : undefined;
      }, 5000, 'window-closed on day 81');
      assert.notEqual(second.resultId, first.resultId);
      assert.match(String(second.resultId), /2026-12-03$/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio: every lens command runs on the server', () => {
  it('the refund and split lenses name commands the server lists in executeCommandProvider', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-lens-'));
    const rows = Array.from({ length: 10005 }, (_, i) => {
      const base = 'KNX' + String(i).padStart(7, '0');
      return base + computeCheckDigit(base);
    });
    fs.writeFileSync(path.join(dir, 'es003.csv'), es003Text(rows.slice(0, 3).map((entry) => ({ entry }))));
    const uri = pathToFileURL(path.join(dir, 'big.csv')).toString();
    // A client that is not VS Code: no client-side commands at all.
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      await client.open(uri, decl(...rows));
      const lenses: { command?: { command: string } }[] = await waitFor(async () => {
        const l: { command?: { command: string; title: string } }[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
        return l.some((x) => /^Expected refund/.test(x.command?.title ?? '')) && l.some((x) => /Split Declaration/.test(x.command?.title ?? '')) ? l : undefined;
      }, 10000, 'refund and split lenses');
      const served: string[] = client.serverCapabilities.executeCommandProvider.commands;
      for (const lens of lenses) assert.ok(served.includes(lens.command!.command), `${lens.command!.command} is executable on the server`);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
