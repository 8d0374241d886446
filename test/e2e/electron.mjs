// The same end-to-end suite through @vscode/test-electron, for machines that can download desktop
// VS Code (or have one: set VSCODE_EXECUTABLE_PATH). Usage: npm run build && node test/e2e/electron.mjs
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite, makeWorkspace } from './run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-e2e-electron-'));
try {
  const suite = path.join(work, 'suite');
  await buildSuite(suite);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));
  const workspace = path.join(work, 'workspace');
  makeWorkspace(workspace);
  const code = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(suite, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--disable-workspace-trust'],
    ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : {}),
  });
  process.exitCode = code;
} catch (error) {
  console.error(`test-electron run failed: ${error.message ?? error}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
