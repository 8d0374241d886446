/**
 * cape: the command-line twin of the language server, over the same service, codes and messages.
 * Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, applyOffsetEdits, checkDeclarations, FIX_ALL_CODES, withEncoding, resolveFilingDate, DEFAULT_SETTINGS, fixAllEdits, notCsvMessage, toDiagnostics, type Analysis, type Severity } from '../../server/src/service';
import { ioMessage, loadWorkspace, todayIso } from '../../server/src/loader';
import { declarationsToWrite } from './writeGuard';
import { expandAll, reportFailures, takeList, UsageError } from './inputFiles';
import { FORMATS, render, type FileReport, type Format, type ReportedDiagnostic } from './formats';
import { WriteRefused, writeFileSafely } from './safeWrite';
import { prepare, split } from './splitCommands';
import { build } from './buildCommand';
import { summary } from './summaryCommand';
import { reportRowProblems } from './entryData';
import type { Output } from './output';
import { commandSettings } from './options';

declare const CAPE_VERSION: string;
const VERSION = typeof CAPE_VERSION === 'string' ? CAPE_VERSION : 'dev';
const DOCS_URI = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).toString();

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** Each command's usage: `cape <command> --help` prints its own. `-` reads standard input. */
const COMMAND_USAGE: Record<string, string> = {
  check: `cape check <files|dirs|globs|-...> [--results <files...>] [--entry-data <files...>] [--phase auto|1|2] [--filing-date YYYY-MM-DD]
             [--rates <rates.csv>] [--sheet NAME] [--format text|json|sarif|github] [--no-exit-code]`,
  fix: 'cape fix <files|dirs...> [--dry-run]',
  split: 'cape split <file> [--max N] [--out-dir DIR]',
  prepare: `cape prepare <files|dirs...> [--out-dir DIR] [--max N] [--entry-data <files...>] [--results <files...>]
             [--phase auto|1|2] [--filing-date YYYY-MM-DD] [--rates <rates.csv>] [--sheet NAME]`,
  build: `cape build --from <es003 files...> [--declared <declarations and results...>] [--importer X] [--out-dir DIR]
             [--filing-date YYYY-MM-DD] [--phase auto|1|2] [--sheet NAME]`,
  summary: 'cape summary <declarations...> --entry-data <files...> [--filing-date D] [--payer corporate|non-corporate] [--rates <rates.csv>] [--sheet NAME] [--format json|md|csv]',
  classify: 'cape classify <files|dirs...> [--sheet NAME] [--format text|json]',
};

const USAGE = `Usage:
${Object.values(COMMAND_USAGE).map((u) => `  ${u}`).join('\n')}
  cape --version | --help

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.
Excel workbooks (.xlsx) are read at their first sheet with data, or the sheet --sheet names.
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
    if (COMMAND_USAGE[command] && (rest.includes('--help') || rest.includes('-h'))) {
      io.out(`Usage:\n  ${COMMAND_USAGE[command]}\n\nExit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.\nCodes and fixes: docs/rules.md\n`);
      return EXIT_OK;
    }
    if (command === 'check') return await check(rest, io);
    if (command === 'fix') return await fix(rest, io);
    if (command === 'split') return await split(rest, io);
    if (command === 'prepare') return await prepare(rest, io, todayIso());
    if (command === 'classify') return await classify(rest, io);
    if (command === 'build') return await build(rest, io, todayIso());
    if (command === 'summary') return await summary(rest, io, todayIso());
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const command = argv[0] && COMMAND_USAGE[argv[0]] ? `${argv[0]} ` : '';
      io.err(`cape: ${(error as Error).message.split('\n')[0]} (see cape ${command}--help)\n`);
    } else if (error instanceof WriteRefused) {
      io.err(`cape: ${error.message}\n`);
    } else {
      const e = error as NodeJS.ErrnoException;
      io.err(`cape: ${e.path ? `${e.path}: ` : ''}${e.syscall ? `${e.syscall}: ` : ''}${ioMessage(error)}\n`);
    }
    return EXIT_USAGE;
  }
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
      sheet: { type: 'string' },
      'no-exit-code': { type: 'boolean', default: false },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes ${FORMATS.join('|')}, not '${values.format}'`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file, directory or glob');
  const settings = commandSettings(values);
  const filingDate = resolveFilingDate(settings, todayIso());
  const { lists: [inputs, entryData, results], failures } = await expandAll(positionals, entryDataArgs, resultArgs);
  // One loader reads everything once and indexes the CBP results and ES-003 exports; the declarations
  // are indexed as they are checked (checkDeclarations: one parse each where that is enough).
  const workspace = await loadWorkspace({ inputs, entryData, results, indexDeclarations: false, sheet: values.sheet });
  const ioFailed = reportFailures([...failures, ...workspace.failures], io);
  for (const data of workspace.exports) reportRowProblems(data.display, data.data, io, data.sheet);
  const reports: FileReport[] = workspace.files.filter((f) => f.kind === 'not-csv').map((f) => notCsvReport(f, f.reason));
  const { declarations } = workspace;
  reports.push(...checkDeclarations(workspace.index, declarations, settings, filingDate, (analysis, i) => ({
    path: declarations[i].display,
    ...inSheet(declarations[i].sheet, reported(withEncoding(analysis, declarations[i].encoding))),
  })));
  const order = new Map(inputs.map((input, i) => [input.display, i]));
  reports.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  io.out(render(format, reports, VERSION, DOCS_URI));
  // Never a green run that skipped a file: an unreadable input is exit 2, once everything else is checked.
  if (ioFailed) return EXIT_USAGE;
  const errors = reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  return errors && !values['no-exit-code'] ? EXIT_ERRORS : EXIT_OK;
}

function notCsvReport(input: { display: string }, reason: string): FileReport {
  return {
    path: input.display,
    diagnostics: [{ code: 'not-csv', severity: 'error', line: 1, column: 1, endLine: 1, endColumn: 1, message: notCsvMessage(reason) }],
  };
}

/** A workbook's findings name its sheet: `line` is already the sheet's row (row 1 is the header row). */
function inSheet(sheet: string | undefined, diagnostics: ReportedDiagnostic[]): { sheet?: string; diagnostics: ReportedDiagnostic[] } {
  return sheet === undefined ? { diagnostics } : { sheet, diagnostics: diagnostics.map((d) => ({ ...d, sheet })) };
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


function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** What the one classifier (the editor's and every command's) says each file is, and why. */
async function classify(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, sheet: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('classify needs at least one file or directory');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format takes text|json, not '${values.format}'`);
  const { lists: [inputs], failures } = await expandAll(positionals);
  const workspace = await loadWorkspace({ inputs, indexDeclarations: false, sheet: values.sheet });
  const failed = reportFailures([...failures, ...workspace.failures], io);
  const files = workspace.files.map((f) => ({ path: f.display, kind: f.kind, reason: f.reason, ...(f.sheet !== undefined ? { sheet: f.sheet } : {}) }));
  if (values.format === 'json') io.out(JSON.stringify({ files }) + '\n');
  else for (const f of files) io.out(`${f.path}: ${f.kind} (${f.reason})\n`);
  return failed ? EXIT_USAGE : EXIT_OK;
}


async function fix(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
  if (positionals.length === 0) throw new UsageError('fix needs at least one file');
  const { lists: [inputs], failures } = await expandAll(positionals);
  const workspace = await loadWorkspace({ inputs, indexDeclarations: false });
  let status = reportFailures([...failures, ...workspace.failures], io) ? EXIT_USAGE : EXIT_OK;
  const { refused, skipped, skippedWorkbooks, declarations } = declarationsToWrite(workspace, 'fix', io, true);
  if (refused) return EXIT_USAGE;
  for (const declaration of declarations) {
    const { display, absolute, text, encoding } = declaration;
    if (!values['dry-run'] && !isRegularFile(absolute)) {
      io.err(`cape: ${display}: not a regular file (a pipe, device or standard input); cape fix rewrites files only, nothing written\n`);
      status = EXIT_USAGE;
      continue;
    }
    const analysis = analyze(text, declaration.uri, DEFAULT_SETTINGS);
    const fixed = applyOffsetEdits(text, fixAllEdits(analysis));
    const after = analyze(fixed, analysis.model.uri, DEFAULT_SETTINGS);
    const remaining = reported(after).filter((d) => d.severity === 'error').length;
    if (remaining > 0 && status === EXIT_OK) status = EXIT_ERRORS;
    const reencode = encoding === 'utf-16le' || encoding === 'utf-16be';
    if (fixed === text && !reencode) {
      io.out(`${display}: nothing to fix${remaining ? `; ${remaining} error(s) need a person (run cape check)` : ''}\n`);
      continue;
    }
    if (encoding === 'windows-1252' && /[^\x00-\x7f]/.test(fixed)) {
      io.err(`cape: ${display}: not UTF-8 and holds non-ASCII text; save it as CSV UTF-8 first, nothing written\n`);
      status = EXIT_USAGE;
      continue;
    }
    const changes = [fixed !== text ? summarizeFixes(analysis) : '', reencode ? `re-saved as UTF-8 (was ${encoding.toUpperCase()})` : ''].filter(Boolean).join('; ');
    if (!values['dry-run']) {
      try {
        // Through a symbolic link, the link's target is rewritten (atomically); the link stays a link.
        const target = fs.realpathSync(absolute);
        writeFileSafely(target, fixed, { replaceExisting: true, root: path.dirname(target) });
      } catch (error) {
        io.err(`cape: ${display}: ${error instanceof WriteRefused ? error.message : `cannot write it: ${ioMessage(error)}`}; nothing written\n`);
        status = EXIT_USAGE;
        continue;
      }
    }
    io.out(`${display}: ${values['dry-run'] ? 'would fix' : 'fixed'} ${changes}${remaining ? `; ${remaining} error(s) need a person (run cape check)` : ''}\n`);
  }
  if (skipped) io.out(`${skipped} (cape fix changes declarations only)\n`);
  if (skippedWorkbooks) io.out(`${skippedWorkbooks}\n`);
  return status;
}

function summarizeFixes(analysis: Analysis): string {
  const counts = new Map<string, number>();
  for (const f of analysis.findings) if (FIX_ALL_CODES.has(f.code) && analysis.settings.rules[f.code] !== 'off') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${n} ${code}`).join(', ') || 'formatting';
}

if (require.main === module) {
  void run(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code;
  });
}
