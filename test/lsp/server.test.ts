/** The built server over stdio, as any editor would talk to it. */
import * as assert from 'node:assert/strict';
import type { TextDocumentEdit, TextEdit, CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { TestClient, waitFor } from '../helpers/lspClient';
import { applyTextEdits, decl, VALID } from '../helpers/service';

const DECL = 'file:///work/march.csv';
const OTHER = 'file:///work/prices.csv';
const damaged = decl(` ${VALID[0]}`, VALID[1], 'MYK21681164', VALID[1]);

describe('language server over stdio: push client (no pull support)', () => {
  let client: TestClient;
  before(async () => (client = await TestClient.start()));
  after(async () => client.stop());

  it('publishes diagnostics for an opened declaration', async () => {
    await client.open(DECL, damaged);
    const diagnostics = await client.waitForPush(DECL);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.code}`), ['1:whitespace', '3:check-digit', '4:duplicate']);
    assert.match(diagnostics[0].codeDescription!.href, /docs\/rules\.md#whitespace$/);
  });

  it('re-publishes after an incremental change', async () => {
    // Delete the leading space on line 1.
    await client.change(DECL, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '' }]);
    const diagnostics = await client.waitForPush(DECL, (d) => !d.some((x) => x.code === 'whitespace'));
    assert.deepEqual(diagnostics.map((d) => d.code), ['check-digit', 'duplicate']);
    assert.equal(client.published.get(DECL)!.version, 2);
  });

  it('gives a non-declaration CSV no diagnostics', async () => {
    await client.open(OTHER, 'Importer,Port\nAcme,2704\n');
    assert.deepEqual(await client.waitForPush(OTHER), []);
  });

  it('re-publishes when cape.rules turns a code off', async () => {
    client.settings = { rules: { duplicate: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cape: client.settings } });
    const diagnostics = await client.waitForPush(DECL, (d) => !d.some((x) => x.code === 'duplicate'));
    assert.deepEqual(diagnostics.map((d) => d.code), ['check-digit']);
  });

  it('clears diagnostics when the document closes', async () => {
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: DECL } });
    await client.waitForPush(DECL, (d) => d.length === 0);
  });

  it('shuts down and exits cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server over stdio: pull client', () => {
  let client: TestClient;
  before(async () => (client = await TestClient.start({ pullDiagnostics: true })));
  after(async () => client.stop());

  it('answers textDocument/diagnostic and pushes nothing', async () => {
    await client.open(DECL, damaged);
    const report = await client.pull(DECL);
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items!.map((d) => d.code), ['whitespace', 'check-digit', 'duplicate']);
    // Opening the document also indexes it, which may bump the result id once; then it settles.
    let previous = report.resultId;
    const unchanged = await waitFor(async () => {
      const again = await client.pull(DECL, previous);
      previous = again.resultId ?? previous;
      return again.kind === 'unchanged' ? again : undefined;
    }, 3000, 'an unchanged report');
    assert.equal(unchanged.kind, 'unchanged');
    await new Promise((r) => setTimeout(r, 300)); // longer than the push debounce: nothing may arrive
    assert.equal(client.published.size, 0);
  });

  it('sees an incremental change', async () => {
    await client.change(DECL, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 11 } }, text: VALID[2] }]);
    const report = await client.pull(DECL);
    assert.deepEqual(report.items!.map((d) => d.code), ['whitespace', 'duplicate']);
  });

  it('offers the quick fix computed for the current version (a versioned edit), and fix-all', async () => {
    const report = await client.pull(DECL);
    const whitespace = report.items!.find((d) => d.code === 'whitespace') as Diagnostic;
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: DECL },
      range: whitespace.range,
      context: { diagnostics: [whitespace] },
    });
    const quickFix = actions.find((a) => a.kind === 'quickfix')!;
    assert.equal(quickFix.title, 'Remove the spaces');
    const current = decl(` ${VALID[0]}`, VALID[1], VALID[2], VALID[1]);
    const edited = quickFix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(edited.textDocument.uri, DECL);
    assert.equal(typeof edited.textDocument.version, 'number', 'a versioned edit');
    assert.equal(applyTextEdits(current, edited.edits as TextEdit[]), decl(VALID[0], VALID[1], VALID[2], VALID[1]));
    const fixAll: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: DECL },
      range: whitespace.range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(fixAll[0].kind, 'source.fixAll.cape');
    assert.equal(applyTextEdits(current, (fixAll[0].edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]), decl(VALID[0], VALID[1], VALID[2]));
  });


  it('answers hover', async () => {
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: DECL }, position: { line: 2, character: 3 } });
    assert.match((hover.contents as { value: string }).value, /`BII` \| `2666240` \| `3` ✓ correct/);
  });

  it('asks the client to refresh when settings change, then applies them', async () => {
    client.settings = { rules: { whitespace: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(() => (client.refreshes > 0 ? true : undefined), 3000, 'a diagnostic refresh');
    const report = await client.pull(DECL);
    assert.deepEqual(report.items!.map((d) => d.code), ['duplicate']);
  });

  it('returns nothing for a non-declaration or a document never opened', async () => {
    await client.open(OTHER, 'Importer,Port\nAcme,2704\n');
    assert.deepEqual((await client.pull(OTHER)).items, []);
    assert.deepEqual((await client.pull('file:///never/opened.csv')).items, []);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///never/opened.csv' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });

  it('reports status for the editor', async () => {
    const status: { declaration: boolean; entries: number; error: number } = await client.connection.sendRequest('cape/status', { uri: DECL });
    assert.deepEqual([status.declaration, status.entries, status.error], [true, 4, 1]);
  });
});

describe('language server over stdio: fixes follow the version', () => {
  let client: TestClient;
  before(async () => (client = await TestClient.start({ pullDiagnostics: true })));
  after(async () => client.stop());

  it('a diagnostic of an older version gets no fix once the document has moved on; the new version gets edits for itself', async () => {
    await client.open(DECL, damaged);
    const report = await client.pull(DECL);
    const stale = report.items!.find((d) => d.code === 'whitespace') as Diagnostic;
    // Version 100 removes the line the old diagnostic points at.
    await client.change(DECL, 100, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: DECL }, range: stale.range, context: { diagnostics: [stale], only: ['quickfix'] } });
    assert.deepEqual(actions.filter((a) => a.title === 'Remove the spaces'), []);
    const fresh = (await client.pull(DECL)).items!.find((d) => d.code === 'duplicate') as Diagnostic;
    const now: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: DECL }, range: fresh.range, context: { diagnostics: [fresh], only: ['quickfix'] } });
    assert.equal((now[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 100);
  });
});
