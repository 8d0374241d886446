import { singleStepFixes } from '../normalize';
import { isPlainCell, rawCell, replaceCell } from './helpers';
import type { Rule } from './rule';

/**
 * `="60576069342"`: ACE Portal CSV exports (and Excel users) force numbers to text this way. The
 * number inside is the entry; the formula around it is not part of it, and CBP's template has none.
 */
export const excelTextFormula: Rule = {
  codes: ['excel-text-formula'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (!facts.textFormula) continue;
      const inner = singleStepFixes.textFormula(rawCell(model, row), facts);
      report({
        code: 'excel-text-formula',
        start: row.cellStart,
        end: row.cellEnd,
        message: `The entry number is wrapped in an Excel text formula (${facts.value.trim()}), as ACE Portal exports write numbers; CBP's template holds the number alone. Unwrap it.`,
        fix: isPlainCell(inner) && inner !== rawCell(model, row) ? { title: 'Unwrap the Excel text formula', edits: [replaceCell(row, inner)] } : undefined,
      });
    }
  },
};
