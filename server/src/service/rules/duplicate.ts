import { findDuplicates } from '../model';
import { deleteRow, rowHoldsOnlyItsEntry } from './helpers';
import type { Rule } from './rule';

/** F6 [2nd]: no entry twice in one file; `ABC-1234567-6` and `ABC12345676` are the same entry. */
export const duplicate: Rule = {
  codes: ['duplicate'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { entry, first } of findDuplicates(model)) {
      const line = first.row.line + 1;
      report({
        code: 'duplicate',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `Duplicate of line ${line} (${entry.facts.key}); ACE rejects a file that lists an entry twice. Delete this line.`,
        // A line that holds more than this entry is not deleted whole: its other values could be entries.
        fix: rowHoldsOnlyItsEntry(entry) ? { title: 'Delete the duplicate line', edits: [deleteRow(model, entry.row)] } : undefined,
        related: [{ start: first.row.cellStart, end: first.row.cellEnd, message: 'First occurrence' }],
        unnecessary: true,
        details: { firstLine: line },
      });
    }
  },
};
