/** `cape split` and `cape prepare`: the same service as the editor, writing through safeWrite only. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  analyze, DEFAULT_SETTINGS, excludedCsv, manifestCsv, MAX_ENTRIES_PER_DECLARATION, partFileNames, prepareUpload, splitDeclaration, splitFileName,
  type PlannedFile,
} from '../../server/src/service';
import { expandInputs, readDeclaration, UsageError } from './inputFiles';
import { WriteRefused, writeFileSafely } from './safeWrite';
import { sha256 } from '../../server/src/sha256';
import type { Output } from './output';

function parseMax(value: string | undefined): number {
  if (value === undefined) return MAX_ENTRIES_PER_DECLARATION;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_ENTRIES_PER_DECLARATION) throw new UsageError(`--max takes a whole number from 1 to 9999, not '${value}'`);
  return n;
}

function readText(file: string): string {
  const read = readDeclaration(file);
  if (read.kind === 'not-csv') throw new WriteRefused(`${file}: not a text CSV (${read.reason})`);
  return read.text;
}

/** Checks every target first: one existing file means nothing is written at all. */
export function writeAll(outDir: string, files: readonly PlannedFile[], io: Output): number {
  const existing = files.map((f) => path.join(outDir, f.name)).find((p) => fs.existsSync(p));
  if (existing) {
    io.err(`cape: ${existing} already exists; nothing written (remove it or choose --out-dir)\n`);
    return 2;
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of files) writeFileSafely(path.join(outDir, file.name), file.text, { replaceExisting: false, root: outDir });
  return 0;
}

export function split(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { max: { type: 'string' }, 'out-dir': { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('split takes exactly one declaration');
  const max = parseMax(values.max);
  const source = positionals[0];
  const text = readText(source);
  const analysis = analyze(text, pathToFileURL(path.resolve(source)).toString(), DEFAULT_SETTINGS);
  const entries = analysis.model.entries.length;
  if (entries === 0) {
    io.out(`${source}: no entries; nothing to split\n`);
    return 0;
  }
  const outDir = values['out-dir'] ?? path.dirname(source);
  const { names } = partFileNames(path.basename(source), Math.ceil(entries / max), () => false);
  const files = splitDeclaration(analysis, names, max);
  const status = writeAll(outDir, files, io);
  if (status !== 0) return status;
  for (const f of files) io.out(`${path.join(outDir, f.name)}: ${f.entries.toLocaleString('en-US')} entries\n`);
  io.out(`${source}: ${entries.toLocaleString('en-US')} entries split into ${files.length} declaration${files.length === 1 ? '' : 's'}; the source is unchanged\n`);
  return 0;
}

export function prepare(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'out-dir': { type: 'string' }, max: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('prepare needs at least one declaration');
  const max = parseMax(values.max);
  const inputs = expandInputs(positionals).map((input) => ({ source: input.display, uri: pathToFileURL(input.absolute).toString(), text: readText(input.absolute) }));
  const first = inputs[0].source;
  const { stem } = splitFileName(path.basename(first));
  const outDir = values['out-dir'] ?? path.join(path.dirname(first), `${stem}-upload`);
  const prepared = prepareUpload(inputs, DEFAULT_SETTINGS, (i, total) => `${stem}-upload-part${i}-of-${total}.csv`, max);
  const files: PlannedFile[] = [
    ...prepared.parts,
    { name: 'manifest.csv', text: manifestCsv(prepared.parts, sha256), entries: 0 },
    { name: 'excluded.csv', text: excludedCsv(prepared.excluded), entries: 0 },
  ];
  const status = writeAll(outDir, files, io);
  if (status !== 0) return status;
  const accepted = prepared.parts.reduce((n, p) => n + p.entries, 0);
  for (const part of prepared.parts) io.out(`${path.join(outDir, part.name)}: ${part.entries.toLocaleString('en-US')} entries\n`);
  io.out(`${accepted.toLocaleString('en-US')} entries ready in ${prepared.parts.length} part(s); ${prepared.excluded.length} row(s) left out, listed in ${path.join(outDir, 'excluded.csv')}; manifest: ${path.join(outDir, 'manifest.csv')}\n`);
  return 0;
}
