/** The server reads files on disk through the loader (issue 16): a UTF-16 declaration nobody opened is checked as its text. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as iconv from 'iconv-lite';
import { TestClient } from '../helpers/lspClient';
import { VALID } from '../helpers/service';

describe('language server over stdio: encodings on disk', () => {
  it('a UTF-16 declaration that is not open gets its real problems in workspace diagnostics, and the encoding note', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-lsp-utf16-'));
    const file = path.join(dir, 'unicode.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`Entry Number\r\n ${VALID[0]}\r\n`, 'utf-16le')]));
    const client = await TestClient.start({ pullDiagnostics: true, rootUri: pathToFileURL(dir).toString() });
    try {
      const uri = pathToFileURL(file).toString();
      const items = (await client.workspaceDiagnostics((r) => r.has(uri), 'workspace diagnostics of the UTF-16 file', 5000)).get(uri)!;
      assert.deepEqual(items.map((d) => `${d.range.start.line}:${d.code}`), ['0:encoding', '1:whitespace']);
      assert.match(String(items[0].message), /UTF-16 LE/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
