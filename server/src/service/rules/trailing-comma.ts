import type { Rule } from './rule';

/** Empty fields after the entry (`ABC12345676,`): CBP is silent, so a warning with a lossless fix. */
export const trailingComma: Rule = {
  codes: ['trailing-comma'],
  check({ model, perEntry, report }) {
    // A `;` or tab save: the delimiter finding speaks for every row, not one finding per row.
    if (!perEntry || model.delimiter) return;
    for (const row of model.wideRows) {
      if (row.blank) continue;
      if (row.fields.slice(1).some((f) => f.trim() !== '')) continue;
      report({
        code: 'trailing-comma',
        start: row.cellEnd,
        end: row.end,
        message: 'Trailing comma: the row has empty extra fields, which ACE may read as a second column. Remove it.',
        fix: { title: 'Remove the trailing comma', edits: [{ start: row.cellEnd, end: row.end, newText: '' }] },
      });
    }
  },
};
