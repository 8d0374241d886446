import { singleStepFixes } from '../normalize';
import { isPlainCell, rawCell, replaceCell } from './helpers';
import type { Rule } from './rule';

export const quoted: Rule = {
  codes: ['quoted'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (!facts.quoted) continue;
      const unquoted = singleStepFixes.quoted(rawCell(model, row), facts);
      report({
        code: 'quoted',
        start: row.cellStart,
        end: row.cellEnd,
        message: 'The entry number is in quotes; CBP\'s template writes it bare. Remove the quotes.',
        // A value holding a comma or quote would change the file's columns once unquoted.
        fix: isPlainCell(unquoted) ? { title: 'Remove the quotes', edits: [replaceCell(row, unquoted)] } : undefined,
      });
    }
  },
};
