// `npm test`: build once, type-check, run every suite, and end with one line `N passed, M failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const suites = [];
let passed = 0;
let failed = 0;

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** A step that is not a test runner counts as one test. */
async function step(name, command, args) {
  const { code } = await run(command, args);
  if (code === 0) passed++;
  else failed++;
  suites.push(`${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}`);
  return code === 0;
}

/** The work tree as git sees it (tracked changes and untracked files); undefined outside a git checkout. */
function treeState() {
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}
const treeBefore = treeState();

const built = await step('build', 'npm', ['run', 'build', '--silent']);
await step('examples', 'npm', ['run', 'examples', '--silent']);
await step('typecheck', 'npm', ['run', 'typecheck', '--silent']);
await step('lint', 'npm', ['run', 'lint', '--silent']);

if (built) {
  const mocha = await run('npx', ['mocha', '--color'], { CAPE_SKIP_BUILD: '1' });
  const strip = mocha.output.replace(/\x1b\[[0-9;]*m/g, '');
  const p = Number(/(\d+) passing/.exec(strip)?.[1] ?? 0);
  const f = Number(/(\d+) failing/.exec(strip)?.[1] ?? 0);
  const bad = f + (mocha.code !== 0 && f === 0 ? 1 : 0);
  passed += p;
  failed += bad;
  suites.push(`unit + protocol + CLI (mocha): ${p} passed, ${bad} failed`);

  if (existsSync('test/e2e/run.mjs') && process.env.CAPE_SKIP_E2E !== '1') {
    const e2e = await run(process.execPath, ['test/e2e/run.mjs']);
    const m = /^e2e: (\d+) passed, (\d+) failed$/m.exec(e2e.output);
    const ep = Number(m?.[1] ?? 0);
    const ef = Number(m?.[2] ?? 0) + (e2e.code !== 0 && !(Number(m?.[2]) > 0) ? 1 : 0);
    passed += ep;
    failed += ef;
    suites.push(`end-to-end in VS Code: ${ep} passed, ${ef} failed`);
  }
}

// Tests leave the work tree as they found it: a run that changed it (a screenshot, a stray file) fails.
const treeAfter = treeState();
if (treeBefore !== undefined) {
  if (treeAfter === treeBefore) passed++;
  else {
    failed++;
    const before = new Set(treeBefore.split('\n'));
    console.log(`\nThe test run changed the work tree:\n${treeAfter.split('\n').filter((l) => l && !before.has(l)).join('\n')}`);
  }
  suites.push(`work tree unchanged by the tests: ${treeAfter === treeBefore ? 'ok' : 'FAILED'}`);
}

console.log('\n' + suites.map((s) => `  ${s}`).join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
