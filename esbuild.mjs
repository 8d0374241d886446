// Bundles the client, server and CLI separately; tsc only type-checks. `vscode` stays external.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: !watch,
  logLevel: 'warning',
  // Some ESM dependencies call createRequire(import.meta.url); give the CJS bundle a real value.
  define: { CAPE_VERSION: JSON.stringify(version), 'import.meta.url': '__cape_import_meta_url' },
  banner: { js: "const __cape_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  mainFields: ['module', 'main'],
};
const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } },
  // The workbook reader: loaded by the server and the CLI only when they meet a workbook.
  { entryPoints: ['server/src/workbook/readWorkbook.ts'], outfile: 'dist/workbook.js' },
];
const existing = builds;
if (watch) {
  for (const b of existing) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(existing.map((b) => esbuild.build({ ...common, ...b })));
}
