/** `cape build --from <es003 files...>`: upload-ready declarations of the eligible entries, and why the rest are out. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { declarationKeys, DEFAULT_SETTINGS, excludedCsv, isEs003Document, isIsoDate, isResultsDocument, manifestCsv, PHASES, planBuild, safeStem, WorkspaceIndex, type PlannedFile } from '../../server/src/service';
import { readEs003 } from '../../server/src/es003Reader';
import { sha256 } from '../../server/src/sha256';
import { expandInputs, readDeclaration, takeList, UsageError } from './inputFiles';
import { writeAll } from './splitCommands';
import { addEntryData } from './entryData';
import type { Output } from './output';

export async function build(argv: string[], io: Output, today: string): Promise<number> {
  const { rest: afterFrom, values: fromArgs } = takeList(argv, '--from');
  const { rest: args, values: declaredArgs } = takeList(afterFrom, '--declared');
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { importer: { type: 'string' }, 'out-dir': { type: 'string' }, 'filing-date': { type: 'string' }, phase: { type: 'string' } } });
  if (fromArgs.length === 0) throw new UsageError('build needs --from <ES-003 export files...>');
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (declarations and CBP results go after --declared)`);
  const filingDate = values['filing-date'] ?? today;
  if (!isIsoDate(filingDate)) throw new UsageError(`--filing-date takes YYYY-MM-DD, not '${filingDate}'`);
  const phase = values.phase ?? 'auto';
  if (phase !== 'auto' && !PHASES.some((p) => p.id === phase)) throw new UsageError(`--phase takes auto or ${PHASES.map((p) => p.id).join('|')}`);
  const index = new WorkspaceIndex();
  const exports = expandInputs(fromArgs);
  for (const input of exports) {
    const uri = pathToFileURL(input.absolute).toString();
    const head = readDeclaration(input.absolute);
    if (head.kind !== 'text' || !isEs003Document(head.text)) throw new UsageError(`${input.display} is not an ES-003 export (no Entry Summary Number column with line or duty columns)`);
    const data = await readEs003(input.absolute, uri);
    addEntryData(index, uri, input.display, data, io);
  }
  // Entries already on declarations or accepted by CBP are not built again.
  for (const input of declaredArgs.length > 0 ? expandInputs(declaredArgs) : []) {
    const read = readDeclaration(input.absolute);
    if (read.kind !== 'text') continue;
    const uri = pathToFileURL(input.absolute).toString();
    if (isResultsDocument(read.text)) index.setResults(uri, read.text);
    else if (!isEs003Document(read.text)) index.setDeclarationKeys(uri, declarationKeys(read.text));
  }
  const stem = values.importer ? `importer-${safeStem(values.importer)}` : safeStem(path.basename(exports[0].display).replace(/\.(csv|txt)$/i, ''));
  const plan = planBuild(index.allEntryFacts(), index, { ...DEFAULT_SETTINGS, filingDate, phase }, filingDate, (i, n) => `${stem}-declaration-part${i}-of-${n}.csv`, values.importer);
  const outDir = values['out-dir'] ?? path.join(path.dirname(exports[0].absolute), `${stem}-declarations`);
  const files: PlannedFile[] = [...plan.parts, { name: 'manifest.csv', text: manifestCsv(plan.parts, sha256), entries: 0 }, { name: 'excluded.csv', text: excludedCsv(plan.excluded), entries: 0 }];
  const status = writeAll(outDir, files, io);
  if (status !== 0) return status;
  for (const part of plan.parts) io.out(`${path.join(outDir, part.name)}: ${part.entries.toLocaleString('en-US')} entries\n`);
  io.out(`${plan.total.toLocaleString('en-US')} entries in the export: ${plan.eligible.toLocaleString('en-US')} eligible on ${filingDate} in ${plan.parts.length} declaration(s), ${plan.excluded.length.toLocaleString('en-US')} excluded with reasons in ${path.join(outDir, 'excluded.csv')}\n`);
  return 0;
}
