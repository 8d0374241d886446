import { deleteRow } from './helpers';
import type { Rule } from './rule';

/** Blank rows: CBP is silent; ACE may read them as empty entry numbers. A final newline is fine. */
export const blankLine: Rule = {
  codes: ['blank-line'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const row of model.blankRows) {
      report({
        code: 'blank-line',
        start: row.start,
        end: row.end,
        message: 'Blank line: ACE may read it as an empty entry number. Delete it.',
        fix: { title: 'Delete the blank line', edits: [deleteRow(model, row)] },
      });
    }
  },
};
