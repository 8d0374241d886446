import { clip } from './helpers';
import type { Rule } from './rule';

/** F2: exactly one column; non-empty cells beyond it (ES-003 columns pasted in) reject the file. */
export const extraColumn: Rule = {
  codes: ['extra-column'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const row of model.wideRows) {
      if (row.blank) continue;
      const extras = row.fields.slice(1).filter((f) => f.trim() !== '');
      if (extras.length === 0) continue;
      report({
        code: 'extra-column',
        start: row.cellEnd,
        end: row.end,
        message: `This row has ${extras.length + 1} columns (extra: ${extras.slice(0, 3).map((e) => `\`${clip(e, 20)}\``).join(', ')}${extras.length > 3 ? ', ...' : ''}); a CAPE declaration has exactly one. Remove the extra columns.`,
        fix: { title: 'Remove the extra columns from this row', edits: [{ start: row.cellEnd, end: row.end, newText: '' }] },
      });
    }
  },
};
