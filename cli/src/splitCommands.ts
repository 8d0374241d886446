/** `cape split` and `cape prepare`: the same service as the editor, reading through the loader and writing through safeWrite only. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  analyze, DEFAULT_SETTINGS, excludedCsv, manifestCsv, MAX_ENTRIES_PER_DECLARATION, partFileNames, prepareUpload, splitDeclaration, splitFileName, type PlannedFile,
} from '../../server/src/service';
import { ioMessage, loadWorkspace, sha256 } from '../../server/src/loader';
import { expandAll, reportFailures, takeList, UsageError } from './inputFiles';
import { WriteRefused, writeFileSafely } from './safeWrite';
import { declarationsToWrite } from './writeGuard';
import { reportRowProblems } from './entryData';
import { commandSettings, filingDateOption } from './options';
import type { Output } from './output';

function parseMax(value: string | undefined): number {
  if (value === undefined) return MAX_ENTRIES_PER_DECLARATION;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_ENTRIES_PER_DECLARATION) throw new UsageError(`--max takes a whole number from 1 to 9999, not '${value}'`);
  return n;
}

/** Checks every target first: one existing file means nothing is written at all. Every error names its path. */
export function writeAll(outDir: string, files: readonly PlannedFile[], io: Output): number {
  const existing = files.map((f) => path.join(outDir, f.name)).find((p) => fs.existsSync(p));
  if (existing) {
    io.err(`cape: ${existing} already exists; nothing written (remove it or choose --out-dir)\n`);
    return 2;
  }
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    io.err(`cape: ${outDir}: cannot create the output folder: ${ioMessage(error)}; nothing written\n`);
    return 2;
  }
  for (const file of files) {
    const target = path.join(outDir, file.name);
    try {
      writeFileSafely(target, file.text, { replaceExisting: false, root: outDir });
    } catch (error) {
      io.err(`cape: ${target}: ${error instanceof WriteRefused ? error.message : `cannot write it: ${ioMessage(error)}`}\n`);
      return 2;
    }
  }
  return 0;
}

export async function split(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { max: { type: 'string' }, 'out-dir': { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('split takes exactly one declaration');
  const max = parseMax(values.max);
  const { lists: [inputs], failures } = await expandAll(positionals);
  const workspace = await loadWorkspace({ inputs, indexDeclarations: false });
  if (reportFailures([...failures, ...workspace.failures], io)) return 2;
  // A workbook is converted with prepare (which repairs what it can), never split as it stands.
  const writable = declarationsToWrite(workspace, 'split', io, true);
  if (writable.refused) return 2;
  const [declaration] = writable.declarations;
  if (!declaration) {
    io.err(`cape: ${positionals[0]}: no CAPE declaration there; nothing to split\n`);
    return 2;
  }
  const source = declaration.display;
  const analysis = analyze(declaration.text, declaration.uri, DEFAULT_SETTINGS);
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

/**
 * Upload-ready parts that pass `cape check` with the same entry data and results: the same rules,
 * the same ES-003 and results files (named, or found in the folders given), the same filing date.
 */
export async function prepare(argv: string[], io: Output, today: string): Promise<number> {
  const { rest: afterResults, values: resultArgs } = takeList(argv, '--results');
  const { rest: args, values: entryDataArgs } = takeList(afterResults, '--entry-data');
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'out-dir': { type: 'string' }, max: { type: 'string' }, 'filing-date': { type: 'string' }, phase: { type: 'string' }, rates: { type: 'string' }, sheet: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('prepare needs at least one declaration');
  const max = parseMax(values.max);
  const filingDate = filingDateOption(values['filing-date']) ?? today;
  const settings = commandSettings(values, filingDate);
  const { lists: [inputs, entryData, results], failures } = await expandAll(positionals, entryDataArgs, resultArgs);
  // The inputs are deduplicated among themselves; the index holds what check adds: exports and results.
  const workspace = await loadWorkspace({ inputs, entryData, results, indexDeclarations: false, sheet: values.sheet });
  if (reportFailures([...failures, ...workspace.failures], io)) return 2;
  const { refused, skipped } = declarationsToWrite(workspace, 'prepare', io);
  if (refused) return 2;
  for (const data of workspace.exports) reportRowProblems(data.display, data.data, io, data.sheet);
  if (workspace.declarations.length === 0) {
    io.err(`cape: no CAPE declaration among ${positionals.join(', ')}${skipped ? ` (${skipped})` : ''}; nothing written\n`);
    return 2;
  }
  const first = workspace.declarations[0].display;
  const { stem } = splitFileName(path.basename(first));
  const outDir = values['out-dir'] ?? path.join(path.dirname(first), `${stem}-upload`);
  const prepared = prepareUpload(
    workspace.declarations.map((d) => ({ source: d.display, uri: d.uri, text: d.text })),
    settings,
    (i, total) => `${stem}-upload-part${i}-of-${total}.csv`,
    max,
    { workspace: workspace.index, filingDate },
  );
  const files: PlannedFile[] = [
    ...prepared.parts,
    // Each part's sources, so that the parts and their sources are one family wherever they are written.
    { name: 'manifest.csv', text: manifestCsv(prepared.parts, sha256, prepared.warnings, { manifestUri: pathToFileURL(path.resolve(outDir, 'manifest.csv')).toString(), partSources: prepared.partSources }), entries: 0 },
    { name: 'excluded.csv', text: excludedCsv(prepared.excluded), entries: 0 },
  ];
  const status = writeAll(outDir, files, io);
  if (status !== 0) return status;
  const accepted = prepared.parts.reduce((n, p) => n + p.entries, 0);
  for (const part of prepared.parts) io.out(`${path.join(outDir, part.name)}: ${part.entries.toLocaleString('en-US')} entries\n`);
  const data = workspace.exports.length + workspace.files.filter((f) => f.kind === 'results').length;
  io.out(
    `${accepted.toLocaleString('en-US')} entries ready in ${prepared.parts.length} part(s) on ${filingDate}${data > 0 ? '' : ' (no ES-003 data or CBP results given: eligibility not checked)'}; ` +
      `${prepared.excluded.length} row(s) left out, listed in ${path.join(outDir, 'excluded.csv')}; manifest: ${path.join(outDir, 'manifest.csv')}\n`,
  );
  if (prepared.warnings.length > 0) io.out(`${prepared.warnings.length} entries in the parts have warnings (listed in the manifest): ${[...new Set(prepared.warnings.map((w) => w.code))].join(', ')}\n`);
  if (skipped) io.out(`${skipped}: not declarations, so no upload parts from them (exports and results are used as data)\n`);
  return 0;
}
