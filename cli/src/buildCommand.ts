/** `cape build --from <es003 files...>`: upload-ready declarations of the eligible entries, and why the rest are out. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS, excludedCsv, manifestCsv, planBuild, safeStem, whyNothingIsEligible, type PlannedFile } from '../../server/src/service';
import { loadWorkspace, sha256 } from '../../server/src/loader';
import { expandAll, reportFailures, takeList, UsageError } from './inputFiles';
import { writeAll } from './splitCommands';
import { reportRowProblems } from './entryData';
import { filingDateOption, phaseOption } from './options';
import type { Output } from './output';

export async function build(argv: string[], io: Output, today: string): Promise<number> {
  const { rest: afterFrom, values: fromArgs } = takeList(argv, '--from');
  const { rest: args, values: declaredArgs } = takeList(afterFrom, '--declared');
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { importer: { type: 'string' }, 'out-dir': { type: 'string' }, 'filing-date': { type: 'string' }, phase: { type: 'string' }, sheet: { type: 'string' } } });
  if (fromArgs.length === 0) throw new UsageError('build needs --from <ES-003 export files...>');
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (declarations and CBP results go after --declared)`);
  const filingDate = filingDateOption(values['filing-date']) ?? today;
  const phase = phaseOption(values.phase);
  const { lists: [exports, declared], failures } = await expandAll(fromArgs, declaredArgs);
  // Entries already on declarations or accepted by CBP are not built again: those files are indexed too.
  const workspace = await loadWorkspace({ inputs: declared, entryData: exports, indexDeclarations: true, sheet: values.sheet });
  if (reportFailures([...failures, ...workspace.failures], io)) return 2;
  for (const data of workspace.exports) reportRowProblems(data.display, data.data, io, data.sheet);
  const first = workspace.exports[0];
  const stem = values.importer ? `importer-${safeStem(values.importer)}` : safeStem(path.basename(first.display).replace(/\.(csv|txt|xlsx|xlsm)$/i, ''));
  const plan = planBuild(workspace.index.allEntryFacts(), workspace.index, { ...DEFAULT_SETTINGS, filingDate, phase }, filingDate, (i, n) => `${stem}-declaration-part${i}-of-${n}.csv`, values.importer);
  if (plan.eligible === 0) {
    io.out(`${plan.total.toLocaleString('en-US')} entries in the export: none can be declared on ${filingDate}: ${whyNothingIsEligible(plan)}; nothing written\n`);
    return 0;
  }
  const outDir = values['out-dir'] ?? path.join(path.dirname(first.absolute), `${stem}-declarations`);
  const files: PlannedFile[] = [...plan.parts, { name: 'manifest.csv', text: manifestCsv(plan.parts, sha256), entries: 0 }, { name: 'excluded.csv', text: excludedCsv(plan.excluded), entries: 0 }];
  const status = writeAll(outDir, files, io);
  if (status !== 0) return status;
  for (const part of plan.parts) io.out(`${path.join(outDir, part.name)}: ${part.entries.toLocaleString('en-US')} entries\n`);
  io.out(`${plan.total.toLocaleString('en-US')} entries in the export: ${plan.eligible.toLocaleString('en-US')} eligible on ${filingDate} in ${plan.parts.length} declaration(s), ${plan.excluded.length.toLocaleString('en-US')} excluded with reasons in ${path.join(outDir, 'excluded.csv')}\n`);
  return 0;
}
