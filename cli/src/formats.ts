/** The check report in each of the CLI's formats. Lines and columns are 1-based everywhere here. */
import { CODES, isCode, workbookPlace, type Severity } from '../../server/src/service';

export interface ReportedDiagnostic {
  code: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** A workbook's sheet; `line` is then that sheet's row number. */
  sheet?: string;
}

export interface FileReport {
  path: string;
  /** A workbook: the sheet that was read. */
  sheet?: string;
  diagnostics: ReportedDiagnostic[];
}

export type Format = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: Format[] = ['text', 'json', 'sarif', 'github'];

/** A workbook's finding says where in Excel it is: `(sheet "Entries", row 12)`. */
function located(d: ReportedDiagnostic): string {
  return d.sheet === undefined ? d.message : `${d.message} (${workbookPlace(d.sheet, d.line - 1)})`;
}

export function render(format: Format, files: FileReport[], version: string, docsUri: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ files: files.map((f) => ({ path: f.path, ...(f.sheet !== undefined ? { sheet: f.sheet } : {}), diagnostics: f.diagnostics })) }) + '\n';
    case 'github':
      return renderGithub(files);
    case 'sarif':
      return JSON.stringify(renderSarif(files, version, docsUri), null, 2) + '\n';
    default:
      return renderText(files);
  }
}

function renderText(files: FileReport[]): string {
  let out = '';
  const counts = { error: 0, warning: 0, info: 0 };
  for (const file of files) {
    for (const d of file.diagnostics) {
      counts[d.severity]++;
      out += `${file.path}:${d.line}:${d.column}: ${d.severity} ${d.code} ${located(d)}\n`;
    }
  }
  const total = counts.error + counts.warning + counts.info;
  const filesText = `${files.length} file${files.length === 1 ? '' : 's'}`;
  out += total === 0
    ? `No problems in ${filesText}.\n`
    : `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info) in ${filesText}.\n`;
  return out;
}

/** GitHub Actions workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
function renderGithub(files: FileReport[]): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
  let out = '';
  for (const file of files) {
    for (const d of file.diagnostics) {
      out += `::${command[d.severity]} file=${escapeProperty(file.path)},line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=${escapeProperty(d.code)}::${escapeData(located(d))}\n`;
    }
  }
  return out;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

function renderSarif(files: FileReport[], version: string, docsUri: string) {
  const used = [...new Set(files.flatMap((f) => f.diagnostics.map((d) => d.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cape',
            version,
            rules: used.map((id) => ({
              id,
              shortDescription: { text: isCode(id) ? CODES[id].summary : id },
              helpUri: `${docsUri}#${id}`,
              defaultConfiguration: { level: SARIF_LEVEL[isCode(id) ? CODES[id].severity : 'error'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((file) =>
          file.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: used.indexOf(d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: located(d) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.path.split('\\').join('/') },
                  region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
