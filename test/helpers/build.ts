/** Protocol and CLI tests run the real bundles: build them once per test run, from the current sources. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

let built = false;
export function ensureBuilt(): void {
  if (built || process.env.CAPE_SKIP_BUILD === '1') return;
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
  built = true;
}

/** Runs the built CLI in `cwd`: its exit status and what it printed. */
export function runCape(args: string[], cwd: string = ROOT, timeout?: number): { status: number | null; stdout: string; stderr: string } {
  ensureBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', ...(timeout ? { timeout } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
