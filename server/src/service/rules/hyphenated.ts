import { singleStepFixes } from '../normalize';
import { rawCell, replaceCell } from './helpers';
import type { Rule } from './rule';

/** F8 [weak]: ACE reportedly strips the dashes of `ABC-1234567-6`; the bare form is certain. */
export const hyphenated: Rule = {
  codes: ['hyphenated'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (!facts.hyphenated) continue;
      report({
        code: 'hyphenated',
        start: row.cellStart,
        end: row.cellEnd,
        message: 'Hyphenated entry number: ACE reportedly tolerates the dashes (weakly sourced), but the 11 characters alone are certain. Remove the hyphens.',
        fix: { title: 'Remove the hyphens', edits: [replaceCell(row, singleStepFixes.hyphenated(rawCell(model, row)))] },
      });
    }
  },
};
