import { replaceCell } from './helpers';
import type { Rule } from './rule';

/** Spreadsheets drop the leading zeros of all-digit entry numbers; padding is offered only when the check digit confirms it. */
export const leadingZerosLost: Rule = {
  codes: ['leading-zeros-lost'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (facts.padded === undefined) continue;
      const digits = facts.normalized.length;
      report({
        code: 'leading-zeros-lost',
        start: row.cellStart,
        end: row.cellEnd,
        message: `Only ${digits} digits: a spreadsheet dropped the leading zeros. \`${facts.padded}\` passes the check digit; pad it, and format the column as Text before the next export.`,
        fix: { title: `Restore the leading zeros: ${facts.padded}`, edits: [replaceCell(row, facts.padded)] },
        details: { padded: facts.padded },
      });
    }
  },
};
