/** ES-003 over the protocol: a 200,000-row export is read in the background while requests are answered. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, waitFor } from '../helpers/lspClient';
import { es003Text, ES003_HEADER } from '../helpers/es003';
import { validEntry, seeded } from '../helpers/generate';
import { decl, VALID } from '../helpers/service';

describe('language server over stdio: ES-003 entry data', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-es003-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers a hover while a 200,000-row export is still being read, then shows eligibility', async () => {
    const random = seeded(42);
    const lines = [ES003_HEADER.join(',')];
    for (let i = 0; i < 200000; i++) lines.push([validEntry(random), '001', '01', '12-3456789AB', '03/15/2025', '03/20/2025', '9903.01.25', '$100.00', 'Unliquidated', '', 'N', '', '', 'N', 'N', 'N', ''].join(','));
    lines.push([VALID[0], '001', '47', '12-3456789AB', '03/15/2025', '03/20/2025', '9903.01.25', '$100.00', 'Unliquidated', '', 'N', '', '', 'N', 'N', 'N', ''].join(','));
    fs.writeFileSync(path.join(dir, 'es003.csv'), lines.join('\r\n') + '\r\n');
    const declaration = pathToFileURL(path.join(dir, 'march.csv')).toString();
    fs.writeFileSync(path.join(dir, 'march.csv'), decl(VALID[0]));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    const progress: { kind: string; at: number }[] = [];
    client.connection.onNotification('$/progress', (p: { value: { kind: string; title?: string } }) => {
      progress.push({ kind: p.value.kind, at: Date.now() });
    });
    try {
      await client.open(declaration, decl(VALID[0]));
      const asked = Date.now();
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: declaration }, position: { line: 1, character: 2 } });
      const answered = Date.now();
      assert.ok(hover, 'hover answered');
      const d = await waitFor(async () => {
        const r = await client.pull(declaration);
        return r.items!.some((x) => x.code === 'excluded-entry-type') ? r.items : undefined;
      }, 30000, 'eligibility from the export');
      assert.deepEqual(d!.map((x) => x.code), ['excluded-entry-type']);
      const lastEnd = Math.max(...progress.filter((p) => p.kind === 'end').map((p) => p.at));
      assert.ok(progress.some((p) => p.kind === 'begin'), 'progress was reported');
      assert.ok(answered < lastEnd, `hover answered at +${answered - asked} ms, before indexing ended at +${lastEnd - asked} ms`);
    } finally {
      await client.stop();
    }
  });

  it('shows unreadable rows as diagnostics in the export itself', async () => {
    const text = es003Text([{ entry: VALID[0] }, { entry: VALID[1], duty: 'n/a' }]);
    fs.writeFileSync(path.join(dir, 'es003.csv'), text);
    const uri = pathToFileURL(path.join(dir, 'es003.csv')).toString();
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      await client.open(uri, text);
      const d = await waitFor(async () => {
        const r = await client.pull(uri);
        return r.items!.length > 0 ? r.items : undefined;
      }, 10000, 'row diagnostics');
      assert.deepEqual(d!.map((x) => `${x.range.start.line}:${x.code}`), ['2:entry-data-row']);
    } finally {
      await client.stop();
    }
  });
});
