/**
 * Quick fixes for entries ACE would reject: remove this entry (with its reason), remove every entry
 * rejected for that reason, and a source action that moves every ineligible entry to `excluded.csv`
 * beside the declaration (appended, never overwritten), with its reasons. All undoable edits.
 */
import { fileNameOf } from './fileNames';
import { CODE_ACTION_KINDS } from './ids';
import { newFileChanges } from './newFiles';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { stringify } from 'csv-stringify/sync';
import type { Analysis } from './analyze';
import type { Code } from './codes';
import { DIAGNOSTIC_SOURCE, findingsByLine, isError } from './diagnostics';
import type { Entry } from './model';
import { deleteRow, rowHoldsOnlyItsEntry } from './rules/helpers';
import type { Finding } from './rules/rule';
import type { SplitEnvironment } from './splitActions';
import type { OffsetEdit } from './text';

export const MOVE_INELIGIBLE_KIND = CODE_ACTION_KINDS.moveIneligible;
export const EXCLUSION_FILE = 'excluded.csv';

/** Entry-level verdicts that mean ACE drops the entry, and how each reads in an action's title. */
export const INELIGIBLE_CODES: Partial<Record<Code, string>> = {
  'window-closed': 'window closed',
  'excluded-entry-type': 'excluded entry type',
  'no-ieepa-duty': 'no IEEPA duty',
  drawback: 'on a drawback claim',
  protest: 'protest on entry',
  'reconciliation-flagged': 'flagged for reconciliation',
  'adcvd-pending': 'AD/CVD pending liquidation',
  'already-declared': 'already accepted',
  'duplicate-in-workspace': 'in another declaration',
};

interface Ineligible {
  entry: Entry;
  findings: Finding[];
}

/** Entries with an error-level ineligibility verdict, each once, in file order. */
function ineligibleEntries(analysis: Analysis, only?: Code): Ineligible[] {
  const byLine = findingsByLine(analysis, (f) => f.code in INELIGIBLE_CODES && (!only || f.code === only) && isError(f, analysis));
  const out: Ineligible[] = [];
  for (const entry of analysis.model.entries) {
    const findings = byLine.get(entry.row.line);
    // A line holding more than this entry is not removed whole: its other values could be entries.
    if (findings && rowHoldsOnlyItsEntry(entry)) out.push({ entry, findings });
  }
  return out;
}

function textEdits(analysis: Analysis, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: analysis.model.lines.range(e.start, e.end), newText: e.newText }));
}

function removal(analysis: Analysis, entries: readonly Ineligible[]): WorkspaceEdit {
  return { changes: { [analysis.model.uri]: textEdits(analysis, entries.map((i) => deleteRow(analysis.model, i.entry.row))) } };
}

export function ineligibleCodeActions(analysis: Analysis, diagnostics: readonly Diagnostic[], environment: SplitEnvironment | undefined, wants: (kind: string) => boolean): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const offered = new Set<string>();
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code as Code;
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !(code in INELIGIBLE_CODES) || code === 'already-declared' || code === 'duplicate-in-workspace') continue;
      const reason = INELIGIBLE_CODES[code]!;
      const all = ineligibleEntries(analysis, code);
      const here = all.find((i) => i.entry.row.line === diagnostic.range.start.line);
      if (here) actions.push({ title: `Remove this entry (${reason})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: removal(analysis, [here]) });
      if (all.length > 1 && !offered.has(code)) {
        offered.add(code);
        actions.push({ title: `Remove all ${all.length.toLocaleString('en-US')} entries ACE would reject for this reason (${reason})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: removal(analysis, all) });
      }
    }
  }
  if (wants(MOVE_INELIGIBLE_KIND) && environment?.directoryUri) {
    const all = ineligibleEntries(analysis);
    if (all.length > 0) actions.push(moveToExclusionFile(analysis, all, environment));
  }
  return actions;
}

/** Removes every ineligible entry and appends it, with its reasons, to `excluded.csv` beside the declaration. */
function moveToExclusionFile(analysis: Analysis, entries: readonly Ineligible[], environment: SplitEnvironment): CodeAction {
  const { model } = analysis;
  const source = fileNameOf(model.uri);
  const rows = entries.map(({ entry, findings }) => [source, entry.row.line + 1, model.text.slice(entry.row.cellStart, entry.row.cellEnd), findings.map((f) => f.code).join(' '), findings.map((f) => f.message).join(' | ')]);
  const target = environment.directoryUri! + EXCLUSION_FILE;
  const existing = environment.siblingText?.(EXCLUSION_FILE);
  const body = stringify(existing === undefined ? [['Source', 'Line', 'Entry', 'Codes', 'Messages'], ...rows] : rows, { record_delimiter: '\r\n' });
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  if (existing === undefined) {
    documentChanges.push(...newFileChanges(target, body));
  } else {
    // Appended after what is there: an earlier exclusion file is never overwritten.
    const lines = existing.split(/\r\n|\n|\r/);
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const separator = existing === '' || /[\r\n]$/.test(existing) ? '' : '\r\n';
    documentChanges.push({ textDocument: { uri: target, version: null }, edits: [{ range: { start: end, end }, newText: separator + body }] });
  }
  documentChanges.push({ textDocument: { uri: model.uri, version: null }, edits: textEdits(analysis, entries.map((i) => deleteRow(model, i.entry.row))) });
  return {
    title: `Move every ineligible entry (${entries.length.toLocaleString('en-US')}) to ${EXCLUSION_FILE}, with reasons`,
    kind: MOVE_INELIGIBLE_KIND,
    edit: { documentChanges },
  };
}
