/** Refunds over the protocol: the lens on line 1 and the hover's explanation. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Hover } from 'vscode-languageserver-types';
import { TestClient, waitFor } from '../helpers/lspClient';
import { es003Text } from '../helpers/es003';
import { decl, VALID } from '../helpers/service';
import { computeInterest, formatCents, OVERPAYMENT_RATES } from '../../server/src/service';

describe('language server over stdio: refunds', function () {
  this.timeout(30000);
  it('shows the expected refund in a lens and explains an entry in the hover; the report agrees', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-refund-'));
    fs.writeFileSync(path.join(dir, 'es003.csv'), es003Text([{ entry: VALID[0], duty: '$10,000.00', summaryDate: '03/15/2025' }, { entry: VALID[1], duty: '$500.00', type: '47' }]));
    const uri = pathToFileURL(path.join(dir, 'd.csv')).toString();
    const text = decl(VALID[0], VALID[1]);
    fs.writeFileSync(path.join(dir, 'd.csv'), text);
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString(), settings: { filingDate: '2026-03-01', refund: { processingDays: 14 } } });
    try {
      await client.open(uri, text);
      const lenses = await waitFor(async () => {
        const l: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
        return l.length > 0 ? l : undefined;
      }, 10000, 'the refund lens');
      // 2025-03-15 to 2026-03-15 at 6% corporate: $618.31 (docs/refunds.md).
      const atRisk = 50000 + computeInterest(50000, '2025-03-20', '2026-03-15', 'corporate', OVERPAYMENT_RATES).interestCents;
      // One lens per fact, each short, each a command the server itself executes (any LSP client).
      assert.deepEqual(lenses.map((l) => l.command!.title), ['Expected refund $10,618.31', `${formatCents(atRisk)} at risk (1 entry)`, '1 importer']);
      assert.ok(lenses.every((l) => l.command!.title.length < 60 && l.command!.command === 'cape.server.showRefund'));
      assert.match(String(lenses[0].command!.tooltip), /2 entries: IEEPA duty \$10,000\.00 \+ interest \$618\.31/);
      const executed: { shown: boolean; message: string } = await client.connection.sendRequest('workspace/executeCommand', { command: lenses[0].command!.command, arguments: lenses[0].command!.arguments });
      assert.equal(executed.shown, true);
      assert.match(executed.message, /expected refund \$10,618\.31/);
      const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
      const value = (hover.contents as { value: string }).value;
      assert.match(value, /\*\*Refund:\*\* \$10,618\.31 = duty \$10,000\.00 \+ interest \$618\.31/);
      assert.match(value, /365 days from 2025-03-15 \(entry summary date\) to 2026-03-15 \(filing date \+ 14 days\), corporate rate/);
      assert.match(value, /- 2025-03-15 to 2026-03-15: 365 days at 6%/);
      const report: { markdown: string } = await client.connection.sendRequest('cape/refundReport', { uri });
      assert.match(report.markdown, /\*\*Expected refund \$10,618\.31\*\* \(IEEPA duty \$10,000\.00 \+ interest \$618\.31\)/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
