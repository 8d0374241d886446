/** `cape summary`: the expected refund of declarations, per importer and file, to the cent. */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  analyze, declarationRefunds, DEFAULT_SETTINGS, rateTable, isEs003Document, isIsoDate, isResultsDocument, refundOptions, summaryCsv, summaryJson, summaryMarkdown, withWorkspace, WorkspaceIndex,
  type Analysis, type DeclarationRefunds,
} from '../../server/src/service';
import { readEs003 } from '../../server/src/es003Reader';
import { expandInputs, readDeclaration, takeList, UsageError } from './inputFiles';
import type { Output } from './output';
import { readRatesOption } from './rates';

export async function summary(argv: string[], io: Output, today: string): Promise<number> {
  const { rest: afterData, values: dataArgs } = takeList(argv, '--entry-data');
  const { values, positionals } = parseArgs({ args: afterData, allowPositionals: true, options: { 'filing-date': { type: 'string' }, payer: { type: 'string' }, format: { type: 'string', default: 'md' }, rates: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('summary needs at least one declaration');
  if (dataArgs.length === 0) throw new UsageError('summary needs --entry-data <ES-003 exports...>: the duty and dates come from there');
  const filingDate = values['filing-date'] ?? today;
  if (!isIsoDate(filingDate)) throw new UsageError(`--filing-date takes YYYY-MM-DD, not '${filingDate}'`);
  const payer = values.payer ?? 'corporate';
  if (payer !== 'corporate' && payer !== 'non-corporate') throw new UsageError(`--payer takes corporate or non-corporate, not '${payer}'`);
  const format = values.format!;
  if (!['json', 'md', 'csv'].includes(format)) throw new UsageError(`--format takes json|md|csv, not '${format}'`);
  const rates = readRatesOption(values.rates);
  const settings = { ...DEFAULT_SETTINGS, filingDate, interest: { payer: payer as 'corporate' | 'non-corporate', rates } };
  const index = new WorkspaceIndex();
  for (const input of expandInputs(dataArgs)) {
    const uri = pathToFileURL(input.absolute).toString();
    const data = await readEs003(input.absolute, uri);
    if (!data.recognized) throw new UsageError(`${input.display} is not an ES-003 export`);
    index.setEntryData(uri, data.facts, data.problems, data.rows);
  }
  // Each declaration is parsed once: its model indexes it, and its analysis is completed once all are indexed.
  const declarations: { display: string; local: Analysis }[] = [];
  for (const input of expandInputs(positionals)) {
    const read = readDeclaration(input.absolute);
    if (read.kind !== 'text') throw new UsageError(`${input.display}: not a text CSV`);
    const uri = pathToFileURL(input.absolute).toString();
    if (isResultsDocument(read.text)) index.setResults(uri, read.text);
    else if (!isEs003Document(read.text)) {
      const local = analyze(read.text, uri, settings);
      index.setDeclaration(uri, local.model);
      declarations.push({ display: input.display, local });
    }
  }
  const files: DeclarationRefunds[] = declarations.map((d) => declarationRefunds(d.display, withWorkspace(d.local, index, filingDate)));
  if (format === 'json') io.out(JSON.stringify(summaryJson(files, filingDate, payer, settings.deadlineWarningDays, rateTable(rates))) + '\n');
  else if (format === 'csv') io.out(summaryCsv(files));
  else io.out(summaryMarkdown(files, filingDate, refundOptions(settings), settings.deadlineWarningDays));
  return 0;
}
