/**
 * cape: the command-line twin of the language server, over the same service, codes and messages.
 * Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  analyze, applyOffsetEdits, declarationKeys, DEFAULT_SETTINGS, fixAllEdits, isEs003Document, isResultsDocument, toDiagnostics, withWorkspace, WorkspaceIndex,
  isIsoDate, PHASES, type Analysis, type CapeSettings, type Severity,
} from '../../server/src/service';
import { expandInputs, readDeclaration, takeList, UsageError, type InputFile } from './inputFiles';
import { FORMATS, render, type FileReport, type Format, type ReportedDiagnostic } from './formats';
import { WriteRefused, writeFileSafely } from './safeWrite';
import { prepare, split } from './splitCommands';
import { build } from './buildCommand';
import { summary } from './summaryCommand';
import { readEs003 } from '../../server/src/es003Reader';
import { todayIso } from '../../server/src/localDate';
import { addEntryData, reportRowProblems } from './entryData';
import type { Output } from './output';
import { readRatesOption } from './rates';

declare const CAPE_VERSION: string;
const VERSION = typeof CAPE_VERSION === 'string' ? CAPE_VERSION : 'dev';
const DOCS_URI = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).toString();

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage:
  cape check <files|dirs|globs...> [--results <files...>] [--entry-data <files...>] [--phase auto|1|2] [--filing-date YYYY-MM-DD]
             [--rates <rates.csv>] [--format text|json|sarif|github] [--no-exit-code]
  cape fix <files...> [--dry-run]
  cape split <file> [--max N] [--out-dir DIR]
  cape prepare <files...> [--out-dir DIR] [--max N]
  cape build --from <es003 files...> [--declared <declarations and results...>] [--importer X] [--out-dir DIR]
             [--filing-date YYYY-MM-DD] [--phase auto|1|2]
  cape summary <declarations...> --entry-data <files...> [--filing-date D] [--payer corporate|non-corporate] [--rates <rates.csv>] [--format json|md|csv]
  cape --version | --help

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.
Codes and fixes: docs/rules.md`;

const SEVERITY_NAMES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export async function run(argv: string[], io: Output): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v') {
      io.out(`cape ${VERSION}\n`);
      return EXIT_OK;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE + '\n');
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === 'check') return await check(rest, io);
    if (command === 'fix') return fix(rest, io);
    if (command === 'split') return split(rest, io);
    if (command === 'prepare') return prepare(rest, io);
    if (command === 'build') return await build(rest, io, todayIso());
    if (command === 'summary') return await summary(rest, io, todayIso());
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`cape: ${(error as Error).message}\n${USAGE}\n`);
    } else if (error instanceof WriteRefused) {
      io.err(`cape: ${error.message}\n`);
    } else {
      io.err(`cape: ${ioMessage(error)}\n`);
    }
    return EXIT_USAGE;
  }
}

function settingsFrom(values: { 'filing-date'?: string; phase?: string; rates?: string }): CapeSettings {
  const filingDate = values['filing-date'];
  if (filingDate !== undefined && !isIsoDate(filingDate)) throw new UsageError(`--filing-date takes YYYY-MM-DD, not '${filingDate}'`);
  const phase = values.phase ?? 'auto';
  if (phase !== 'auto' && !PHASES.some((p) => p.id === phase)) throw new UsageError(`--phase takes auto or ${PHASES.map((p) => p.id).join('|')}, not '${phase}'`);
  return { ...DEFAULT_SETTINGS, filingDate: filingDate ?? '', phase, interest: { ...DEFAULT_SETTINGS.interest, rates: readRatesOption(values.rates) } };
}

async function check(argv: string[], io: Output): Promise<number> {
  const { rest: afterResults, values: resultArgs } = takeList(argv, '--results');
  const { rest: args, values: entryDataArgs } = takeList(afterResults, '--entry-data');
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'filing-date': { type: 'string' },
      phase: { type: 'string' },
      rates: { type: 'string' },
      'no-exit-code': { type: 'boolean', default: false },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes ${FORMATS.join('|')}, not '${values.format}'`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file, directory or glob');
  const settings = settingsFrom(values);
  const filingDate = settings.filingDate || todayIso();
  const inputs = expandInputs(positionals);
  const resultInputs = resultArgs.length > 0 ? expandInputs(resultArgs) : [];
  let ioFailed = false;
  const fail = (input: InputFile, message: string) => {
    io.err(`cape: ${input.display}: ${message}\n`);
    ioFailed = true;
  };

  // Pass 1: read everything once to build the workspace index (other declarations, CBP results, ES-003 data).
  const index = new WorkspaceIndex();
  for (const input of entryDataArgs.length > 0 ? expandInputs(entryDataArgs) : []) {
    try {
      const data = await readEs003(input.absolute, pathToFileURL(input.absolute).toString());
      if (!data.recognized) {
        fail(input, 'not an ES-003 export (no Entry Summary Number column with line or duty columns)');
        reportRowProblems(input.display, data, io);
      } else addEntryData(index, pathToFileURL(input.absolute).toString(), input.display, data, io);
    } catch (error) {
      fail(input, ioMessage(error));
    }
  }
  const declarations: { input: InputFile; uri: string }[] = [];
  const reports: FileReport[] = [];
  for (const input of [...resultInputs.map((i) => ({ ...i, result: true })), ...inputs.map((i) => ({ ...i, result: false }))]) {
    const read = readOrFail(input, fail);
    if (!read) continue;
    const uri = pathToFileURL(input.absolute).toString();
    if (read.kind === 'not-csv') {
      if (!input.result) reports.push(notCsvReport(input, read.reason));
      continue;
    }
    if (input.result || isResultsDocument(read.text)) index.setResults(uri, read.text);
    else if (isEs003Document(read.text)) {
      addEntryData(index, uri, input.display, await readEs003(input.absolute, uri), io);
    } else {
      index.setDeclarationKeys(uri, declarationKeys(read.text));
      declarations.push({ input, uri });
    }
  }
  // Pass 2: check each declaration against the index; texts are read again so memory stays per file.
  for (const { input, uri } of declarations) {
    const read = readOrFail(input, fail);
    if (!read || read.kind !== 'text') continue;
    reports.push({ path: input.display, diagnostics: reported(withWorkspace(analyze(read.text, uri, settings), index, filingDate)) });
  }
  const order = new Map(inputs.map((input, i) => [input.display, i]));
  reports.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  io.out(render(format, reports, VERSION, DOCS_URI));
  if (ioFailed) return EXIT_USAGE;
  const errors = reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  return errors && !values['no-exit-code'] ? EXIT_ERRORS : EXIT_OK;
}

function readOrFail(input: InputFile, fail: (input: InputFile, message: string) => void): ReturnType<typeof readDeclaration> | undefined {
  try {
    return readDeclaration(input.absolute);
  } catch (error) {
    fail(input, ioMessage(error));
    return undefined;
  }
}

function notCsvReport(input: InputFile, reason: string): FileReport {
  return {
    path: input.display,
    diagnostics: [{ code: 'not-csv', severity: 'error', line: 1, column: 1, endLine: 1, endColumn: 1, message: `Not a text CSV: ${reason}. In Excel, use File > Save As > "CSV (Comma delimited) (*.csv)" and check that file.` }],
  };
}

function reported(analysis: Analysis): ReportedDiagnostic[] {
  return toDiagnostics(analysis, DOCS_URI).map((d) => ({
    code: String(d.code),
    severity: SEVERITY_NAMES[d.severity ?? 1],
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: String(d.message),
  }));
}

function ioMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return e.message ?? String(error);
}

/** The codes whose problems fix-all repairs; used to say what changed. */
const FIXED_CODES = new Set(['header-missing', 'header-mismatch', 'blank-line', 'whitespace', 'quoted', 'lowercase', 'hyphenated', 'non-ascii', 'bom', 'trailing-comma', 'duplicate', 'leading-zeros-lost', 'excel-text-formula']);

function fix(args: string[], io: Output): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
  if (positionals.length === 0) throw new UsageError('fix needs at least one file');
  const inputs = expandInputs(positionals);
  let status = EXIT_OK;
  for (const input of inputs) {
    let read;
    try {
      read = readDeclaration(input.absolute);
    } catch (error) {
      io.err(`cape: ${input.display}: ${ioMessage(error)}\n`);
      status = EXIT_USAGE;
      continue;
    }
    if (read.kind === 'not-csv') {
      io.err(`cape: ${input.display}: not a text CSV (${read.reason}); nothing fixed\n`);
      status = EXIT_USAGE;
      continue;
    }
    const analysis = analyze(read.text, pathToFileURL(input.absolute).toString(), DEFAULT_SETTINGS);
    const fixed = applyOffsetEdits(read.text, fixAllEdits(analysis));
    const after = analyze(fixed, analysis.model.uri, DEFAULT_SETTINGS);
    const remaining = reported(after).filter((d) => d.severity === 'error').length;
    if (remaining > 0 && status === EXIT_OK) status = EXIT_ERRORS;
    if (fixed === read.text) {
      io.out(`${input.display}: nothing to fix${remaining ? `; ${remaining} error(s) need a person (run cape check)` : ''}\n`);
      continue;
    }
    if (read.encoding !== 'utf-8' && /[^\x00-\x7f]/.test(fixed)) {
      io.err(`cape: ${input.display}: not UTF-8 and holds non-ASCII text; save it as CSV UTF-8 first, nothing written\n`);
      status = EXIT_USAGE;
      continue;
    }
    const changes = summarizeFixes(analysis);
    if (!values['dry-run']) {
      try {
        writeFileSafely(input.absolute, fixed, { replaceExisting: true, root: path.dirname(input.absolute) });
      } catch (error) {
        io.err(`cape: ${input.display}: ${ioMessage(error)}; nothing written\n`);
        status = EXIT_USAGE;
        continue;
      }
    }
    io.out(`${input.display}: ${values['dry-run'] ? 'would fix' : 'fixed'} ${changes}${remaining ? `; ${remaining} error(s) need a person (run cape check)` : ''}\n`);
  }
  return status;
}

function summarizeFixes(analysis: Analysis): string {
  const counts = new Map<string, number>();
  for (const f of analysis.findings) if (FIXED_CODES.has(f.code) && analysis.settings.rules[f.code] !== 'off') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${n} ${code}`).join(', ') || 'formatting';
}

if (require.main === module) {
  void run(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code;
  });
}
