/** The outline, folding and code lenses that make the 9,999-entry split points visible before splitting. */
import { SymbolKind, type CodeLens, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import { SERVER_COMMAND_IDS } from './ids';
import type { Analysis } from './analyze';
import { MAX_ENTRIES_PER_DECLARATION } from './model';
import { planParts } from './split';

/** The server command that splits a declaration (works from any LSP client through workspace/applyEdit). */
export const SPLIT_COMMAND = SERVER_COMMAND_IDS.split;

const n = (value: number) => value.toLocaleString('en-US');

export function getDocumentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { model } = analysis;
  const symbols: DocumentSymbol[] = [];
  if (model.header) {
    const range = model.lines.range(model.header.start, model.header.end);
    symbols.push({ name: 'Header', detail: model.text.slice(model.header.cellStart, model.header.cellEnd), kind: SymbolKind.Key, range, selectionRange: range });
  }
  for (const part of planParts(analysis)) {
    const first = part.entries[0];
    const last = part.entries[part.entries.length - 1];
    const range = model.lines.range(first.row.start, last.row.end);
    const firstLine = first.row.line + 1;
    const lastLine = model.lines.positionAt(last.row.end).line + 1;
    symbols.push({
      name: `Part ${part.index}: entries ${n(first.ordinal)}-${n(last.ordinal)}`,
      detail: `lines ${n(firstLine)}-${n(lastLine)}`,
      kind: SymbolKind.Module,
      range,
      selectionRange: model.lines.range(first.row.cellStart, first.row.cellEnd),
    });
  }
  return symbols;
}

export function getFoldingRanges(analysis: Analysis): FoldingRange[] {
  const { model } = analysis;
  return planParts(analysis)
    .map((part) => ({
      startLine: part.entries[0].row.line,
      endLine: model.lines.positionAt(part.entries[part.entries.length - 1].row.end).line,
      kind: 'region',
    }))
    .filter((r) => r.endLine > r.startLine);
}

/** One lens at each part boundary of an over-limit declaration. */
export function getSplitLenses(analysis: Analysis): CodeLens[] {
  const { model } = analysis;
  if (model.entries.length <= MAX_ENTRIES_PER_DECLARATION) return [];
  return planParts(analysis)
    .slice(1)
    .map((part) => {
      const row = part.entries[0].row;
      return {
        range: model.lines.range(row.cellStart, row.cellEnd),
        command: { title: `Part ${part.index} of ${part.total} starts here: Split Declaration`, command: SPLIT_COMMAND, arguments: [model.uri] },
      };
    });
}
