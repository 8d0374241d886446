/** Fixes never change how quotes pair up while a quote is left open: shared by the rules' fixes and fix-all. */
import type { DeclarationModel } from './model';
import type { Finding } from './rules/rule';
import type { OffsetEdit } from './text';

/**
 * The edit leaves as many quote characters as it replaces. With a quote left open, the rows come
 * from reading quotes as text: removing or adding one pairs them differently and can swallow the
 * lines between two of them into one cell, so neither fix-all nor a quick fix does that.
 */
export function keepsQuotes(text: string, edit: OffsetEdit): boolean {
  return quoteCount(text.slice(edit.start, edit.end)) === quoteCount(edit.newText);
}

function quoteCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) count++;
  return count;
}

/** The finding without its fix when the model has a quote left open and the fix changes quotes. */
export function withQuoteSafeFix(model: DeclarationModel, finding: Finding): Finding {
  if (!model.unclosedQuote || !finding.fix || finding.fix.edits.every((e) => keepsQuotes(model.text, e))) return finding;
  return { ...finding, fix: undefined };
}

