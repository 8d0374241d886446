/** Protocol faults: the server logs, answers what it can, and keeps serving. */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TestClient, waitFor } from '../helpers/lspClient';
import { decl, VALID } from '../helpers/service';

const URI = 'file:///faults/a.csv';

describe('language server over stdio: faults', () => {
  let client: TestClient;
  beforeEach(async () => (client = await TestClient.start({ pullDiagnostics: true })));
  afterEach(async () => client.stop());

  const stillServing = async () => {
    await client.open(`file:///faults/check-${Date.now()}.csv`, decl(` ${VALID[0]}`));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } });
    assert.ok(hover === null || typeof hover === 'object');
    assert.equal(client.process.exitCode, null, 'the server is still running');
  };

  it('survives malformed JSON-RPC on its input', async () => {
    client.process.stdin!.write('Content-Length: 12\r\n\r\n{not json!!}');
    client.process.stdin!.write('Content-Length: 2\r\n\r\n[]');
    await client.open(URI, decl(` ${VALID[0]}`));
    const report = await client.pull(URI);
    assert.deepEqual(report.items!.map((d) => d.code), ['whitespace']);
    await stillServing();
  });

  it('answers an unknown method with MethodNotFound', async () => {
    await assert.rejects(client.connection.sendRequest('cape/noSuchThing', {}), (e: { code: number }) => e.code === -32601);
    await client.connection.sendNotification('cape/noSuchNotification', { x: 1 });
    await stillServing();
  });

  it('answers requests for documents never opened or already closed with empty results', async () => {
    const never = 'file:///faults/never.csv';
    assert.deepEqual((await client.pull(never)).items, []);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: never }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: never }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    await client.open(URI, decl(VALID[0]));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    assert.deepEqual((await client.pull(URI)).items, []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } }), []);
    await stillServing();
  });

  it('honours cancellation mid-request and keeps serving', async () => {
    const big = decl(...Array.from({ length: 50000 }, (_, i) => (i % 2 ? ' ' : '') + VALID[i % VALID.length]));
    await client.open(URI, big);
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }, source.token);
    source.cancel();
    const outcome = await pending.then((r) => (r ? 'answered' : 'empty'), (e: { code: number }) => (e.code === -32800 ? 'cancelled' : `error ${e.code}`));
    assert.ok(['answered', 'cancelled'].includes(outcome), outcome);
    const report = await client.pull(URI);
    assert.ok(report.items!.length > 0);
  });

  it('survives didChange with out-of-range positions and keeps its diagnostics inside the document', async () => {
    await client.open(URI, decl(VALID[0]));
    await client.change(URI, 2, [{ range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: ` ${VALID[1]}\n` }]);
    await client.change(URI, 3, [{ range: { start: { line: -1, character: -4 }, end: { line: 0, character: 999 } }, text: 'Entry Number' }]);
    const report = await waitFor(async () => {
      const r = await client.pull(URI);
      return r.items ? r : undefined;
    }, 3000, 'diagnostics');
    for (const d of report.items as Diagnostic[]) assert.ok(d.range.start.line >= 0 && d.range.end.line < 10);
    await stillServing();
  });

  it('a document that is undecoded UTF-16 gets one encoding diagnostic, not one per row', async () => {
    const text = `Entry Number\r\n${VALID.join('\r\n')}\r\n`;
    const garbled = '\ufffd\ufffd' + [...text].map((c) => c + '\0').join('');
    const uri = 'file:///faults/unicode-text.csv';
    await client.open(uri, garbled);
    const report = await client.pull(uri);
    assert.deepEqual(report.items!.map((d: Diagnostic) => `${d.range.start.line}:${d.code}`), ['0:encoding']);
    assert.match(String(report.items![0].message), /UTF-16 LE/);
    await stillServing();
  });
});
