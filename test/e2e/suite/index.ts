/**
 * The end-to-end suite's entry, loaded by VS Code's extension host (extensionTestsPath). It exports
 * run() exactly as @vscode/test-electron expects, so the same bundle runs in desktop VS Code too.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';

export function run(): Promise<void> {
  // Resolved from the repository's node_modules at run time: mocha is not bundled.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const dir = __dirname;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).sort()) mocha.addFile(path.join(dir, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
  });
}
