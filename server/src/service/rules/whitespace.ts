import { singleStepFixes } from '../normalize';
import { rawCell, replaceCell } from './helpers';
import type { Rule } from './rule';

export const whitespace: Rule = {
  codes: ['whitespace'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (!facts.whitespace) continue;
      report({
        code: 'whitespace',
        start: row.cellStart,
        end: row.cellEnd,
        message: 'Spaces or tabs in the entry number; ACE expects the 11 characters alone. Remove them.',
        fix: { title: 'Remove the spaces', edits: [replaceCell(row, singleStepFixes.whitespace(rawCell(model, row)))] },
      });
    }
  },
};
