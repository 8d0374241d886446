/**
 * Quick fixes come from a diagnostic's code and data alone; "fix all" is computed from the model
 * in one pass so that applying it twice changes nothing the second time.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { CODE_ACTION_KINDS } from './ids';
import type { Analysis } from './analyze';
import { effectiveSeverity, toTextEdits, DIAGNOSTIC_SOURCE } from './diagnostics';
import { isCode } from './codes';
import { HEADER_TEXT, findDuplicates } from './model';
import { isPlainCell, rowHoldsOnlyItsEntry } from './rules/helpers';
import type { Row } from './parse';
import { splitCodeActions, type SplitEnvironment } from './splitActions';
import { applyOffsetEdits, type OffsetEdit } from './text';
import { keepsQuotes } from './quoteSafety';
import { ineligibleCodeActions } from './ineligibleActions';
import { analyze } from './analyze';
import { entryColumnOnly } from './rules/delimiter';

export const FIX_ALL_KIND = CODE_ACTION_KINDS.fixAll;

/** The lossless repairs of the whole file: header, BOM, blank lines, cell clean-up, trailing commas, duplicates, zero padding. */
export function fixAllEdits(analysis: Analysis): OffsetEdit[] {
  const { model } = analysis;
  if (model.delimiter) return delimiterFixAll(analysis);
  const enabled = (code: Parameters<typeof effectiveSeverity>[0]) => analysis.settings.rules[code] !== 'off';
  const edits: OffsetEdit[] = [];
  const deleted = new Set<Row>();
  if (model.bom && enabled('bom')) edits.push({ start: 0, end: 1, newText: '' });
  if (model.headerKind === 'data' && enabled('header-missing')) {
    const at = model.bom ? 1 : 0;
    edits.push({ start: at, end: at, newText: HEADER_TEXT + model.lines.eol });
  } else if (model.header && model.headerKind !== 'exact' && enabled('header-mismatch')) {
    edits.push({ start: model.header.cellStart, end: model.header.cellEnd, newText: HEADER_TEXT });
  }
  if (analysis.structuralOnly) return edits;
  if (enabled('blank-line')) for (const row of model.blankRows) deleted.add(row);
  if (enabled('duplicate')) for (const { entry } of findDuplicates(model)) if (rowHoldsOnlyItsEntry(entry)) deleted.add(entry.row);
  // A cell that is only quotes, spaces or invisible characters is a blank line once cleaned.
  if (enabled('blank-line')) for (const { row, facts } of model.unusual) if ((facts.padded ?? facts.normalized) === '' && row.fields.every((f, i) => i === 0 || f.trim() === '')) deleted.add(row);
  for (const row of deleted) edits.push({ start: row.start, end: row.next, newText: '' });
  for (const { row, facts } of model.entries) {
    if (deleted.has(row) || facts.scientific) continue;
    const fixed = facts.padded ?? facts.normalized;
    if (isPlainCell(fixed) && fixed !== model.text.slice(row.cellStart, row.cellEnd)) {
      edits.push({ start: row.cellStart, end: row.cellEnd, newText: fixed });
    }
  }
  if (enabled('trailing-comma')) {
    for (const row of model.wideRows) {
      if (deleted.has(row) || row.blank) continue;
      if (row.fields.slice(1).every((f) => f.trim() === '')) edits.push({ start: row.cellEnd, end: row.end, newText: '' });
    }
  }
  return model.unclosedQuote ? edits.filter((e) => keepsQuotes(model.text, e)) : edits;
}

export function fixAllText(analysis: Analysis): string {
  return applyOffsetEdits(analysis.model.text, fixAllEdits(analysis));
}

function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}


/**
 * Code actions for a range: each diagnostic's own fix (from its data), "fix all of this code",
 * the whole-file extra-column removal, and the safe fix-all source action.
 */
export function getCodeActions(analysis: Analysis, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[], split?: SplitEnvironment, version?: number): CodeAction[] {
  const { model } = analysis;
  const uri = model.uri;
  const actions: CodeAction[] = [];
  // With the document's version, edits are versioned (documentChanges): a client applies them only to
  // the version they were computed for, never to a document that has moved on.
  const edit = (edits: TextEdit[]) => (version === undefined ? { changes: { [uri]: edits } } : { documentChanges: [{ textDocument: { uri, version }, edits }] });
  if (wantsKind(only, CodeActionKind.QuickFix)) {
    const seenCodes = new Set<string>();
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      // The fix is computed from the current analysis, not replayed from the diagnostic's data: a
      // diagnostic of an older version that no current finding matches gets no fix.
      const current = analysis.findings.find((f) => f.code === diagnostic.code && f.fix && sameRange(model.lines.range(f.start, f.end), diagnostic.range));
      const fix = current?.fix;
      if (fix) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit(toTextEdits(model.lines, fix)) });
      }
      const code = diagnostic.code;
      if (seenCodes.has(code) || !isCode(code)) continue;
      seenCodes.add(code);
      const sameCode = analysis.findings.filter((f) => f.code === code && f.fix);
      if (code === 'extra-column' && sameCode.length > 0) {
        actions.push({
          title: `Remove the extra columns from all ${sameCode.length} rows`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit(sameCode.flatMap((f) => toTextEdits(model.lines, f.fix!))),
        });
      } else if (sameCode.length > 1 && fix) {
        actions.push({
          title: `Fix all ${sameCode.length} '${code}' problems in this file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit(mergeDisjoint(sameCode.flatMap((f) => toTextEdits(model.lines, f.fix!)))),
        });
      }
    }
  }
  if (wantsKind(only, FIX_ALL_KIND) && (only?.length || diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE))) {
    const edits = fixAllEdits(analysis);
    if (edits.length > 0) {
      actions.push({ title: 'Fix all safe CAPE problems', kind: FIX_ALL_KIND, edit: edit(edits.map((e) => ({ range: model.lines.range(e.start, e.end), newText: e.newText }))) });
    }
  }
  if (split) actions.push(...splitCodeActions(analysis, diagnostics, split, (kind) => wantsKind(only, kind)));
  actions.push(...ineligibleCodeActions(analysis, diagnostics, split, (kind) => wantsKind(only, kind)));
  actions.push(...archiveActions(analysis, diagnostics, (kind) => wantsKind(only, kind)));
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Drops edits that overlap an earlier one (two deletions of adjacent last lines, for example). */
function mergeDisjoint(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && (e.range.start.line < last.range.end.line || (e.range.start.line === last.range.end.line && e.range.start.character < last.range.end.character))) continue;
    out.push(e);
  }
  return out;
}

/**
 * A `;` or tab save, when rewriting it with the entry column only drops nothing but empty cells
 * (other entries move to lines of their own): that rewrite and the usual fixes of its result, as one
 * edit, so a second fix-all changes nothing. Otherwise nothing: the other columns hold data.
 */
function delimiterFixAll(analysis: Analysis): OffsetEdit[] {
  const { model } = analysis;
  if (analysis.settings.rules.delimiter === 'off') return [];
  const { fix, dropped } = entryColumnOnly(model);
  if (dropped.length > 0 || model.unclosedQuote) return [];
  const rewritten = applyOffsetEdits(model.text, fix.edits);
  const again = analyze(rewritten, model.uri, analysis.settings);
  const final = again.model.delimiter ? rewritten : applyOffsetEdits(rewritten, fixAllEdits(again));
  return final === model.text ? [] : [{ start: 0, end: model.text.length, newText: final }];
}

export const ARCHIVE_FOLDER = 'archived';

/** On an exact split source: move it into `archived/` beside it (a rename, so one Undo brings it back). */
function archiveActions(analysis: Analysis, diagnostics: readonly Diagnostic[], wants: (kind: string) => boolean): CodeAction[] {
  if (!wants(CodeActionKind.QuickFix)) return [];
  const note = diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && d.code === 'split-source');
  const uri = analysis.model.uri;
  if (!note || !uri.startsWith('file:')) return [];
  const slash = uri.lastIndexOf('/');
  const target = `${uri.slice(0, slash + 1)}${ARCHIVE_FOLDER}/${uri.slice(slash + 1)}`;
  return [{
    title: `Archive the split source (move it to ${ARCHIVE_FOLDER}/)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [note],
    isPreferred: true,
    edit: { documentChanges: [{ kind: 'rename', oldUri: uri, newUri: target, options: { overwrite: false, ignoreIfExists: false } }] },
  }];
}
