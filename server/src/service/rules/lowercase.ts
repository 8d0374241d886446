import { singleStepFixes } from '../normalize';
import { rawCell, replaceCell } from './helpers';
import type { Rule } from './rule';

export const lowercase: Rule = {
  codes: ['lowercase'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (!facts.lowercase || facts.scientific) continue;
      report({
        code: 'lowercase',
        start: row.cellStart,
        end: row.cellEnd,
        message: 'Lower-case letters in the entry number; filer codes are upper case. Convert to upper case.',
        fix: { title: 'Convert to upper case', edits: [replaceCell(row, singleStepFixes.lowercase(rawCell(model, row)))] },
      });
    }
  },
};
