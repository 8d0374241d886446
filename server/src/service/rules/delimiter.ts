import { entryNumbersIn } from '../normalize';
import type { DeclarationModel } from '../model';
import { clip, plural } from './helpers';
import type { QuickFix, Rule } from './rule';

const NAMES = { ';': 'semicolons (European Excel\'s CSV)', '\t': 'tabs ("Text (Tab delimited)")', '|': 'vertical bars' } as const;

/**
 * The declaration is saved with `;`, tab or `|` between its columns. ACE reads commas: one finding
 * for the whole file (its rows are still checked as the first column), and a rewrite with the entry
 * column only, in which every other value that is an entry number gets a line of its own.
 */
export const delimiter: Rule = {
  codes: ['delimiter'],
  check({ model, report }) {
    if (!model.delimiter) return;
    const rewrite = entryColumnOnly(model);
    const start = model.header?.start ?? 0;
    report({
      code: 'delimiter',
      start,
      end: model.header?.end ?? model.lines.lineEnd(0),
      message:
        `This file is saved with ${NAMES[model.delimiter]} between its columns; ACE reads a comma-separated file of one column. ` +
        `Its entries are checked as the first column.${rewrite.dropped.length > 0 ? ` Rewriting it keeps the entry column and removes ${plural(rewrite.dropped.length, 'other value')} (${rewrite.dropped.slice(0, 3).map((d) => `\`${clip(d, 20)}\``).join(', ')}${rewrite.dropped.length > 3 ? ', ...' : ''}).` : ''}`,
      fix: rewrite.fix,
      details: { delimiter: model.delimiter, lossless: rewrite.dropped.length === 0 },
    });
  },
};

/** The file with its first column alone (other entry numbers on lines of their own), and what that drops. */
export function entryColumnOnly(model: DeclarationModel): { fix: QuickFix; dropped: string[] } {
  const eol = model.lines.eol;
  const lines: string[] = [];
  const dropped: string[] = [];
  for (const row of model.rows) {
    const first = model.text.slice(row.start, row.cellEnd);
    lines.push(first);
    for (const field of row.fields.slice(1)) {
      if (field.trim() === '') continue;
      const found = entryNumbersIn(field);
      lines.push(...found.entries);
      // The header's other cells are column titles, not data: removing them loses nothing.
      if (row !== model.header) dropped.push(...found.dropped);
    }
  }
  const bodyStart = model.bom ? 1 : 0;
  const end = model.rows.length > 0 ? model.rows[model.rows.length - 1].end : bodyStart;
  return { fix: { title: 'Rewrite with the entry column only, comma-separated', edits: [{ start: bodyStart, end, newText: lines.join(eol) }] }, dropped };
}
