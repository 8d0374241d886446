/** Findings -> LSP diagnostics: severity overrides, stable codes, doc links and fix data. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import { CODES, type Code, type Severity } from './codes';
import type { Finding, QuickFix } from './rules/rule';
import type { LineIndex } from './text';

export const DIAGNOSTIC_SOURCE = 'cape';

/** What a CAPE diagnostic carries in `data`: the fix the client applies as it is, and facts. */
export interface DiagnosticData {
  fix?: { title: string; edits: TextEdit[] };
  [fact: string]: unknown;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The findings that `keep` accepts, by the 0-based line they start on, each line's in order. */
export function findingsByLine(analysis: Analysis, keep: (finding: Finding) => boolean = () => true): Map<number, Finding[]> {
  const byLine = new Map<number, Finding[]>();
  for (const f of analysis.findings) {
    if (!keep(f)) continue;
    const line = analysis.model.lines.positionAt(f.start).line;
    const list = byLine.get(line);
    if (list) list.push(f);
    else byLine.set(line, [f]);
  }
  return byLine;
}

/** Whether a finding is an error once settings (`cape.rules`) have had their say. */
export function isError(finding: Finding, analysis: Analysis): boolean {
  return effectiveSeverity(finding.code, analysis, finding.severity) === 'error';
}

export function effectiveSeverity(code: Code, analysis: Analysis, own?: Severity): Severity | 'off' {
  return analysis.settings.rules[code] ?? own ?? CODES[code].severity;
}

export function toTextEdits(lines: LineIndex, fix: QuickFix): TextEdit[] {
  return fix.edits.map((e) => ({ range: lines.range(e.start, e.end), newText: e.newText }));
}

/** What an editor is sent per document at most; the CLI lists everything. */
export const EDITOR_DIAGNOSTIC_LIMIT = 10000;

/**
 * `docsUri` is where docs/rules.md lives for this installation (file: URI or web page). With a
 * `limit`, the first `limit` problems are listed and one `more-problems` note says how many are not.
 */
export function toDiagnostics(analysis: Analysis, docsUri?: string, limit = Infinity): Diagnostic[] {
  const { model } = analysis;
  const out: Diagnostic[] = [];
  const findings = [...analysis.findings].sort((a, b) => a.start - b.start || a.end - b.end);
  let omitted = 0;
  for (const f of findings) {
    if (out.length >= limit) {
      omitted++;
      continue;
    }
    const severity = effectiveSeverity(f.code, analysis, f.severity);
    if (severity === 'off') continue;
    const data: DiagnosticData = { ...f.details };
    if (f.fix) data.fix = { title: f.fix.title, edits: toTextEdits(model.lines, f.fix) };
    const diagnostic: Diagnostic = {
      range: model.lines.range(f.start, f.end),
      severity: SEVERITY[severity],
      source: DIAGNOSTIC_SOURCE,
      code: f.code,
      message: f.message,
      data,
    };
    if (docsUri) diagnostic.codeDescription = { href: `${docsUri}#${f.code}` };
    if (f.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
    if (f.related || f.relatedUris) {
      diagnostic.relatedInformation = [
        ...(f.related ?? []).map((r) => ({ location: { uri: model.uri, range: model.lines.range(r.start, r.end) }, message: r.message })),
        ...(f.relatedUris ?? []).map((r) => ({ location: { uri: r.uri, range: { start: { line: r.line, character: 0 }, end: { line: r.line, character: 0 } } }, message: r.message })),
      ];
    }
    out.push(diagnostic);
  }
  if (omitted > 0 && effectiveSeverity('more-problems', analysis) !== 'off') {
    const end = model.header ? model.header.cellEnd : model.lines.lineEnd(0);
    out.unshift({
      range: model.lines.range(model.header?.cellStart ?? 0, end),
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: 'more-problems',
      message: `${omitted.toLocaleString('en-US')} more problems are not listed (the first ${limit.toLocaleString('en-US')} are). Fix All, or run \`cape check\` for the full list.`,
      data: { omitted },
      ...(docsUri ? { codeDescription: { href: `${docsUri}#more-problems` } } : {}),
    });
  }
  return out;
}

/** An ES-003 export's unreadable rows, as diagnostics in the export itself. */
export function entryDataRowDiagnostics(problems: readonly { line: number; reason: string; code?: Code }[], docsUri?: string, limit = Infinity): Diagnostic[] {
  return problems.slice(0, limit).map((p) => {
    const code = p.code ?? 'entry-data-row';
    return {
      range: { start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code,
      ...(docsUri ? { codeDescription: { href: `${docsUri}#${code}` } } : {}),
      message: p.code ? p.reason : `${p.reason} This row is left out of the entry data.`,
    };
  });
}
