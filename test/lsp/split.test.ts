/** Split over the protocol: outline, folding, lenses, the refactoring and the server command. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { TestClient } from '../helpers/lspClient';
import { randomDeclaration } from '../helpers/generate';

describe('language server over stdio: split', () => {
  let client: TestClient;
  let dir: string;
  let uri: string;
  const { text } = randomDeclaration(10500, 11, 0, 0);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-split-'));
    const file = path.join(dir, 'master.csv');
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, 'master-part1-of-2.csv'), 'Entry Number\r\n');
    uri = pathToFileURL(file).toString();
    client = await TestClient.start({ pullDiagnostics: true });
    await client.open(uri, text);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the parts as document symbols and folding ranges', async () => {
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Header', 'Part 1: entries 1-9,999', 'Part 2: entries 10,000-10,500']);
    const folds: FoldingRange[] = await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[1, 9999], [10000, 10500]]);
  });

  it('puts a lens at the part boundary that runs the split command', async () => {
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command!.command, l.command!.arguments]), [[10000, 'cape.server.split', [uri]]]);
  });

  it('offers the refactoring, naming the next free files because part 1 exists', async () => {
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['refactor'] },
    });
    assert.match(actions[0].title, /^Split into 2 declarations of at most 9,999 \(master-part1-of-2\.csv exists: writing master-part1-of-2 \(2\)\.csv/);
  });

  it('the split command asks the client to apply one edit that creates the parts', async () => {
    const result: { applied: boolean; files: string[] } = await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.split', arguments: [uri] });
    assert.deepEqual([result.applied, result.files], [true, ['master-part1-of-2 (2).csv', 'master-part2-of-2 (2).csv']]);
    const { edit } = client.appliedEdits[0];
    const created = edit.documentChanges.filter((c: { kind?: string }) => c.kind === 'create').map((c: { uri: string }) => decodeURIComponent(c.uri.slice(c.uri.lastIndexOf('/') + 1)));
    assert.deepEqual(created, ['master-part1-of-2 (2).csv', 'master-part2-of-2 (2).csv']);
    assert.equal(edit.documentChanges[1].edits[0].newText.split('\r\n').length - 2, 9999);
  });

  it('an unknown command or a document never opened answers without failing', async () => {
    const unknown: { applied: boolean } = await client.connection.sendRequest('workspace/executeCommand', { command: 'cape.server.split', arguments: ['file:///never.csv'] });
    assert.equal(unknown.applied, false);
  });
});
