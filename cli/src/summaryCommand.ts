/** `cape summary`: the expected refund of declarations, per importer and file, to the cent. */
import { parseArgs } from 'node:util';
import {
  analyze, declarationRefunds, DEFAULT_SETTINGS, rateTable, refundOptions, summaryCsv, summaryJson, summaryMarkdown, withWorkspace, type DeclarationRefunds,
} from '../../server/src/service';
import { loadWorkspace } from '../../server/src/loader';
import { expandAll, reportFailures, takeList, UsageError } from './inputFiles';
import { filingDateOption } from './options';
import type { Output } from './output';
import { readRatesOption } from './rates';

export async function summary(argv: string[], io: Output, today: string): Promise<number> {
  const { rest: afterData, values: dataArgs } = takeList(argv, '--entry-data');
  const { values, positionals } = parseArgs({ args: afterData, allowPositionals: true, options: { 'filing-date': { type: 'string' }, payer: { type: 'string' }, format: { type: 'string', default: 'md' }, rates: { type: 'string' }, sheet: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('summary needs at least one declaration');
  if (dataArgs.length === 0) throw new UsageError('summary needs --entry-data <ES-003 exports...>: the duty and dates come from there');
  const filingDate = filingDateOption(values['filing-date']) ?? today;
  const payer = values.payer ?? 'corporate';
  if (payer !== 'corporate' && payer !== 'non-corporate') throw new UsageError(`--payer takes corporate or non-corporate, not '${payer}'`);
  const format = values.format!;
  if (!['json', 'md', 'csv'].includes(format)) throw new UsageError(`--format takes json|md|csv, not '${format}'`);
  const rates = readRatesOption(values.rates);
  const settings = { ...DEFAULT_SETTINGS, filingDate, interest: { payer: payer as 'corporate' | 'non-corporate', rates } };
  const { lists: [declarations, entryData], failures } = await expandAll(positionals, dataArgs);
  const workspace = await loadWorkspace({ inputs: declarations, entryData, indexDeclarations: false, sheet: values.sheet });
  if (reportFailures([...failures, ...workspace.failures], io)) return 2;
  // Each declaration is parsed once: its model feeds the index, and its analysis is completed once all are indexed.
  const locals = workspace.declarations.map((d) => ({ display: d.display, local: analyze(d.text, d.uri, settings) }));
  for (const { local } of locals) workspace.index.setDeclaration(local.model.uri, local.model);
  const files: DeclarationRefunds[] = locals.map(({ display, local }) => declarationRefunds(display, withWorkspace(local, workspace.index, filingDate)));
  if (format === 'json') io.out(JSON.stringify(summaryJson(files, filingDate, payer, settings.deadlineWarningDays, rateTable(rates))) + '\n');
  else if (format === 'csv') io.out(summaryCsv(files));
  else io.out(summaryMarkdown(files, filingDate, refundOptions(settings), settings.deadlineWarningDays));
  return 0;
}
